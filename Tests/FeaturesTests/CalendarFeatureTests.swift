import DemandCore
import Features
import XCTest
import _TestSupport

/// Calendar and promotion columns checked by hand on known dates.
final class CalendarFeatureTests: XCTestCase {
  /// 2024-03-04 is a Monday (2024-01-01 was one, and 31 + 29 + 4 = day 64 = 9 weeks + 1 day).
  let monday = Day(year: 2024, month: 3, day: 4)!

  /// A builder loaded with a flat series of 3 units/day over 2023-06-01 … 2024-12-31.
  func builder(
    fourierOrder: Int = 0, holidays: [Day] = [], promotions: [PromotionWindow] = [],
    targetDays: ClosedRange<Day>
  ) -> SeriesFeatureBuilder {
    let start = Day(year: 2023, month: 6, day: 1)!
    let count = start.days(to: Day(year: 2024, month: 12, day: 31)!) + 1
    var builder = SeriesFeatureBuilder(
      layout: FeatureLayout(horizonDays: 7, fourierOrder: fourierOrder))
    builder.load(
      start: start, values: [Double](repeating: 3, count: count),
      censored: [Bool](repeating: false, count: count),
      covariates: SeriesCovariates(key: testKey, category: "dairy", promotions: promotions),
      calendar: CalendarContext(holidays: holidays), targetDays: targetDays)
    return builder
  }

  func testLayoutOrderAndWidth() {
    let plain = FeatureLayout(horizonDays: 7)
    XCTAssertEqual(plain.count, 23)
    XCTAssertEqual(plain.names.count, 23)
    XCTAssertEqual(
      Array(plain.names.prefix(8)),
      [
        "intercept", "weekday_tue", "weekday_wed", "weekday_thu", "weekday_fri", "weekday_sat",
        "weekday_sun", "holiday",
      ])
    XCTAssertEqual(plain.names.last, "log_level")
    XCTAssertNil(plain.index(of: .yearlySine(1)))
    let seasonal = FeatureLayout(horizonDays: 7, fourierOrder: 3)
    XCTAssertEqual(seasonal.count, 29)
    XCTAssertEqual(seasonal.index(of: .yearlySine(1)), 7)
    XCTAssertEqual(seasonal.index(of: .yearlyCosine(3)), 12)
    XCTAssertEqual(seasonal.index(of: .holiday), 13)
    XCTAssertEqual(Set(seasonal.names).count, seasonal.count, "names are unique")
  }

  func testWeekdayDummiesOverOneWeek() throws {
    let week = monday...monday.adding(days: 6)
    let builder = builder(targetDays: week)
    let layout = builder.layout
    for offset in 0..<7 {
      let row = try XCTUnwrap(builder.row(for: monday.adding(days: offset)))
      XCTAssertEqual(row.features[0], 1, "intercept")
      // Monday (offset 0) is the baseline: all six dummies 0; otherwise exactly its own is 1.
      let dummies = (1...6).map { row.value(.weekday($0), in: layout) }
      let expected = (1...6).map { $0 == offset ? 1.0 : 0.0 }
      XCTAssertEqual(dummies, expected, "day offset \(offset)")
    }
  }

  func testYearlyFourierTermsOnDayOfYear64() throws {
    let builder = builder(fourierOrder: 3, targetDays: monday...monday)
    let row = try XCTUnwrap(builder.row(for: monday))
    let layout = builder.layout
    // sin/cos(2π k · 64 / 365.25) from Python's math module (day 64 counted by hand above).
    let expected: [(Double, Double)] = [
      (0.8916401947968874, 0.45274469960737107),
      (0.8073707443023492, -0.5900444739548627),
      (-0.16057454459499376, -0.9870237158387383),
    ]
    for (k, pair) in expected.enumerated() {
      // Tolerance: the same formula in both languages; libm sin/cos differ by at most an ulp or
      // two.
      assertClose(row.value(.yearlySine(k + 1), in: layout), pair.0, relativeTolerance: 1e-14)
      assertClose(row.value(.yearlyCosine(k + 1), in: layout), pair.1, relativeTolerance: 1e-14)
    }
  }

  func testHolidayAndItsNeighbours() throws {
    let christmas = Day(year: 2024, month: 12, day: 25)!
    let builder = builder(
      holidays: [christmas], targetDays: christmas.adding(days: -2)...christmas.adding(days: 2))
    let layout = builder.layout
    func flags(_ offset: Int) throws -> [Double] {
      let row = try XCTUnwrap(builder.row(for: christmas.adding(days: offset)))
      return [.holiday, .dayBeforeHoliday, .dayAfterHoliday].map { row.value($0, in: layout) }
    }
    XCTAssertEqual(try flags(-2), [0, 0, 0])
    XCTAssertEqual(try flags(-1), [0, 1, 0], "Christmas Eve is the day before")
    XCTAssertEqual(try flags(0), [1, 0, 0])
    XCTAssertEqual(try flags(1), [0, 0, 1], "26 December is the day after")
    XCTAssertEqual(try flags(2), [0, 0, 0])
  }

  func testPromotionColumnsAroundAWindow() throws {
    // 25 % off Tuesday 5 … Thursday 7 March 2024.
    let promotion = PromotionWindow(
      start: monday.adding(days: 1), end: monday.adding(days: 3), discountFraction: 0.25)
    let builder = builder(
      promotions: [promotion], targetDays: monday...monday.adding(days: 20))
    let layout = builder.layout
    func row(_ offset: Int) throws -> WrittenRow {
      try XCTUnwrap(builder.row(for: monday.adding(days: offset)))
    }
    let before = try row(0)
    XCTAssertEqual(before.value(.promotion, in: layout), 0)
    XCTAssertEqual(before.value(.discount, in: layout), 0)
    XCTAssertEqual(before.value(.logRelativePrice, in: layout), 0)
    XCTAssertEqual(before.value(.afterPromotion, in: layout), 0)
    let during = try row(2)
    XCTAssertEqual(during.value(.promotion, in: layout), 1)
    XCTAssertEqual(during.value(.discount, in: layout), 0.25)
    assertClose(
      during.value(.logRelativePrice, in: layout), -0.2876820724517809,
      relativeTolerance: 1e-15)  // log(0.75), from Python
    XCTAssertEqual(during.value(.afterPromotion, in: layout), 0, "not after while it runs")
    // Friday 8 March is the first day after; Thursday 14 still sees Thursday 7 within 7 days;
    // Friday 15 no longer does.
    XCTAssertEqual(try row(4).value(.afterPromotion, in: layout), 1)
    XCTAssertEqual(try row(10).value(.afterPromotion, in: layout), 1)
    XCTAssertEqual(try row(11).value(.afterPromotion, in: layout), 0)
    // h = 7: the row for Tuesday 12 March has cut-off Tuesday 5, so its 7-day window
    // (27 Feb … 5 Mar) holds 1 promotion day; the row for Thursday 14 (window 1 … 7 Mar) holds 3.
    XCTAssertEqual(try row(8).value(.recentPromotionShare, in: layout), 1.0 / 7)
    XCTAssertEqual(try row(10).value(.recentPromotionShare, in: layout), 3.0 / 7)
  }

  func testDeepestOverlappingDiscountAndClamp() throws {
    let promotions = [
      PromotionWindow(start: monday, end: monday.adding(days: 2), discountFraction: 0.1),
      PromotionWindow(
        start: monday.adding(days: 1), end: monday.adding(days: 1), discountFraction: 0.4),
      PromotionWindow(
        start: monday.adding(days: 2), end: monday.adding(days: 2), discountFraction: 1.0),
    ]
    let builder = builder(promotions: promotions, targetDays: monday...monday.adding(days: 2))
    let layout = builder.layout
    XCTAssertEqual(try XCTUnwrap(builder.row(for: monday)).value(.discount, in: layout), 0.1)
    let second = try XCTUnwrap(builder.row(for: monday.adding(days: 1)))
    XCTAssertEqual(second.value(.discount, in: layout), 0.4)
    let free = try XCTUnwrap(builder.row(for: monday.adding(days: 2)))
    XCTAssertEqual(free.value(.discount, in: layout), 0.95, "a free item is read as 95 % off")
    XCTAssertTrue(free.value(.logRelativePrice, in: layout).isFinite)
  }
}
