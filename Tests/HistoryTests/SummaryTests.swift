import DemandCore
import History
import XCTest

/// `summary()` against counts and sums worked out by hand from the committed blocks.
final class SummaryTests: XCTestCase {
  func testCountsAndSums() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv",
      [
        f.demandBlock(
          "S001", day: 0,
          [
            .init(sku: "P001", sold: 2, returned: 1, revenue: 1.2, lines: 3, promo: 1),
            .init(sku: "P002", sold: 4, revenue: 10, lines: 2),
          ]),
        f.demandBlock("S001", day: 2, [.init(sku: "P001", sold: 1, revenue: 1.2, lines: 1)]),
        f.demandBlock("S002", day: -1, [.init(sku: "P003", sold: 0, stockout: true)]),
      ])
    try f.commitDemand(
      "b.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 5, revenue: 6, lines: 1)])])
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("refused.csv", kind: .transactions, rows: 3, status: .refused),
        content: .nothing))
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("inv.csv", kind: .inventory, rows: 1),
        content: .inventory([f.inventoryBlock("S001", day: 0, [("P001", 3, 0)])])))

    let s = try f.database.summary()
    XCTAssertEqual(s.stores, 2)
    XCTAssertEqual(s.skus, 3)
    XCTAssertEqual(s.calendarDays, 0)
    XCTAssertEqual(s.promotions, 0)
    XCTAssertEqual(s.filesIngested, 5, "stores, skus, a, b, inv")
    XCTAssertEqual(s.filesRefused, 1)
    XCTAssertEqual(s.demandBlocks, 4)
    XCTAssertEqual(s.inventoryBlocks, 1)
    XCTAssertEqual(s.series, 3, "S001/P001, S001/P002, S002/P003")
    XCTAssertEqual(s.storeSKUDays, 4, "S001/P001 on days 0 and 2, S001/P002 on 0, S002/P003 on -1")
    XCTAssertEqual(s.firstDay, HistoryFixture.day0.adding(days: -1))
    XCTAssertEqual(s.lastDay, HistoryFixture.day0.adding(days: 2))
    XCTAssertEqual(s.unitsSold, 2 + 4 + 1 + 0 + 5)
    XCTAssertEqual(s.unitsReturned, 1)
    XCTAssertEqual(s.revenue, 1.2 + 10 + 1.2 + 6, accuracy: 1e-12)
    XCTAssertEqual(s.lines, 3 + 2 + 1 + 1)
    XCTAssertEqual(s.stockoutDays, 1)
  }

  /// A snapshot with nothing on hand marks a stock-out, as `dailySeries` does: on a day with sales
  /// it is the same cell, on a day without it adds one; stock on hand adds nothing.
  func testEmptySnapshotsCountAsStockouts() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 2, lines: 2)])])
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("inv.csv", kind: .inventory, rows: 3),
        content: .inventory([
          f.inventoryBlock("S001", day: 0, [("P001", 0, 6), ("P002", 0, 0), ("P003", 5, 0)])
        ])))
    let s = try f.database.summary()
    XCTAssertEqual(s.stockoutDays, 2, "S001/P001 and S001/P002 on day 0")
    XCTAssertEqual(s.storeSKUDays, 2, "the sale of P001 and the stock-out of P002")
    XCTAssertEqual(try f.series("S001", "P002").map(\.stockout), [true])
  }

  /// Two files that both report the same store/SKU/day as a stock-out describe one stock-out day,
  /// exactly as `dailySeries` merges them.
  func testStockoutDaysCountDaysNotReports() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 1, stockout: true)])])
    try f.commitDemand(
      "b.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 2, stockout: true)])])
    let fromSeries = try f.series("S001", "P001").filter(\.stockout).count
    XCTAssertEqual(fromSeries, 1)
    let summary = try f.database.summary()
    XCTAssertEqual(summary.storeSKUDays, 1)
    XCTAssertEqual(summary.stockoutDays, fromSeries)
  }

  func testReplacedFilesNoLongerCount() throws {
    let f = try HistoryFixture()
    let old = try f.commitDemand(
      "t.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 10, lines: 10)])])
    try f.commitDemand(
      "t.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 4, lines: 2)])],
      replacing: old.id)
    let s = try f.database.summary()
    XCTAssertEqual(s.unitsSold, 4)
    XCTAssertEqual(s.lines, 2)
    XCTAssertEqual(s.filesIngested, 3, "stores, skus and the new t.csv")
    XCTAssertEqual(s.demandBlocks, 1)
  }
}

final class LastDemandDayTests: XCTestCase {
  func testLastDemandDayIsTheLatestBlockAcrossStores() throws {
    let f = try HistoryFixture()
    XCTAssertNil(try f.database.lastDemandDay())
    try f.commitDemand(
      "a.csv",
      [
        f.demandBlock("S001", day: 2, [.init(sku: "P001", sold: 1, revenue: 1.2, lines: 1)]),
        f.demandBlock("S002", day: 5, [.init(sku: "P003", sold: 0, stockout: true)]),
        f.demandBlock("S001", day: -3, [.init(sku: "P002", sold: 4, revenue: 10, lines: 2)]),
      ])
    XCTAssertEqual(try f.database.lastDemandDay(), HistoryFixture.day0.adding(days: 5))
    XCTAssertEqual(try f.database.lastDemandDay(), try f.database.summary().lastDay)
  }
}
