import DemandCore
import Foundation
import XCTest

@testable import Features

/// The growth column weighed by its credibility (`FeatureLayout.credibleGrowth`), checked by
/// hand: g = log(now / then) of the two 91-day means (each plus the level floor 0.1), v its
/// delta-method variance, the column Z · g with Z = max(0, 1 − v / g²).
final class CredibleGrowthTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!

  /// The growth column of the row for the day after 500 days of `value(day)`, whose cut-off is
  /// day 499: "now" is days 409 … 499, "then" days 45 … 135, 13 whole weeks each.
  func growth(credible: Bool, _ value: (Int) -> Double) throws -> Double {
    let layout = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, growthProfile: true, credibleGrowth: credible)
    let values = (0..<500).map(value)
    let row = try XCTUnwrap(
      SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: layout))
    return row.value(.yearOverYear, in: layout)
  }

  /// Then: 1, 2, …, 7 in every week (mean 4); now: 3, 4, …, 9 (mean 6); other days 5. Each
  /// window's sample variance is 13 · 28 / 90 (13 weeks of squared deviations 9 + 4 + 1 + 0 +
  /// 1 + 4 + 9), so v = (364 / 90) / 91 · (1 / 6.1² + 1 / 4.1²) and g = log(6.1 / 4.1).
  func testAGrowthWellAboveItsNoiseKeepsMostOfItsValue() throws {
    let series = { (day: Int) -> Double in
      if (45...135).contains(day) { return Double(1 + day % 7) }
      if (409...499).contains(day) { return Double(3 + day % 7) }
      return 5
    }
    let g = log(6.1 / 4.1)
    let v = 364.0 / 90 / 91 * (1 / (6.1 * 6.1) + 1 / (4.1 * 4.1))
    XCTAssertEqual(try growth(credible: false, series), g, accuracy: 1e-12)
    XCTAssertEqual(try growth(credible: true, series), (1 - v / (g * g)) * g, accuracy: 1e-12)
    XCTAssertEqual(1 - v / (g * g), 0.97568, accuracy: 1e-5, "Z")
  }

  /// Now 4.05 on average (the same weekly shape, 0.05 higher): g = log(4.15 / 4.1) = 0.0121,
  /// g² = 0.000147, below v = 0.0052, so the column is 0 where the plain one is 0.0121.
  func testAGrowthWithinItsNoiseIsZero() throws {
    let series = { (day: Int) -> Double in
      if (45...135).contains(day) { return Double(1 + day % 7) }
      if (409...499).contains(day) { return Double(1 + day % 7) + 0.05 }
      return 5
    }
    XCTAssertEqual(try growth(credible: false, series), log(4.15 / 4.1), accuracy: 1e-12)
    XCTAssertEqual(try growth(credible: true, series), 0)
  }

  /// A steady series' windows have no variance: its growth, 0, stays 0; a step with no
  /// variance in either window keeps all of it.
  func testWithoutNoiseTheGrowthIsKeptWhole() throws {
    XCTAssertEqual(try growth(credible: true) { _ in 5 }, 0)
    let step = { (day: Int) -> Double in day >= 300 ? 8 : 2 }
    XCTAssertEqual(try growth(credible: true, step), log(8.1 / 2.1), accuracy: 1e-12)
  }

  /// The flag needs the growth column; weekly layouts have neither; layouts saved before it
  /// decode without it.
  func testLayoutAndDecoding() throws {
    XCTAssertFalse(FeatureLayout(horizonDays: 1, credibleGrowth: true).credibleGrowth)
    let full = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, growthProfile: true, credibleGrowth: true)
    XCTAssertTrue(full.credibleGrowth)
    XCTAssertEqual(
      full.columns,
      FeatureLayout(horizonDays: 1, seriesProfiles: true, growthProfile: true).columns)
    XCTAssertFalse(full.at(.weekly(endingOn: .friday)).credibleGrowth)
    XCTAssertFalse(try decodedWithout(["credibleGrowth"], from: full).credibleGrowth)
  }
}
