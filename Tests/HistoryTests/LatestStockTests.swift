import DemandCore
import History
import XCTest

final class LatestStockTests: XCTestCase {
  func testEachSKUsLatestSnapshotOnOrBeforeTheDayWithTheLaterFileWinning() throws {
    let f = try HistoryFixture()
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("on_hand_a.csv", kind: .inventory, rows: 4),
        content: .inventory([
          f.inventoryBlock("S001", day: 0, [("P001", 10, 24), ("P002", 3, 0)]),
          f.inventoryBlock("S001", day: 2, [("P001", 5, 0)]),
          f.inventoryBlock("S001", day: 9, [("P001", 99, 0)]),
          f.inventoryBlock("S002", day: 2, [("P003", 7, 0)]),
        ])))
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("on_hand_b.csv", kind: .inventory, rows: 1),
        content: .inventory([f.inventoryBlock("S001", day: 2, [("P001", 4, 12)])])))
    let day2 = HistoryFixture.day0.adding(days: 2)
    XCTAssertEqual(
      try f.database.latestStock(store: StoreID("S001"), onOrBefore: day2),
      [
        StockPosition(sku: SKUID("P001"), day: day2, onHand: 4, onOrder: 12),
        StockPosition(sku: SKUID("P002"), day: HistoryFixture.day0, onHand: 3, onOrder: 0),
      ])
    // A one-day window sees only day 2; a day before any snapshot sees nothing.
    XCTAssertEqual(
      try f.database.latestStock(store: StoreID("S001"), onOrBefore: day2, lookbackDays: 1)
        .map(\.sku), [SKUID("P001")])
    XCTAssertEqual(
      try f.database.latestStock(
        store: StoreID("S001"), onOrBefore: HistoryFixture.day0.adding(days: -1)),
      [])
    XCTAssertThrowsError(try f.database.latestStock(store: StoreID("S999"), onOrBefore: day2))
  }
}
