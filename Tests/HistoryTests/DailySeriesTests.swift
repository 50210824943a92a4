import DemandCore
import History
import XCTest

/// `dailySeries`: zero-filled days, files merged per day, and stock-outs from either source.
final class DailySeriesTests: XCTestCase {
  func testDaysWithoutSalesAreZeroFilled() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "t.csv",
      [
        f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 2, revenue: 2.4, lines: 2)]),
        f.demandBlock(
          "S001", day: 3, [.init(sku: "P001", sold: 5, revenue: 6, lines: 4, promo: 1)]),
      ])
    let series = try f.series("S001", "P001")
    XCTAssertEqual(series.map(\.day), (0...3).map { HistoryFixture.day0.adding(days: $0) })
    XCTAssertEqual(series.map(\.unitsSold), [2, 0, 0, 5])
    XCTAssertEqual(series.map(\.revenue), [2.4, 0, 0, 6])
    XCTAssertEqual(series.map(\.lines), [2, 0, 0, 4])
    XCTAssertEqual(series.map(\.promoLines), [0, 0, 0, 1])
    XCTAssertEqual(series[1], DailyDemand(day: HistoryFixture.day0.adding(days: 1)))
    XCTAssertEqual(series[3].promoShare, 0.25)
  }

  func testSeriesRunsToTheStoresLastDay() throws {
    // P001 last sold on day 1, but the store reported P002 through day 4: days 2-4 are zeros.
    let f = try HistoryFixture()
    try f.commitDemand(
      "t.csv",
      [
        f.demandBlock("S001", day: 1, [.init(sku: "P001", sold: 1), .init(sku: "P002", sold: 1)]),
        f.demandBlock("S001", day: 4, [.init(sku: "P002", sold: 3)]),
        f.demandBlock("S002", day: 9, [.init(sku: "P001", sold: 3)]),
      ])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [1, 0, 0, 0])
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [1, 0, 0, 3])
    XCTAssertEqual(
      try f.series("S002", "P001").map(\.unitsSold), [3], "other stores do not extend it")
    XCTAssertEqual(try f.series("S002", "P002"), [], "a SKU never sold in a store has no series")
  }

  func testTwoFilesOnTheSameDayAreMerged() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "morning.csv",
      [
        f.demandBlock(
          "S001", day: 0,
          [.init(sku: "P001", sold: 2, returned: 1, revenue: 1.2, lines: 3, promo: 1)])
      ])
    try f.commitDemand(
      "evening.csv",
      [
        f.demandBlock(
          "S001", day: 0,
          [
            .init(sku: "P001", sold: 3, revenue: 3.6, lines: 1, stockout: true),
            .init(sku: "P003", sold: 1),
          ])
      ])
    let day = try XCTUnwrap(try f.series("S001", "P001").first)
    XCTAssertEqual(
      day,
      DailyDemand(
        day: HistoryFixture.day0, unitsSold: 5, unitsReturned: 1, revenue: 1.2 + 3.6, lines: 4,
        promoLines: 1, stockout: true))
    XCTAssertEqual(try f.series("S001", "P001").count, 1)
  }

  func testStockoutFromAnEmptyShelfInTheSnapshot() throws {
    let f = try HistoryFixture()
    try f.commitDemand("t.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 6)])])
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("on_hand.csv", kind: .inventory, rows: 2),
        content: .inventory([
          f.inventoryBlock("S001", day: 0, [("P001", 0, 24), ("P002", 3, 0)]),
          f.inventoryBlock("S001", day: 2, [("P001", 5, 0)]),
        ])))
    let p1 = try f.series("S001", "P001")
    XCTAssertEqual(p1.map(\.stockout), [true, false, false])
    XCTAssertEqual(p1.map(\.onHand), [0, nil, 5])
    XCTAssertEqual(p1.map(\.onOrder), [24, nil, 0])
    XCTAssertEqual(p1.map(\.unitsSold), [6, 0, 0])
    let p2 = try f.series("S001", "P002")
    XCTAssertEqual(p2.map(\.stockout), [false], "stock on hand is not a stock-out")
    XCTAssertEqual(p2.map(\.onHand), [3])
  }

  func testUnknownStoreOrSKUIsAnError() throws {
    let f = try HistoryFixture()
    XCTAssertThrowsError(try f.series("S999", "P001")) {
      XCTAssertEqual($0 as? HistoryError, .unknownStore("S999"))
    }
    XCTAssertThrowsError(try f.series("S001", "P999")) {
      XCTAssertEqual($0 as? HistoryError, .unknownSKU("P999"))
      XCTAssertEqual("\($0)", "SKU 'P999' is not in the master data; ingest skus.csv first.")
    }
  }

  func testReplacingAFileRemovesItsBlocks() throws {
    let f = try HistoryFixture()
    let first = try f.commitDemand(
      "t.csv",
      [
        f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 2)]),
        f.demandBlock("S001", day: 5, [.init(sku: "P001", sold: 9)]),
      ])
    try f.commitDemand("other.csv", [f.demandBlock("S001", day: 1, [.init(sku: "P001", sold: 1)])])
    let second = try f.commitDemand(
      "t.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 7)])], replacing: first.id)
    XCTAssertEqual(
      try f.series("S001", "P001").map(\.unitsSold), [7, 1], "day 5 went with the old file")
    XCTAssertEqual(try f.database.ingestedFile(named: "t.csv")?.id, second.id)
    let statuses = try f.database.ledger().filter { $0.fileName == "t.csv" }.map(\.status)
    XCTAssertEqual(statuses, [.replaced, .ingested])
    XCTAssertEqual(try f.database.summary().demandBlocks, 2)
  }

  func testDemandBlocksWindow() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv",
      (0..<6).map { f.demandBlock("S001", day: $0, [.init(sku: "P002", sold: Double($0))]) })
    try f.commitDemand("b.csv", [f.demandBlock("S001", day: 2, [.init(sku: "P003", sold: 1)])])
    try f.commitDemand("c.csv", [f.demandBlock("S002", day: 2, [.init(sku: "P003", sold: 1)])])
    let blocks = try f.database.demandBlocks(
      storeKey: f.storeKeys["S001"]!, from: HistoryFixture.day0.adding(days: 1),
      through: HistoryFixture.day0.adding(days: 3))
    XCTAssertEqual(blocks.map { HistoryFixture.day0.days(to: $0.day) }, [1, 2, 2, 3])
    XCTAssertEqual(blocks.map(\.unitsSold), [[1], [2], [1], [3]], "same day: in file order")
  }
}
