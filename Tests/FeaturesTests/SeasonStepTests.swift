import DemandCore
import Foundation
import XCTest

@testable import Features

/// The credible season step (`FeatureColumn.credibleSeasonStep`), checked by hand.
final class SeasonStepTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!
  let layout = FeatureLayout(horizonDays: 1, seriesProfiles: true, seasonStep: true)

  /// The column of the row whose cut-off is the last day of `values` (the target the day
  /// after).
  func step(_ values: [Double]) throws -> Double {
    try XCTUnwrap(SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: layout))
      .value(.credibleSeasonStep, in: layout)
  }

  /// 420 days selling 1 + ⌊day / 28⌋ a day (1 … 15). The cut-off is day 419, target day 420;
  /// the level window's 13 blocks of 28 days (days 56 … 419) sell 3 … 15 with no noise
  /// within them, so Z = 1 and the level is 9. A year before: the 28 days ending at the
  /// cut-off less 364 (days 28 … 55) sold 2 a day; the 35 days around the target less 364
  /// (days 39 … 73) 17 × 2 + 18 × 3 = 88. The column is (88 / 35 − 2) / 9 = 2 / 35.
  func testANoiselessSeasonMovesAsItDidAYearBefore() throws {
    let values = (0..<420).map { Double($0 / 28 + 1) }
    XCTAssertEqual(try step(values), 2.0 / 35, accuracy: 1e-12)
  }

  /// The level window (days 56 … 419) alternates 0 and 2, so every 28-day block's mean is 1
  /// and Z = 0: the 5 a day sold before it (days 0 … 55, in both windows of a year before)
  /// would make a step of about −4 / 1, and the column is 0.
  func testAStationaryLevelWindowHasNoCredibleStep() throws {
    let values = (0..<420).map { $0 < 56 ? 5.0 : $0 % 2 == 0 ? 0 : 2 }
    XCTAssertEqual(try step(values), 0, accuracy: 1e-12)
  }

  /// 370 days: the 28 days a year before the cut-off (days −22 … 5) hold 6 days of history,
  /// fewer than 14, so the column is 0.
  func testTooShortAHistoryGivesZero() throws {
    XCTAssertEqual(try step((0..<370).map { Double($0 / 28 + 1) }), 0)
  }

  /// The column follows the level-below-floor column in daily layouts with profiles only, as
  /// does the weekday shaping; layouts saved before they existed decode without them.
  func testLayoutAndDecoding() throws {
    let full = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, levelBelowFloor: true, seasonStep: true,
      weekdayShapedShifts: true)
    XCTAssertEqual(full.names.suffix(2), ["level_below_floor", "credible_season_step"])
    XCTAssertFalse(FeatureLayout(horizonDays: 1, seasonStep: true).seasonStep)
    XCTAssertFalse(
      FeatureLayout(horizonDays: 1, weekdayShapedShifts: true).weekdayShapedShifts)
    XCTAssertFalse(full.at(.weekly(endingOn: .friday)).seasonStep)
    XCTAssertFalse(full.at(.weekly(endingOn: .friday)).weekdayShapedShifts)
    let decoded = try decodedWithout(["seasonStep", "weekdayShapedShifts"], from: full)
    XCTAssertFalse(decoded.seasonStep)
    XCTAssertFalse(decoded.weekdayShapedShifts)
  }

  /// With `weekdayShapedShifts` the shift and the step are multiplied by the target's weekday
  /// index. 418 days selling 2 a day, 3 over the last 28 (days 390 … 417), times 2 on days
  /// ≡ 5 (mod 7) and ½ on days ≡ 6. The target, day 418, is ≡ 5: its 52 same weekdays before
  /// it (days 411, 404, …, 54) sold 4 × 6 + 48 × 4 = 216, 216 / 52 a day, and the level
  /// window (days 54 … 417) 810 in 364 days; the index is (216 / 52) / (810 / 364) = 28 / 15.
  func testWeekdayShapedShiftsScaleByTheTargetsWeekdayIndex() throws {
    let shape = [1.0, 1, 1, 1, 1, 2, 0.5]
    let values = (0..<418).map { ($0 >= 390 ? 3 : 2) * shape[$0 % 7] }
    func row(shaped: Bool) throws -> (shift: Double, step: Double) {
      let layout = FeatureLayout(
        horizonDays: 1, seriesProfiles: true, levelCredibility: true, seasonStep: true,
        weekdayShapedShifts: shaped)
      let row = try XCTUnwrap(
        SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: layout))
      return (
        row.value(.credibleMonthShift, in: layout), row.value(.credibleSeasonStep, in: layout)
      )
    }
    let (plain, shaped) = (try row(shaped: false), try row(shaped: true))
    XCTAssertGreaterThan(plain.shift, 0.01, "the last 28 days moved the level")
    XCTAssertEqual(shaped.shift / plain.shift, 28.0 / 15, accuracy: 1e-12)
    XCTAssertEqual(shaped.step, plain.step * 28 / 15, accuracy: 1e-12)
  }
}
