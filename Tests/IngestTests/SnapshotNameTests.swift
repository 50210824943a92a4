import DemandCore
import XCTest

@testable import Ingest

/// Snapshot dates taken from file names.
final class SnapshotNameTests: XCTestCase {
  func testFirstValidDateInTheName() {
    XCTAssertEqual(
      InventoryParser.day(inFileName: "on_hand_2025-03-01.csv"), Day(year: 2025, month: 3, day: 1))
    XCTAssertEqual(
      InventoryParser.day(inFileName: "2025-03-01.csv"), Day(year: 2025, month: 3, day: 1))
    XCTAssertEqual(
      InventoryParser.day(inFileName: "v2025-02-30_2025-03-02_2025-03-03.csv"),
      Day(year: 2025, month: 3, day: 2))
    XCTAssertNil(InventoryParser.day(inFileName: "on_hand.csv"))
    XCTAssertNil(InventoryParser.day(inFileName: "20250301.csv"))
    XCTAssertNil(InventoryParser.day(inFileName: "short"))
  }
}
