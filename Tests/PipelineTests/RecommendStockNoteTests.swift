import DemandCore
import History
import XCTest

@testable import Pipeline

/// The reason says when the stock a row read is not the run date's (`RecommendStage.stockNote`).
final class RecommendStockNoteTests: XCTestCase {
  let runDate = Day(iso: "2025-10-13")!

  func testAStaleOrMissingSnapshotIsSaid() {
    let today = StockPosition(sku: SKUID("P1"), day: runDate, onHand: 4, onOrder: 0)
    XCTAssertEqual(RecommendStage.stockNote(today, storeHasStock: true, runDate: runDate), "")
    var old = today
    old.day = Day(iso: "2025-10-05")!
    XCTAssertEqual(
      RecommendStage.stockNote(old, storeHasStock: true, runDate: runDate),
      "; stock as of 2025-10-05 (8 days before)")
    old.day = Day(iso: "2025-10-12")!
    XCTAssertEqual(
      RecommendStage.stockNote(old, storeHasStock: true, runDate: runDate),
      "; stock as of 2025-10-12 (1 day before)")
    XCTAssertEqual(
      RecommendStage.stockNote(nil, storeHasStock: true, runDate: runDate),
      "; no stock snapshot of this item: on hand taken as 0")
    // A store without any snapshot is logged once, not said on every row.
    XCTAssertEqual(RecommendStage.stockNote(nil, storeHasStock: false, runDate: runDate), "")
  }
}
