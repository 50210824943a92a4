import DemandCore
import Features
import XCTest
import _TestSupport

/// The history columns against direct loops over the series (no prefix sums), and by hand.
final class HistoryFeatureTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  func load(
    _ values: [Double], censored: [Bool]? = nil, layout: FeatureLayout,
    targetDays: ClosedRange<Day>
  ) -> SeriesFeatureBuilder {
    var builder = SeriesFeatureBuilder(layout: layout)
    builder.load(
      start: start, values: values,
      censored: censored ?? [Bool](repeating: false, count: values.count),
      covariates: SeriesCovariates(key: testKey, category: "dairy"),
      calendar: CalendarContext(holidays: []), targetDays: targetDays)
    return builder
  }

  /// Mean of the usable values at positions `first ... last` (clipped to the series), or nil.
  func directMean(_ values: [Double], _ censored: [Bool], _ first: Int, _ last: Int) -> Double? {
    let usable = (max(0, first)...last).filter { !censored[$0] && values[$0].isFinite }
    guard !usable.isEmpty else { return nil }
    return usable.reduce(0) { $0 + values[$1] } / Double(usable.count)
  }

  func testHistoryColumnsMatchDirectLoops() throws {
    var generator = SplitMix64(seed: 7)
    let count = 500
    let values = (0..<count).map { _ in Double(generator.below(12)) }
    let censored = (0..<count).map { _ in generator.below(10) == 0 }
    for h in [1, 5, 7, 28] {
      let layout = FeatureLayout(horizonDays: h, minimumHistoryDays: 20)
      let builder = load(
        values, censored: censored, layout: layout,
        targetDays: start...start.adding(days: count + h - 1))
      for t in stride(from: 0, to: count + h, by: 3) {
        let cut = t - h
        let row = builder.row(for: start.adding(days: t))
        let levelCount = cut < 0 ? 0 : (max(0, cut - 363)...cut).filter { !censored[$0] }.count
        guard levelCount >= 20 else {
          XCTAssertNil(row, "t \(t), h \(h): \(levelCount) uncensored days is too few")
          continue
        }
        let found = try XCTUnwrap(row, "t \(t), h \(h)")
        let level = try XCTUnwrap(directMean(values, censored, cut - 363, cut))
        let scale = max(level, 0.1)
        assertClose(found.scale, scale, relativeTolerance: 1e-12)
        func check(_ column: FeatureColumn, _ expected: Double) {
          // Tolerance: prefix-sum differences of integers are exact; the divisions round once.
          assertClose(
            found.value(column, in: layout), expected, relativeTolerance: 1e-12,
            absoluteTolerance: 1e-15, "\(column) at t \(t), h \(h)")
        }
        let week = directMean(values, censored, cut - 6, cut)
        let month = directMean(values, censored, cut - 27, cut)
        check(.recentMean, (week ?? level) / scale)
        check(.monthMean, (month ?? level) / scale)
        let firstWeek = (h + 6) / 7
        let sameWeekday = (firstWeek..<firstWeek + 4).map { t - 7 * $0 }
          .filter { $0 >= 0 && !censored[$0] }
        check(.sameWeekdayLast, (sameWeekday.first.map { values[$0] } ?? level) / scale)
        let weekdayMean =
          sameWeekday.isEmpty
          ? level : sameWeekday.reduce(0) { $0 + values[$1] } / Double(sameWeekday.count)
        check(.sameWeekdayMean, weekdayMean / scale)
        check(.lagFallback, week == nil || month == nil || sameWeekday.isEmpty ? 1 : 0)
        let monthDays = (max(0, cut - 27)...cut).filter { !censored[$0] }
        check(
          .recentZeroShare,
          monthDays.isEmpty
            ? 0 : Double(monthDays.filter { values[$0] == 0 }.count) / Double(monthDays.count))
        let weekDays = Array(max(0, cut - 6)...min(cut, count - 1))
        check(
          .recentCensoredShare,
          Double(weekDays.filter { censored[$0] }.count) / Double(weekDays.count))
        check(.logLevel, log(scale))
      }
    }
  }

  func testCensoredDaysInWindowsAreSkippedByHand() throws {
    // 40 days of 2 units, then days 33…39 = 9, 9, 100 (censored), 9, 9, NaN, 9.
    var values = [Double](repeating: 2, count: 40)
    var censored = [Bool](repeating: false, count: 40)
    values.replaceSubrange(33..<40, with: [9, 9, 100, 9, 9, .nan, 9])
    censored[35] = true
    let layout = FeatureLayout(horizonDays: 1, minimumHistoryDays: 28)
    let target = start.adding(days: 40)
    let builder = load(values, censored: censored, layout: layout, targetDays: target...target)
    let row = try XCTUnwrap(builder.row(for: target))
    // Usable: 33 twos and five nines (the censored 100 and the NaN are missing).
    let level: Double = (33 * 2 + 5 * 9) / 38
    XCTAssertEqual(row.scale, level, accuracy: 1e-15)
    XCTAssertEqual(row.value(.recentMean, in: layout), 9 / level, accuracy: 1e-15)
    XCTAssertEqual(row.value(.recentCensoredShare, in: layout), 2.0 / 7, "censored and NaN")
    // Same weekday as day 40 at or before day 39: days 33, 26, 19, 12 → 9, 2, 2, 2.
    XCTAssertEqual(row.value(.sameWeekdayLast, in: layout), 9 / level, accuracy: 1e-15)
    XCTAssertEqual(row.value(.sameWeekdayMean, in: layout), 15.0 / 4 / level, accuracy: 1e-15)
    XCTAssertEqual(row.value(.lagFallback, in: layout), 0)
  }

  func testFallbackWhenAWindowIsFullyCensored() throws {
    var values = [Double](repeating: 4, count: 60)
    var censored = [Bool](repeating: false, count: 60)
    for day in 53..<60 {
      censored[day] = true
      values[day] = 0  // a stock-out's zero must not be read as demand
    }
    let layout = FeatureLayout(horizonDays: 1)
    let target = start.adding(days: 60)
    let row = try XCTUnwrap(
      load(values, censored: censored, layout: layout, targetDays: target...target).row(
        for: target))
    XCTAssertEqual(row.scale, 4)
    XCTAssertEqual(row.value(.recentMean, in: layout), 1, "falls back to level / scale")
    XCTAssertEqual(row.value(.monthMean, in: layout), 1)
    XCTAssertEqual(row.value(.lagFallback, in: layout), 1)
    XCTAssertEqual(row.value(.recentCensoredShare, in: layout), 1)
    XCTAssertEqual(row.value(.recentZeroShare, in: layout), 0)
  }

  func testShortHistoryRowsAreUnavailableUnlessAllowed() throws {
    let layout = FeatureLayout(horizonDays: 7, minimumHistoryDays: 28)
    let values = [Double](repeating: 0.02, count: 30)
    let targets = start...start.adding(days: 40)
    let builder = load(values, layout: layout, targetDays: targets)
    // Day 34 has cut-off 27: 28 days of history. Day 33 has 27.
    XCTAssertNil(builder.row(for: start.adding(days: 33)))
    let row = try XCTUnwrap(builder.row(for: start.adding(days: 34)))
    XCTAssertEqual(row.scale, 0.1, "a level of 0.02 units/day is floored at 0.1")
    XCTAssertEqual(row.value(.recentMean, in: layout), 0.2, accuracy: 1e-15)
    let lenient = try XCTUnwrap(
      builder.row(for: start.adding(days: 10), allowingShortHistory: true))
    XCTAssertEqual(lenient.scale, 0.1)
    let empty = try XCTUnwrap(
      builder.row(for: start.adding(days: 3), allowingShortHistory: true),
      "no history at all: the floor, every window falling back")
    XCTAssertEqual(empty.scale, 0.1)
    XCTAssertEqual(empty.value(.lagFallback, in: layout), 1)
    XCTAssertEqual(empty.value(.recentMean, in: layout), 1)
  }

  func testRowsDoNotDependOnTheTargetRangeLoaded() throws {
    // The engine loads short ranges (forecasts) and long ones (training); a day's row must be
    // the same either way. Integer demand makes the prefix sums exact, so equality is exact.
    var generator = SplitMix64(seed: 11)
    let values = (0..<400).map { _ in Double(generator.below(20)) }
    let layout = FeatureLayout(horizonDays: 14, fourierOrder: 2)
    let long = load(values, layout: layout, targetDays: start...start.adding(days: 413))
    for first in [100, 250, 399] {
      let range = start.adding(days: first)...start.adding(days: first + 14)
      let short = load(values, layout: layout, targetDays: range)
      for day in range {
        XCTAssertEqual(short.row(for: day)?.bits, long.row(for: day)?.bits, "\(day)")
      }
    }
  }
}

/// The per-series profile columns against values computed by hand.
final class ProfileFeatureTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!  // a Monday

  func testWeekdayIndexAndLastYearMeanByHand() throws {
    // 500 days: 7 on Mondays (positions 0, 7, …), 1 on other days; position 491 (a Tuesday)
    // censored at an absurd value.
    let count = 500
    var values = (0..<count).map { $0 % 7 == 0 ? 7.0 : 1.0 }
    var censored = [Bool](repeating: false, count: count)
    censored[491] = true
    values[491] = 1000
    let layout = FeatureLayout(horizonDays: 2, seriesProfiles: true)
    var builder = SeriesFeatureBuilder(layout: layout)
    let covariates = SeriesCovariates(key: testKey, category: "dairy")
    let target = start.adding(days: 497)  // position 497 = 71 · 7: a Monday
    builder.load(
      start: start, values: values, censored: censored, covariates: covariates,
      calendar: CalendarContext(holidays: []), targetDays: target...target)
    let row = try XCTUnwrap(builder.row(for: target))
    // Level: the 364 days ending at the cut-off 495, one censored day out: 52 Mondays of 7 and
    // 311 other days of 1 over 363 uncensored days.
    let level = (52 * 7 + 311.0) / 363
    XCTAssertEqual(row.scale, level, accuracy: 1e-12)
    // The 52 Mondays 490, 483, …, 133 before the cut-off, all 7.
    XCTAssertEqual(row.value(.weekdayIndex, in: layout), 7 / level, accuracy: 1e-12)
    // Last year: the 35 days centred on 497 − 364 = 133: positions 116 … 150, of which the
    // Mondays 119, 126, 133, 140, 147 sell 7 and the other 30 days 1.
    XCTAssertEqual(
      row.value(.lastYearMean, in: layout), (5 * 7 + 30.0) / 35 / level, accuracy: 1e-12)
    XCTAssertEqual(row.value(.lastYearMissing, in: layout), 0)
  }

  func testAYoungSeriesHasNoLastYearAndFewWeekdaysFallBack() throws {
    let values = [Double](repeating: 2, count: 60)
    let layout = FeatureLayout(horizonDays: 1, seriesProfiles: true)
    var builder = SeriesFeatureBuilder(layout: layout)
    let target = start.adding(days: 60)
    builder.load(
      start: start, values: values, censored: [Bool](repeating: false, count: 60),
      covariates: SeriesCovariates(key: testKey, category: "dairy"),
      calendar: CalendarContext(holidays: []), targetDays: target...target)
    let row = try XCTUnwrap(builder.row(for: target))
    XCTAssertEqual(row.value(.weekdayIndex, in: layout), 1, "8 same weekdays at 2, level 2")
    XCTAssertEqual(row.value(.lastYearMean, in: layout), 1, "no last year: the level's ratio")
    XCTAssertEqual(row.value(.lastYearMissing, in: layout), 1)
  }
}
