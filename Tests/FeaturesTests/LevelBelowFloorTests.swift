import DemandCore
import Foundation
import XCTest

@testable import Features

/// The level-below-floor column (`FeatureColumn.levelBelowFloor`), checked by hand.
final class LevelBelowFloorTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!
  let layout = FeatureLayout(horizonDays: 1, levelBelowFloor: true)

  func column(_ values: [Double]) throws -> WrittenRow {
    try XCTUnwrap(SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: layout))
  }

  /// 400 days with one unit on every 20th (days 0, 20, …, 380). The row for day 400 at
  /// horizon 1 reads the level window of days 36 … 399, which holds the 18 sales of days
  /// 40 … 380: a level of 18 / 364 = 0.0495 a day, below the floor of 0.1, so the scale is
  /// 0.1 and the column is 0.495 − 1.
  func testASeriesBelowTheFloorReadsItsLevelAsAShareOfTheFloor() throws {
    let values = (0..<400).map { $0 % 20 == 0 ? 1.0 : 0 }
    let row = try column(values)
    XCTAssertEqual(row.scale, 0.1, accuracy: 1e-15)
    XCTAssertEqual(
      row.value(.levelBelowFloor, in: layout), 18.0 / 364 / 0.1 - 1, accuracy: 1e-12)
    XCTAssertEqual(row.value(.logLevel, in: layout), log(0.1), accuracy: 1e-15)
  }

  /// At or above the floor the column is 0 (at it, to the rounding of a 364-day mean); a
  /// series that sold nothing in its window is −1.
  func testAboveTheFloorItIsZeroAndWithoutSalesMinusOne() throws {
    XCTAssertEqual(
      try column([Double](repeating: 0.1, count: 400)).value(.levelBelowFloor, in: layout), 0,
      accuracy: 1e-15)
    XCTAssertEqual(
      try column([Double](repeating: 5, count: 400)).value(.levelBelowFloor, in: layout), 0)
    XCTAssertEqual(
      try column([Double](repeating: 0, count: 400)).value(.levelBelowFloor, in: layout), -1)
  }

  /// The column follows the promotion share at any grain (weekly layouts keep it); layouts
  /// saved before it existed decode without it.
  func testLayoutAndDecoding() throws {
    let full = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, levelCredibility: true, levelPromotions: true,
      levelBelowFloor: true)
    XCTAssertEqual(
      full.names.suffix(3), ["credible_shift_28", "level_promotion_share", "level_below_floor"])
    XCTAssertTrue(full.at(.weekly(endingOn: .friday)).levelBelowFloor)
    XCTAssertEqual(full.at(.weekly(endingOn: .friday)).names.last, "level_below_floor")
    let decoded = try decodedWithout(["levelBelowFloor"], from: full)
    XCTAssertFalse(decoded.levelBelowFloor)
    XCTAssertEqual(decoded.count, full.count - 1)
  }
}
