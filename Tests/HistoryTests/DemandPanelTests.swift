import DemandCore
import History
import XCTest

/// `demandPanel` against values worked out by hand from the committed blocks.
final class DemandPanelTests: XCTestCase {
  func testPanelSumsFilesZeroFillsAndMarksCensoredDays() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv",
      [
        f.demandBlock("S001", day: 0, [.init(sku: "P002", sold: 3), .init(sku: "P001", sold: 2)]),
        f.demandBlock("S001", day: 2, [.init(sku: "P001", sold: 0, stockout: true)]),
        f.demandBlock("S001", day: 5, [.init(sku: "P001", sold: 9)]),  // outside the window
        f.demandBlock("S002", day: 1, [.init(sku: "P003", sold: 7)]),  // another store
      ])
    try f.commitDemand(
      "b.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 4)])])
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("inv.csv", kind: .inventory, rows: 2),
        content: .inventory([
          f.inventoryBlock("S001", day: 1, [("P002", 0, 12), ("P003", 0, 0), ("P001", 5, 0)])
        ])))

    let panel = try f.database.demandPanel(
      store: StoreID("S001"), from: HistoryFixture.day0,
      through: HistoryFixture.day0.adding(days: 3))
    // P003 never sold in S001 but ran out there on day 1, so it is a series of that store.
    XCTAssertEqual(panel.keys.map(\.sku.rawValue), ["P001", "P002", "P003"])
    XCTAssertEqual(panel.keys.map(\.store.rawValue), ["S001", "S001", "S001"])
    XCTAssertEqual(panel.dayCount, 4)
    // P001: day 0 = 2 (a.csv) + 4 (b.csv); day 2 a stock-out with no sales; day 5 is outside.
    XCTAssertEqual(Array(panel.series(0)), [6, 0, 0, 0])
    XCTAssertEqual(Array(panel.censoring(0)), [false, false, true, false])
    XCTAssertEqual(Array(panel.series(1)), [3, 0, 0, 0])
    XCTAssertEqual(Array(panel.censoring(1)), [false, true, false, false])
    XCTAssertEqual(Array(panel.series(2)), [0, 0, 0, 0])
    XCTAssertEqual(Array(panel.censoring(2)), [false, true, false, false])
  }

  /// The panel and `dailySeries` are two read paths over the same blocks: they must agree.
  func testPanelAgreesWithDailySeries() throws {
    let f = try HistoryFixture()
    var blocks: [DemandBlock] = []
    for day in 0..<20 {
      blocks.append(
        f.demandBlock(
          "S001", day: day,
          [
            .init(sku: "P001", sold: Double(day % 4), stockout: day % 7 == 3),
            .init(sku: "P002", sold: Double((day * 5) % 3)),
          ]))
    }
    try f.commitDemand("a.csv", blocks)
    let panel = try f.database.demandPanel(
      store: StoreID("S001"), from: HistoryFixture.day0,
      through: HistoryFixture.day0.adding(days: 19))
    for (index, key) in panel.keys.enumerated() {
      let series = try f.series("S001", key.sku.rawValue)
      XCTAssertEqual(Array(panel.series(index)), series.map(\.unitsSold), key.description)
      XCTAssertEqual(Array(panel.censoring(index)), series.map(\.stockout), key.description)
    }
  }

  func testUnknownStoreIsAnError() throws {
    let f = try HistoryFixture()
    XCTAssertThrowsError(
      try f.database.demandPanel(
        store: StoreID("S404"), from: HistoryFixture.day0, through: HistoryFixture.day0)
    ) {
      XCTAssertEqual($0 as? HistoryError, .unknownStore("S404"))
    }
  }
}
