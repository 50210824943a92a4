import DemandCore
import Foundation
import XCTest

@testable import Features

/// Layouts without the scale's logarithm (`FeatureLayout.logLevel` false, what the trainer
/// fits since 2026-12-07) and the saved layouts that still have it.
final class LogLevelColumnTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  func layout(logLevel: Bool, holidayNames: [String] = []) -> FeatureLayout {
    FeatureLayout(
      horizonDays: 3, seriesProfiles: true, holidayNames: holidayNames, growthProfile: true,
      excessZeroShare: true, levelCredibility: true, levelPromotions: true,
      levelBelowFloor: true, seasonStep: true, weekdayShapedShifts: true,
      plainMonthShift: true, logLevel: logLevel)
  }

  /// The same series' row without the column is the row with it, less that one value: every
  /// other column keeps its value and its order.
  func testTheRowWithoutItIsTheRowWithItLessOneValue() throws {
    // 500 days of a weekly shape with a slow rise, so that no column is trivially 0.
    let values: [Double] = (0..<500).map { (day: Int) -> Double in
      Double(3 + day % 7) * (1 + Double(day) / 1_000)
    }
    let with = layout(logLevel: true)
    let without = layout(logLevel: false)
    let full = try XCTUnwrap(
      SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: with))
    let short = try XCTUnwrap(
      SeriesFeatureBuilder.nextDayRow(of: values, start: start, layout: without))
    let position = try XCTUnwrap(with.index(of: .logLevel))
    XCTAssertNil(without.index(of: .logLevel))
    XCTAssertEqual(without.count, with.count - 1)
    XCTAssertEqual(full.features[position], log(full.scale), accuracy: 1e-15)
    var expected = full.features
    expected.remove(at: position)
    XCTAssertEqual(short.features.map { $0.bitPattern }, expected.map { $0.bitPattern })
    XCTAssertEqual(short.scale, full.scale)
    var names = with.names
    names.remove(at: position)
    XCTAssertEqual(without.names, names)
  }

  /// The named holidays' sparse columns move up by one with it.
  func testTheNamedHolidayColumnsMoveUpByOne() {
    let with = layout(logLevel: true, holidayNames: ["christmas"])
    let without = layout(logLevel: false, holidayNames: ["christmas"])
    XCTAssertEqual(
      without.namedHolidayColumns.lowerBound, with.namedHolidayColumns.lowerBound - 1)
    XCTAssertEqual(without.namedHolidayColumns.count, 2)
    XCTAssertEqual(
      without.columns[without.namedHolidayColumns.lowerBound], .namedHoliday("christmas"))
    XCTAssertEqual(with.columns[with.namedHolidayColumns.lowerBound], .namedHoliday("christmas"))
  }

  /// A layout saved before the flag existed has the column; one without it says so when saved
  /// and reads back without it; one with it saves the bytes it had before.
  func testSavedLayoutsKeepTheirColumns() throws {
    let old = layout(logLevel: true)
    let oldJSON = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
    XCTAssertFalse(oldJSON.contains("logLevel"), oldJSON)
    XCTAssertTrue(try JSONDecoder().decode(FeatureLayout.self, from: Data(oldJSON.utf8)).logLevel)
    let new = layout(logLevel: false)
    let newJSON = String(decoding: try JSONEncoder().encode(new), as: UTF8.self)
    XCTAssertTrue(newJSON.contains("\"logLevel\":false"), newJSON)
    let decoded = try JSONDecoder().decode(FeatureLayout.self, from: Data(newJSON.utf8))
    XCTAssertEqual(decoded, new)
    XCTAssertEqual(decoded.columns, new.columns)
  }
}
