import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The growth column (`FeatureColumn.yearOverYear`), checked by hand.
final class GrowthFeatureTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!

  /// A layout of horizon 1 with the profile and growth columns.
  var layout: FeatureLayout {
    FeatureLayout(horizonDays: 1, seriesProfiles: true, growthProfile: true)
  }

  /// The growth feature of the row whose cut-off is day `cutOff` of `values`.
  func growth(_ values: [Double], cutOff: Int, censored: [Bool]? = nil) throws -> Double {
    var builder = SeriesFeatureBuilder(layout: layout)
    let target = start.adding(days: cutOff + 1)
    builder.load(
      start: start, values: values,
      censored: censored ?? [Bool](repeating: false, count: values.count),
      covariates: SeriesCovariates(key: testKey, category: "dairy", promotions: []),
      calendar: CalendarContext(holidays: []), targetDays: target...target)
    let row = try XCTUnwrap(builder.row(for: target))
    return row.value(.yearOverYear, in: builder.layout)
  }

  func testLayoutPlacesTheColumnAfterTheProfilesAndOnlyWithThem() {
    XCTAssertEqual(layout.count, 23 + 3 + 1)
    XCTAssertEqual(layout.names.last, "year_over_year_91")
    XCTAssertFalse(FeatureLayout(horizonDays: 1, growthProfile: true).growthProfile)
    XCTAssertFalse(layout.at(.weekly(endingOn: .friday)).growthProfile)
  }

  /// 3 units a day for 400 days, then 6: at cut-off day 600 the last 91 days (510 … 600) sold 6
  /// a day, the 91 ending 364 days earlier (146 … 236) 3, so the column is
  /// log((6 + 0.1) / (3 + 0.1)) with the default level floor 0.1.
  func testGrowthIsTheLogRatioOfTheSame91DaysAYearApart() throws {
    let values = (0..<700).map { $0 < 400 ? 3.0 : 6.0 }
    XCTAssertEqual(try growth(values, cutOff: 600), log(6.1 / 3.1), accuracy: 1e-12)
    // A flat series has no growth.
    XCTAssertEqual(try growth([Double](repeating: 3, count: 700), cutOff: 600), 0, accuracy: 1e-12)
  }

  /// 0 units a day for a year, then 10: log(10.1 / 0.1) = log 101 is clipped to log 4.
  func testGrowthIsClippedToAFactorOfFour() throws {
    let values = (0..<700).map { $0 < 400 ? 0.0 : 10.0 }
    XCTAssertEqual(try growth(values, cutOff: 600), log(4), accuracy: 1e-12)
    let falling = (0..<700).map { $0 < 400 ? 10.0 : 0.0 }
    XCTAssertEqual(try growth(falling, cutOff: 600), -log(4), accuracy: 1e-12)
  }

  /// Censored days are skipped: with the older window's days 146 … 215 censored, it keeps 21
  /// uncensored days, fewer than 28, so the column is 0; with 146 … 200 censored (36 left) it is
  /// read from those.
  func testGrowthNeedsTwentyEightUncensoredDaysInEachWindow() throws {
    let values = (0..<700).map { $0 < 400 ? 3.0 : 6.0 }
    let mostlyCensored = (0..<700).map { (146...215).contains($0) }
    XCTAssertEqual(try growth(values, cutOff: 600, censored: mostlyCensored), 0)
    let partlyCensored = (0..<700).map { (146...200).contains($0) }
    XCTAssertEqual(
      try growth(values, cutOff: 600, censored: partlyCensored), log(6.1 / 3.1),
      accuracy: 1e-12)
    // At cut-off day 380 the older window is days −74 … 16, of which 17 exist: 0.
    XCTAssertEqual(try growth(Array(values.suffix(400)), cutOff: 380), 0)
  }
}
