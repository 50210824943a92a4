import DemandCore
import History
import Ingest
import XCTest

/// Master data is loaded first, whatever order the paths come in, and checked like any input.
final class MasterDataTests: XCTestCase {
  func testMasterDataLoadsBeforeTransactionsGivenInTheOtherOrder() throws {
    let f = try IngestFixture()
    let paths = [
      try f.write(
        "date,store_id,sku_id,quantity\n2025-03-01,S001,P001,2\n2025-03-02,S002,P003,1\n",
        to: "a/1_tx.csv"),
      try f.write(
        "store_id,sku_id,start_date,end_date,discount_pct\nS001,P001,2025-03-01,2025-03-07,20\n",
        to: "a/2_promotions.csv"),
      try f.write(
        "date,holiday\n2025-03-17,St Patrick's Day\n2025-03-18,\n", to: "a/3_calendar.csv"),
      try f.write(IngestFixture.skus, to: "b/skus.csv"),
      try f.write(IngestFixture.stores, to: "c/stores.csv"),
    ]
    let report = try f.run(paths)
    XCTAssertEqual(
      report.files.map(\.fileName),
      ["stores.csv", "skus.csv", "3_calendar.csv", "2_promotions.csv", "1_tx.csv"])
    XCTAssertEqual(
      report.files.map(\.kind), [.stores, .skus, .calendar, .promotions, .transactions])
    XCTAssertEqual(report.files.map(\.outcome), Array(repeating: .ingested, count: 5))
    XCTAssertEqual(try report.file("1_tx.csv").rowsStored, 2)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2])
    XCTAssertEqual(try f.series("S002", "P003").map(\.unitsSold), [1])
    XCTAssertEqual(
      try f.database.promotions(),
      [
        PromotionRecord(
          store: StoreID("S001"), sku: SKUID("P001"), start: Day(year: 2025, month: 3, day: 1)!,
          end: Day(year: 2025, month: 3, day: 7)!, discountPct: 20)
      ])
    XCTAssertEqual(
      try f.database.calendar(),
      [
        CalendarEntry(day: Day(year: 2025, month: 3, day: 17)!, holiday: "St Patrick's Day"),
        CalendarEntry(day: Day(year: 2025, month: 3, day: 18)!, holiday: nil),
      ])
  }

  func testStoresAndSKUsAreValidated() throws {
    let f = try IngestFixture()
    let stores =
      "store_id,name,open_date\nS001,A,2020-01-01\nS001,B,2020-01-01\n,C,2020-01-01\n"
      + "S003,D,2020-13-01\nS004,E,\n"
    let skus =
      "sku_id,category,unit_cost,unit_price,case_pack,lead_time_days\n"
      + "P001,dairy,0.5,1,12,2\nP002,dairy,0.5,1,0,2\nP003,,0.5,1,12,2\nP004,dairy,0.5,1,1.5,2\n"
      + "P005,dairy,-1,1,12,2\n"
    let report = try f.run(
      [try f.write(stores, to: "stores.csv"), try f.write(skus, to: "skus.csv")],
      maximumRejectShare: 1)
    XCTAssertEqual(report.files.map(\.rowsStored), [2, 1])
    let storeRows = try f.quarantine("stores.csv")
    XCTAssertEqual(
      storeRows.map { Array($0.prefix(3)) },
      [
        ["3", "1", "store_id"], ["4", "1", "store_id"], ["5", "3", "open_date"],
      ])
    XCTAssertEqual(storeRows[0][3], "repeats the value of line 2")
    XCTAssertEqual(storeRows[1][3], "empty, but a value is required")
    XCTAssertEqual(storeRows[2][3], "'2020-13-01' is not a date (YYYY-MM-DD, years 1900–2199)")
    XCTAssertEqual(
      try f.quarantine("skus.csv").map { Array($0.prefix(4)) },
      [
        ["3", "5", "case_pack", "value 0.0 is outside 1.0…100000.0"],
        ["4", "2", "category", "empty, but a value is required"],
        ["5", "5", "case_pack", "'1.5' is not a whole number"],
        ["6", "3", "unit_cost", "must not be negative (got -1.0)"],
      ])
    let master = try f.database.masterIndex()
    XCTAssertEqual(master.stores.map(\.record.id.rawValue), ["S001", "S004"])
    XCTAssertEqual(master.stores.map(\.record.name), ["A", "E"])
    XCTAssertNil(master.stores[1].record.openDay)
    XCTAssertEqual(master.skus.map(\.record.minOrderQty), [0], "min_order_qty defaults to 0")
  }

  /// The optional `shelf_capacity` of skus.csv reaches the master data (blank: no limit), and
  /// a value that is not a whole number of at least 1 is refused with its line and column.
  func testShelfCapacityIsReadFromSKUs() throws {
    let f = try IngestFixture()
    let report = try f.run(
      [
        try f.write(
          "sku_id,category,unit_cost,unit_price,case_pack,lead_time_days,shelf_capacity\n"
            + "P001,dairy,1,2,6,2,40\nP002,dairy,1,2,6,2,\nP003,dairy,1,2,6,2,0\n",
          to: "skus.csv")
      ], maximumRejectShare: 1)
    XCTAssertEqual(try report.file("skus.csv").rowsQuarantined, 1)
    XCTAssertEqual(
      try f.quarantine("skus.csv").first.map { Array($0.prefix(3)) }, ["4", "7", "shelf_capacity"])
    let skus = try f.database.masterIndex().skus.map(\.record)
    XCTAssertEqual(skus.map(\.id.rawValue), ["P001", "P002"])
    XCTAssertEqual(skus.map(\.shelfCapacityUnits), [40, nil])
  }

  func testDataBeforeAnyMasterDataIsAllUnknown() throws {
    let f = try IngestFixture()
    let report = try f.run([
      try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P001,2\n", to: "tx.csv")
    ])
    XCTAssertEqual(try report.file("tx.csv").outcome, .refused)
    XCTAssertEqual(
      try f.quarantine("tx.csv").map { $0[3] }, ["store 'S001' is not in the master data"])
  }
}
