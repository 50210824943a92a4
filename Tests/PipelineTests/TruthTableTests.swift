import DemandCore
import Foundation
import XCTest

@testable import Pipeline

/// The truth reader takes both truth layouts: the simple profile's four columns and the
/// realistic profile's with `p10,p50,p90` after them; anything else is refused.
final class TruthTableTests: XCTestCase {
  private func file(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "truth-\(UUID().uuidString).csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  private let key = SeriesKey(store: StoreID("S001"), sku: SKUID("P00001"))
  private let first = Day(year: 2025, month: 3, day: 1)!

  func testReadsTheSimpleLayout() throws {
    let path = try file(
      "store_id,sku_id,date,expected_units\nS001,P00001,2025-03-01,1.250\n"
        + "S001,P00001,2025-03-02,0.000\n")
    let table = try TruthTable(path: path, first: first, dayCount: 2)
    XCTAssertEqual(table.path(key), [1.25, 0])
    XCTAssertFalse(table.hasQuantiles)
    XCTAssertNil(table.quantiles(key))
  }

  func testReadsTheRealisticLayoutWithQuantiles() throws {
    let path = try file(
      "store_id,sku_id,date,expected_units,p10,p50,p90\nS001,P00001,2025-03-01,1.250,0,1,3\n"
        + "S001,P00001,2025-03-02,0.000,0,0,0\n")
    let table = try TruthTable(path: path, first: first, dayCount: 2)
    XCTAssertEqual(table.path(key), [1.25, 0])
    XCTAssertTrue(table.hasQuantiles)
    XCTAssertEqual(table.quantiles(key), [[0, 0], [1, 0], [3, 0]])
  }

  func testRefusesRowsThatDoNotMatchTheHeader() throws {
    let short = try file(
      "store_id,sku_id,date,expected_units,p10,p50,p90\nS001,P00001,2025-03-01,1.250\n")
    XCTAssertThrowsError(try TruthTable(path: short, first: first, dayCount: 1))
    let other = try file("store_id,sku_id,date,mean\nS001,P00001,2025-03-01,1.250\n")
    XCTAssertThrowsError(try TruthTable(path: other, first: first, dayCount: 1))
  }
}
