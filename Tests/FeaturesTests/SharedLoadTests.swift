import DemandCore
import Features
import XCTest
import _TestSupport

/// One load for several horizons (`load(...horizons:)` then `forHorizon(_:)`, how a direct
/// regression reads a series once for all its buckets) writes, for every horizon, the rows a
/// builder of that horizon loaded on its own writes, bit for bit: target days inside the series
/// (training) and after it (forecasts), with censoring, promotions, holidays, profiles and both
/// kinds of external regressor. Integer demand keeps prefix sums exact.
final class SharedLoadTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!

  func testOneLoadForEveryHorizonWritesTheRowsOfItsOwnLoad() {
    var generator = SplitMix64(seed: 77)
    let count = 460
    let series = RowCheckSeries(
      start: start, count: count, below: 25, censoredOneIn: 9, promotionEvery: 19,
      promotionDays: 4, generator: &generator)
    let (values, censored, promotions) = (series.values, series.censored, series.promotions)
    let event = ExternalRegressor(name: "event", knownInAdvance: true)
    let temperature = ExternalRegressor(name: "temperature", knownInAdvance: false)
    let covariates = SeriesCovariates(
      key: testKey, category: "dairy", promotions: promotions,
      external: [
        "event": CovariateSeries(
          firstDay: start,
          values: (0..<(count + 40)).map { (t: Int) -> Double in t % 11 == 0 ? 1 : 0 }),
        "temperature": CovariateSeries(
          firstDay: start,
          values: (0..<count).map { (t: Int) -> Double in t % 5 == 0 ? .nan : Double(t % 13) }),
      ])
    let calendar = CalendarContext(named: [
      (day: Day(year: 2023, month: 12, day: 25)!, name: "Christmas Day"),
      (day: Day(year: 2024, month: 4, day: 1)!, name: "Easter Monday"),
    ])
    func layout(_ h: Int) -> FeatureLayout {
      FeatureLayout(
        horizonDays: h, fourierOrder: 2, minimumHistoryDays: 14, seriesProfiles: true,
        regressors: [event, temperature], holidayNames: ["Christmas Day", "Easter Monday"],
        growthProfile: true, excessZeroShare: true, levelCredibility: true,
        levelPromotions: true, levelBelowFloor: true, seasonStep: true,
        weekdayShapedShifts: true, plainMonthShift: true, logLevel: false, credibleGrowth: true)
    }
    let horizons = [1, 2, 3, 5, 7, 11, 14, 21, 28]
    var compared = 0
    for targets in [300...340, 440...487] {
      let days = start.adding(days: targets.lowerBound)...start.adding(days: targets.upperBound)
      var shared = SeriesFeatureBuilder(layout: layout(28))
      shared.load(
        start: start, values: values, censored: censored, covariates: covariates,
        calendar: calendar, targetDays: days, horizons: 1...28)
      for h in horizons {
        var own = SeriesFeatureBuilder(layout: layout(h))
        own.load(
          start: start, values: values, censored: censored, covariates: covariates,
          calendar: calendar, targetDays: days)
        let rebased = shared.forHorizon(h)
        XCTAssertEqual(rebased.layout, own.layout)
        for day in days {
          for lenient in [false, true] {
            let expected = own.row(for: day, allowingShortHistory: lenient)
            XCTAssertEqual(
              rebased.row(for: day, allowingShortHistory: lenient)?.bits, expected?.bits,
              "h = \(h), \(day)")
            if expected != nil { compared += 1 }
          }
        }
      }
    }
    // Real rows were compared, not only unavailable ones.
    XCTAssertGreaterThan(compared, 1_000)
  }
}
