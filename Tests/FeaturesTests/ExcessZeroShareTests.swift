import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The excess zero share (`FeatureColumn.recentExcessZeroShare`), checked by hand, and the
/// layouts saved before it, which keep the plain share.
final class ExcessZeroShareTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  /// A layout of horizon 1 with the excess zero share (364-day level window).
  let layout = FeatureLayout(horizonDays: 1, excessZeroShare: true)

  /// The row of the target day after the last of `values`.
  func lastRow(_ values: [Double], censored: [Bool]? = nil, layout: FeatureLayout) throws
    -> WrittenRow
  {
    try XCTUnwrap(
      SeriesFeatureBuilder.nextDayRow(
        of: values, censored: censored, start: start, layout: layout))
  }

  /// A slow mover that sells one unit every 7th day, for 364 days: 24 of the last 28 days and
  /// 312 of the 364 in the level window sold nothing, both 6/7, so the excess is 0 where the
  /// plain share is 6/7.
  func testASlowMoversUsualZerosAreNoExcess() throws {
    let values = (0..<364).map { $0 % 7 == 0 ? 1.0 : 0 }
    let row = try lastRow(values, layout: layout)
    XCTAssertEqual(row.value(.recentExcessZeroShare, in: layout), 0, accuracy: 1e-15)
    let plain = FeatureLayout(horizonDays: 1)
    XCTAssertEqual(
      try lastRow(values, layout: plain).value(.recentZeroShare, in: plain), 6.0 / 7,
      accuracy: 1e-15)
  }

  /// A fast mover (4 a day) whose last 21 days sold nothing: 21 / 28 zeros lately against
  /// 21 / 364 in the level window, so the excess is 0.75 − 21 / 364.
  func testAFastMoverGoneQuietHasAnExcess() throws {
    let values = (0..<364).map { $0 < 343 ? 4.0 : 0 }
    let row = try lastRow(values, layout: layout)
    XCTAssertEqual(
      row.value(.recentExcessZeroShare, in: layout), 0.75 - 21.0 / 364, accuracy: 1e-15)
  }

  /// Censored days count in neither share: with days 336 … 342 censored (their zeros are
  /// stock-outs) and 343 … 363 sold nothing, the last 28 days have 21 zeros among 21 usable
  /// days and the level window 21 among 357, so the excess is 1 − 21 / 357.
  func testCensoredDaysCountInNeitherShare() throws {
    let values = (0..<364).map { $0 < 336 ? 4.0 : 0 }
    let censored = (0..<364).map { (336...342).contains($0) }
    let row = try lastRow(values, censored: censored, layout: layout)
    XCTAssertEqual(
      row.value(.recentExcessZeroShare, in: layout), 1 - 21.0 / 357, accuracy: 1e-15)
  }

  /// The column takes the plain share's place and name; a layout saved without the flag
  /// (before it existed) decodes to the plain share, and one with it keeps it.
  func testLayoutsSavedBeforeKeepThePlainShare() throws {
    let plain = FeatureLayout(horizonDays: 1)
    XCTAssertEqual(layout.count, plain.count)
    let position = try XCTUnwrap(plain.names.firstIndex(of: "recent_zero_share_28"))
    XCTAssertEqual(layout.names[position], "recent_excess_zeros_28")
    XCTAssertEqual(
      layout.at(.weekly(endingOn: .friday)).names[position - 6], "recent_excess_zeros_13w",
      "the weekly layout has no weekday dummies")
    let old = Data(
      #"{"horizonDays":1,"fourierOrder":0,"levelWindowDays":364,"minimumHistoryDays":28,"levelFloor":0.1,"seriesProfiles":false}"#
        .utf8)
    XCTAssertFalse(try JSONDecoder().decode(FeatureLayout.self, from: old).excessZeroShare)
    let saved = try JSONEncoder().encode(layout)
    XCTAssertEqual(try JSONDecoder().decode(FeatureLayout.self, from: saved), layout)
    let plainJSON = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
    XCTAssertFalse(plainJSON.contains("excessZeroShare"), "a plain layout keeps its keys")
    XCTAssertTrue(String(decoding: saved, as: UTF8.self).contains(#""excessZeroShare":true"#))
  }
}
