import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The credibility-weighted shift (`FeatureColumn.credibleMonthShift`), checked by hand.
final class CredibleShiftTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  /// A layout of horizon 1 with the profile, growth and shift columns (364-day level window).
  let layout = FeatureLayout(
    horizonDays: 1, seriesProfiles: true, growthProfile: true, levelCredibility: true)

  /// The shift column of the row whose cut-off is the last day of `values`.
  func shift(_ values: [Double], censored: [Bool]? = nil) throws -> Double {
    try XCTUnwrap(
      SeriesFeatureBuilder.nextDayRow(of: values, censored: censored, start: start, layout: layout)
    ).value(.credibleMonthShift, in: layout)
  }

  /// Block j (of 13 × 28 days) sells j + 1 every day: no noise within the blocks, so Z = 1
  /// and the column is the plain shift (13 − 7) / 7, the level being the mean of 1 … 13.
  func testNoiselessMovesAreFullyCredible() throws {
    let values = (0..<364).map { Double($0 / 28 + 1) }
    XCTAssertEqual(try shift(values), 6.0 / 7, accuracy: 1e-12)
  }

  /// Every block alternates 0 and 2: the 28-day means are all 1, so their spread is no more
  /// than noise (τ² = 0) and the column is 0 even where the last 28 days happen to be high.
  func testAStationarySeriesHasNoCredibleShift() throws {
    let values = (0..<364).map { $0 % 2 == 0 ? 0.0 : 2 }
    XCTAssertEqual(try shift(values), 0, accuracy: 1e-12)
  }

  /// The same series with 3 units on 7 of the last 28 days (mean 1.75 against a level of
  /// 1.058): the blocks' mean square, 1.2115, barely exceeds σ² = 1.0520, so τ² = 0.0057,
  /// Z = 0.1317 and the column is 0.1317 × 0.6545 = 0.0862 of the plain shift's 0.6545
  /// (numpy gives the same): one high month among twelve steady ones is mostly noise.
  func testOneHighMonthAmongSteadyOnesIsMostlyNoise() throws {
    var values = (0..<364).map { $0 % 2 == 0 ? 0.0 : 2 }
    for day in 336..<364 where day % 4 == 0 { values[day] = 3 }
    XCTAssertEqual(try shift(values), 0.08619528619528621, accuracy: 1e-9)
  }

  /// Twelve blocks alternate 0 and 2 (mean 1), the last one 2 and 4 (mean 3). By hand
  /// (one-way analysis of variance, N = 364 days, J = 13 blocks of n = 28): Σx² = 952,
  /// Σ sum_j² / n = 588, so σ² = (952 − 588) / 351 = 1.037037; the blocks' mean square is
  /// (588 − 420² / 364) / 12 = 8.615385, τ² = (8.615385 − σ²) / 28 = 0.270655 and
  /// Z = τ² / (τ² + σ² / 28) = 0.879630. The level is 420 / 364, the month's mean 3:
  /// Z × (3 − 420/364) / (420/364) = 1.407407 (numpy gives the same).
  func testAShiftIsWeightedByItsCredibility() throws {
    let values = (0..<364).map { day -> Double in
      day < 336 ? (day % 2 == 0 ? 0 : 2) : (day % 2 == 0 ? 2 : 4)
    }
    XCTAssertEqual(try shift(values), 1.4074074074074077, accuracy: 1e-9)
  }

  /// Fewer than 4 blocks with 7 usable days: 0. A series of 84 days has 3 blocks.
  func testAShortSeriesHasNoShift() throws {
    XCTAssertEqual(try shift((0..<84).map { Double($0 / 28 + 1) }), 0)
    // With a fourth block (112 days: 1, 2, 3, 4 a day), Z = 1 and the shift is (4 − 2.5) / 2.5.
    XCTAssertEqual(try shift((0..<112).map { Double($0 / 28 + 1) }), 0.6, accuracy: 1e-12)
  }

  /// The column follows the growth column, only in daily layouts with profiles; layouts
  /// saved before it existed decode without it.
  func testLayoutPlacesTheColumnAfterGrowthAndOldLayoutsLackIt() throws {
    XCTAssertEqual(layout.count, 23 + 3 + 1 + 1)
    XCTAssertEqual(layout.names.suffix(2), ["year_over_year_91", "credible_shift_28"])
    XCTAssertFalse(FeatureLayout(horizonDays: 1, levelCredibility: true).levelCredibility)
    XCTAssertFalse(layout.at(.weekly(endingOn: .friday)).levelCredibility)
    let named = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, holidayNames: ["Easter"], growthProfile: true,
      levelCredibility: true)
    XCTAssertEqual(named.namedHolidayColumns.lowerBound, layout.count)
    var saved = String(decoding: try JSONEncoder().encode(layout), as: UTF8.self)
    XCTAssertTrue(saved.contains(#""levelCredibility":true"#))
    saved = saved.replacingOccurrences(of: #","levelCredibility":true"#, with: "")
      .replacingOccurrences(of: #""levelCredibility":true,"#, with: "")
    XCTAssertFalse(
      try JSONDecoder().decode(FeatureLayout.self, from: Data(saved.utf8)).levelCredibility)
  }
}
