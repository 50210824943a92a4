import DemandCore
import Features
import XCTest
import _TestSupport

/// Weekly layouts: positions are week numbers (`Grain.period(of:)`), there are no weekday
/// dummies, the yearly terms run over 52.18 weeks and the same-period lags step by 52 weeks.
final class WeeklyFeatureTests: XCTestCase {
  let grain = Grain.weekly(endingOn: .friday)
  /// Week number 2,100 (a week of 2010), the first position of the series.
  let start = Day(daysSinceEpoch: 2100)

  func layout(horizon: Int) -> FeatureLayout {
    FeatureLayout(
      horizonDays: horizon, fourierOrder: 2, levelWindowDays: 52, minimumHistoryDays: 13,
      seriesProfiles: true, excessZeroShare: true
    ).at(grain)
  }

  func testWeeklyLayoutHasNoWeekdayDummiesNorProfiles() {
    let layout = layout(horizon: 1)
    XCTAssertFalse(layout.names.contains { $0.hasPrefix("weekday_") })
    XCTAssertFalse(layout.seriesProfiles)
    // Intercept, 2 × 2 yearly terms, the 16 trailing columns.
    XCTAssertEqual(layout.count, 1 + 4 + 16)
    XCTAssertEqual(layout.names.count, layout.count)
  }

  /// Values 1, 2, 3, … (value = position + 1); hand-computed features for one target.
  func testSameWeekLastYearAndYearlyTermsByHand() throws {
    let layout = layout(horizon: 1)
    let values = (0..<120).map { Double($0 + 1) }
    var builder = SeriesFeatureBuilder(layout: layout)
    builder.load(
      start: start, values: values, censored: values.map { _ in false },
      covariates: SeriesCovariates(key: testKey, category: "c"),
      calendar: CalendarContext(holidays: [start.adding(days: 110)]),
      targetDays: start.adding(days: 100)...start.adding(days: 119))
    // Target position 110, cut-off 109. Level: positions 58 ... 109, values 59 ... 110, mean
    // 84.5. Same week last year: position 58, value 59; its mean over 4 years back: only 58
    // exists (6 and earlier: position 6 is 7, −46 does not exist) → (59 + 7) / 2 = 33.
    let row = try XCTUnwrap(builder.row(for: start.adding(days: 110)))
    XCTAssertEqual(row.scale, 84.5)
    assertClose(row.value(.sameWeekdayLast, in: layout), 59 / 84.5)
    assertClose(row.value(.sameWeekdayMean, in: layout), 33 / 84.5)
    // The last 4 weeks: values 107 ... 110 at positions 106 ... 109; the last 13: 98 ... 110.
    assertClose(row.value(.recentMean, in: layout), 108.5 / 84.5)
    assertClose(row.value(.monthMean, in: layout), 104 / 84.5)
    XCTAssertTrue(layout.names.contains("same_week_last_year"))
    XCTAssertEqual(row.value(.holiday, in: layout), 1)
    XCTAssertEqual(row.value(.dayAfterHoliday, in: layout), 0)
    // Yearly terms of week number 2,210 over 365.25 / 7 weeks.
    let angle = 2 * Double.pi * 2210 / (365.25 / 7)
    assertClose(row.value(.yearlySine(1), in: layout), sin(angle))
    assertClose(row.value(.yearlyCosine(2), in: layout), cos(2 * angle))
  }

  /// The no-look-ahead guarantee of `NoLookAheadTests`, for weekly layouts and the weekly
  /// horizons (1, 2, 4, 13 weeks): the row of target week t is bit-for-bit the same whatever
  /// the values and censoring of weeks ≥ t − h + 1.
  func testNoWeeklyFeatureReadsPastTheCutOff() {
    var generator = SplitMix64(seed: 52)
    let count = 230
    let values = (0..<count).map { _ in Double(generator.below(500)) - 20 }
    let censored = (0..<count).map { _ in generator.below(10) == 0 }
    let promotions = stride(from: 3, to: count + 20, by: 11).map { offset in
      PromotionWindow(
        start: start.adding(days: offset), end: start.adding(days: offset + 1),
        discountFraction: 0.2)
    }
    let covariates = SeriesCovariates(key: testKey, category: "c", promotions: promotions)
    let calendar = CalendarContext(
      holidays: stride(from: 40, to: count, by: 52).map {
        start.adding(days: $0)
      })
    var checkedRows = 0
    for h in [1, 2, 4, 13] {
      checkedRows += checkNoLookAhead(
        layout: layout(horizon: h), start: start, values: values, censored: censored,
        covariates: covariates, calendar: calendar, generator: &generator)
    }
    XCTAssertGreaterThan(checkedRows, 4 * 180)
  }
}
