import DemandCore
import Features
import XCTest
import _TestSupport

/// No feature of the row for target day t may see demand or censoring after its cut-off t − h.
///
/// For every target t in a range, and h in every default horizon bucket (1, 2, 4, 7, 14, 28):
/// build the row from the series, then
/// overwrite every value at days ≥ t − h + 1 (new random values, NaN, infinities) and flip their
/// censoring at random, reload, and require the row for t to be bit-for-bit the same (or
/// unavailable both times). Integer demand keeps prefix sums exact, so any difference is a
/// dependence, not rounding. Target days run past the series end, as forecasts do.
final class NoLookAheadTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!

  func testNoFeatureReadsPastTheCutOff() {
    var generator = SplitMix64(seed: 2024)
    // Long enough for the growth column's two windows, 364 days apart (455 days of reach).
    let count = 560
    let series = RowCheckSeries(
      start: start, count: count, below: 30, censoredOneIn: 8, promotionEvery: 23,
      promotionDays: 5, generator: &generator)
    let (values, censored) = (series.values, series.censored)
    let covariates = SeriesCovariates(
      key: testKey, category: "dairy", promotions: series.promotions)
    let calendar = CalendarContext(named: [
      (day: Day(year: 2023, month: 12, day: 25)!, name: "Christmas Day"),
      (day: Day(year: 2024, month: 1, day: 1)!, name: "New Year's Day"),
      (day: Day(year: 2024, month: 12, day: 25)!, name: "Christmas Day"),
    ])
    var checkedRows = 0
    for h in [1, 2, 4, 7, 14, 28] {
      let layout = FeatureLayout(
        horizonDays: h, fourierOrder: 2, minimumHistoryDays: 14, seriesProfiles: true,
        holidayNames: ["Christmas Day", "New Year's Day"], growthProfile: true,
        excessZeroShare: true, levelCredibility: true,
        levelPromotions: true, levelBelowFloor: true, seasonStep: true,
        weekdayShapedShifts: true, plainMonthShift: true, logLevel: false, credibleGrowth: true)
      checkedRows += checkNoLookAhead(
        layout: layout, start: start, values: values, censored: censored,
        covariates: covariates, calendar: calendar, generator: &generator)
    }
    // The comparison must have covered real rows, not only unavailable ones.
    XCTAssertGreaterThan(checkedRows, 6 * 400)
  }
}
