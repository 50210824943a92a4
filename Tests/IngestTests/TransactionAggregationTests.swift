import DemandCore
import History
import Ingest
import XCTest
import _TestSupport

/// Transaction lines summed to store/SKU/day, checked against sums worked out by hand.
final class TransactionAggregationTests: XCTestCase {
  static let lines = """
    sale_date,store,item_id,qty,price,on_promo,txn_id
    2025-03-01,S001,P001,2,1.20,0,T1
    2025-03-01,S001,P001,3,1.10,1,T2
    2025-03-01,S001,P001,-1,1.20,0,T3
    2025-03-01,S001,P002,1,2.50,Y,T3
    2025-03-02,S001,P001,4,1.20,true,T4
    2025-03-02,S002,P001,0.5,2.00,no,T5
    2025-03-02,"S002",P001,1.5,2.00,0,T6
    2025-03-03,S001,P001,-2,1.20,0,T7

    """

  func testUnitsReturnsRevenueLinesAndPromotions() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([try f.write(Self.lines, to: "in/tx.csv")])
    let file = try report.file("tx.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual(file.rowsStored, 8)
    XCTAssertEqual(file.cellsStored, 5, "S001/P001 × 3 days, S001/P002, S002/P001")
    XCTAssertEqual(file.firstDay, Day(year: 2025, month: 3, day: 1))
    XCTAssertEqual(file.lastDay, Day(year: 2025, month: 3, day: 3))

    let p1 = try f.series("S001", "P001")
    XCTAssertEqual(p1.map(\.unitsSold), [2 + 3, 4, 0])
    XCTAssertEqual(p1.map(\.unitsReturned), [1, 0, 2])
    XCTAssertEqual(p1.map(\.lines), [3, 1, 1])
    XCTAssertEqual(p1.map(\.promoLines), [1, 1, 0])
    let revenue = [2 * 1.20 + 3 * 1.10 - 1 * 1.20, 4 * 1.20, -2 * 1.20]  // 4.5, 4.8, -2.4
    for (observed, expected) in zip(p1.map(\.revenue), revenue) {
      XCTAssertEqual(observed, expected, accuracy: 1e-12)
    }
    XCTAssertEqual(p1.map(\.stockout), [false, false, false])

    let p2 = try f.series("S001", "P002")
    XCTAssertEqual(p2.map(\.unitsSold), [1, 0, 0], "zero-filled to the store's last day")
    XCTAssertEqual(p2.first?.revenue, 2.5)
    XCTAssertEqual(p2.first?.promoLines, 1)

    let s2 = try f.series("S002", "P001")
    XCTAssertEqual(s2.map(\.unitsSold), [2])
    XCTAssertEqual(s2.map(\.revenue), [0.5 * 2 + 1.5 * 2])
    XCTAssertEqual(s2.map(\.lines), [2])
    XCTAssertEqual(s2.map(\.promoLines), [0])

    let summary = try f.database.summary()
    XCTAssertEqual(summary.unitsSold, 5 + 4 + 1 + 2)
    XCTAssertEqual(summary.unitsReturned, 3)
    XCTAssertEqual(summary.lines, 8)
    XCTAssertEqual(summary.revenue, 4.5 + 4.8 - 2.4 + 2.5 + 4, accuracy: 1e-12)
    XCTAssertEqual(summary.storeSKUDays, 5)
  }

  /// Many lines in random order over a few cells, against sums kept independently in the test.
  func testRandomLinesSumPerCell() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    var random = SplitMix64(seed: 42)
    struct Cell: Hashable { let store: String, sku: String, day: Int }
    var sold: [Cell: Double] = [:]
    var returned: [Cell: Double] = [:]
    var revenue: [Cell: Double] = [:]
    var text = "date,store_id,sku_id,quantity,unit_price,promo\n"
    for _ in 0..<2_000 {
      let cell = Cell(
        store: ["S001", "S002"][random.below(2)], sku: ["P001", "P002", "P003"][random.below(3)],
        day: 1 + random.below(5))
      let quantity = Double(random.below(21)) - 5  // -5 … 15, whole units
      let cents = 50 + random.below(500)
      text +=
        "2025-03-0\(cell.day),\(cell.store),\(cell.sku),\(Int(quantity)),"
        + "\(cents / 100).\(String(format: "%02d", cents % 100)),\(random.below(2))\n"
      if quantity >= 0 {
        sold[cell, default: 0] += quantity
      } else {
        returned[cell, default: 0] -= quantity
      }
      revenue[cell, default: 0] += quantity * Double(cents) / 100
    }
    let report = try f.run([try f.write(text, to: "big.csv")])
    XCTAssertEqual(try report.file("big.csv").rowsStored, 2_000)
    for store in ["S001", "S002"] {
      for sku in ["P001", "P002", "P003"] {
        let series = try f.series(store, sku)
        for day in series {
          let cell = Cell(store: store, sku: sku, day: day.day.civil.day)
          XCTAssertEqual(day.unitsSold, sold[cell] ?? 0, "\(cell)")
          XCTAssertEqual(day.unitsReturned, returned[cell] ?? 0, "\(cell)")
          XCTAssertEqual(day.revenue, revenue[cell] ?? 0, accuracy: 1e-9, "\(cell)")
        }
      }
    }
  }

  func testWithoutAPriceColumnRevenueIsZero() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P001,3\n", to: "q.csv")])
    XCTAssertEqual(try f.series("S001", "P001").map(\.revenue), [0])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [3])
  }
}
