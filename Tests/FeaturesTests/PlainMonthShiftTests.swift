import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The credible shift read over the last 28 days without their promotions
/// (`FeatureLayout.plainMonthShift`), checked by hand.
final class PlainMonthShiftTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  /// The series of `CredibleShiftTests.testAShiftIsWeightedByItsCredibility`: twelve blocks of
  /// 28 days alternate 0 and 2, the last one (days 336 … 363) 2 and 4. Z = 0.879630 and the
  /// level 420 / 364 (see there).
  let values = (0..<364).map { day -> Double in
    day < 336 ? (day % 2 == 0 ? 0 : 2) : (day % 2 == 0 ? 2 : 4)
  }

  /// The shift column of the row whose cut-off is day 363, with a promotion on days
  /// `promoted`.
  func shift(promoted: ClosedRange<Int>, plain: Bool) throws -> Double {
    let layout = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, levelCredibility: true, plainMonthShift: plain)
    var builder = SeriesFeatureBuilder(layout: layout)
    let target = start.adding(days: values.count)
    let promotion = PromotionWindow(
      start: start.adding(days: promoted.lowerBound), end: start.adding(days: promoted.upperBound),
      discountFraction: 0.3)
    builder.load(
      start: start, values: values, censored: [Bool](repeating: false, count: values.count),
      covariates: SeriesCovariates(key: testKey, category: "dairy", promotions: [promotion]),
      calendar: CalendarContext(holidays: []), targetDays: target...target)
    return try XCTUnwrap(builder.row(for: target)).value(.credibleMonthShift, in: layout)
  }

  /// Promoted days 336 … 338 sold 2 + 4 + 2 = 8 of the last block's 84; the other 25 days of
  /// the month sold 76, a mean of 3.04 instead of 3. The column is
  /// Z × (3.04 − 420/364) / (420/364) = 1.437901 (exact fractions in Python), 1.407407 when
  /// the promoted days count.
  func testPromotedDaysAreLeftOutOfTheMonth() throws {
    XCTAssertEqual(try shift(promoted: 336...338, plain: true), 1.4379012345679012, accuracy: 1e-9)
    XCTAssertEqual(
      try shift(promoted: 336...338, plain: false), 1.4074074074074074, accuracy: 1e-9)
  }

  /// A promotion on days 336 … 357 leaves 6 plain days, fewer than 7: the whole month counts.
  func testTooFewPlainDaysKeepTheWholeMonth() throws {
    XCTAssertEqual(try shift(promoted: 336...357, plain: true), 1.4074074074074074, accuracy: 1e-9)
  }

  /// A promotion before the last 28 days changes nothing.
  func testAnEarlierPromotionChangesNothing() throws {
    XCTAssertEqual(try shift(promoted: 300...320, plain: true), 1.4074074074074074, accuracy: 1e-9)
  }

  /// The flag needs the shift column and daily grain; layouts saved before it decode without.
  func testLayoutAndDecoding() throws {
    XCTAssertFalse(
      FeatureLayout(horizonDays: 1, seriesProfiles: true, plainMonthShift: true)
        .plainMonthShift)
    let full = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, levelCredibility: true, plainMonthShift: true)
    XCTAssertTrue(full.plainMonthShift)
    XCTAssertEqual(
      full.columns,
      FeatureLayout(
        horizonDays: 1, seriesProfiles: true, levelCredibility: true
      ).columns)
    XCTAssertFalse(full.at(.weekly(endingOn: .friday)).plainMonthShift)
    XCTAssertFalse(try decodedWithout(["plainMonthShift"], from: full).plainMonthShift)
  }
}
