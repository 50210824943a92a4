import DemandCore
import History
import Ingest
import XCTest

/// Daily-demand files and end-of-day stock snapshots.
final class DailyDemandAndInventoryTests: XCTestCase {
  func testDailyDemandWithStockoutsAndADuplicateKey() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text = """
      store_id,sku_id,date,units,stockout
      S001,P001,2025-03-01,4,0
      S001,P001,2025-03-02,0,1
      S001,P002,2025-03-01,2.5,
      S001,P001,2025-03-01,7,0
      S001,P001,2025-03-03,3,false

      """
    let report = try f.run([try f.write(text, to: "daily.csv")], maximumRejectShare: 0.5)
    let file = try report.file("daily.csv")
    XCTAssertEqual(file.kind, .dailyDemand)
    XCTAssertEqual([file.rowsRead, file.rowsValid, file.rowsQuarantined], [5, 4, 1])
    XCTAssertEqual(
      try f.quarantine("daily.csv"),
      [
        ["5", "", "", "repeats the store/SKU/date of line 2", "S001,P001,2025-03-01,7,0"]
      ])
    let p1 = try f.series("S001", "P001")
    XCTAssertEqual(p1.map(\.unitsSold), [4, 0, 3], "the first row of a repeated key is kept")
    XCTAssertEqual(p1.map(\.stockout), [false, true, false])
    XCTAssertEqual(p1.map(\.lines), [0, 0, 0], "daily demand has no transaction lines")
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [2.5, 0, 0])
    XCTAssertEqual(try f.database.summary().stockoutDays, 1)
  }

  /// Days inside a call's demand on which no store has a row (an export that missed them) are
  /// reported as runs, once ingested days fill them no more; a day one store sold is no hole.
  func testDaysWithoutDemandForAnyStoreAreReported() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let days = [1, 2, 5, 6, 9].map { String(format: "2025-03-%02d", $0) }
    let text =
      "store_id,sku_id,date,units\n"
      + days.map { "S001,P001,\($0),2\n" }.joined() + "S002,P002,2025-03-08,1\n"
    let report = try f.run([try f.write(text, to: "daily.csv")])
    let day = { (d: Int) in Day(year: 2025, month: 3, day: d)! }
    XCTAssertEqual(
      report.daysWithoutDemand,
      [.init(first: day(3), last: day(4)), .init(first: day(7), last: day(7))])
    XCTAssertEqual(report.daysWithoutDemand?.map(\.days), [2, 1])
    // The missing days delivered: no hole left among this call's days.
    let late = try f.run([
      try f.write(
        "store_id,sku_id,date,units\nS001,P001,2025-03-03,1\nS001,P001,2025-03-04,1\n"
          + "S001,P001,2025-03-07,1\n", to: "late.csv")
    ])
    XCTAssertNil(late.daysWithoutDemand)
  }

  func testDailyDemandRefusesNegativeAndAbsurdUnits() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text =
      "store_id,sku_id,date,units\nS001,P001,2025-03-01,-3\nS001,P001,2025-03-02,2000000\n"
      + "S001,P001,2025-03-03,1\n"
    try f.run([try f.write(text, to: "daily.csv")], maximumRejectShare: 1)
    XCTAssertEqual(
      try f.quarantine("daily.csv").map { Array($0.prefix(4)) },
      [
        // The apostrophe: a cell starting with '-' is guarded against spreadsheet formulas.
        ["2", "4", "units", "must not be negative (got -3.0)"],
        ["3", "4", "units", "quantity 2000000.0 is beyond the plausible limit of ±1000000.0"],
      ])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [1])
  }

  func testInventoryDateFromTheFileName() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write(
        "store_id,sku_id,on_hand,on_order\nS001,P001,0,12\nS001,P002,5,0\n",
        to: "in/on_hand_2025-03-02.csv")
    ])
    let file = try report.file("on_hand_2025-03-02.csv")
    XCTAssertEqual(file.kind, .inventory)
    XCTAssertEqual(file.firstDay, Day(year: 2025, month: 3, day: 2))
    XCTAssertEqual(file.lastDay, Day(year: 2025, month: 3, day: 2))
    let p1 = try XCTUnwrap(try f.series("S001", "P001").first)
    XCTAssertEqual(p1.day, Day(year: 2025, month: 3, day: 2))
    XCTAssertEqual([p1.onHand, p1.onOrder], [0, 12])
    XCTAssertTrue(p1.stockout, "nothing on hand at the end of the day")
    let p2 = try XCTUnwrap(try f.series("S001", "P002").first)
    XCTAssertEqual([p2.onHand, p2.onOrder], [5, 0])
    XCTAssertFalse(p2.stockout)
    XCTAssertEqual(try f.database.summary().inventoryBlocks, 1)
  }

  /// A negative book stock (common in POS exports) is read as nothing on hand, a stock-out, and
  /// counted in the file's message; it was refused, and one such row in a small file (over the
  /// 1 % limit) refused the whole day's snapshot.
  func testANegativeOnHandIsReadAsZero() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write(
        "store_id,sku_id,on_hand,on_order\nS001,P001,-2,12\nS001,P002,5,0\n",
        to: "in/on_hand_2025-03-02.csv")
    ])
    let file = try report.file("on_hand_2025-03-02.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsValid, file.rowsQuarantined], [2, 0])
    XCTAssertEqual(
      file.message, "1 row has a negative on_hand (a book stock below zero), read as 0 on hand")
    let p1 = try XCTUnwrap(try f.series("S001", "P001").first)
    XCTAssertEqual([p1.onHand, p1.onOrder], [0, 12])
    XCTAssertTrue(p1.stockout)
  }

  func testInventoryDateColumnWinsOverTheName() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([
      try f.write(
        "snapshot_date,sku,store,stock_on_hand\n2025-03-04,P003,S001,2\n",
        to: "stock_2025-01-01.csv")
    ])
    let day = try XCTUnwrap(try f.series("S001", "P003").first)
    XCTAssertEqual(day.day, Day(year: 2025, month: 3, day: 4))
    XCTAssertEqual(day.onHand, 2)
    XCTAssertEqual(day.onOrder, 0, "no on_order column reads as nothing on order")
  }

  func testBlankOnOrderIsNothingOnOrderButTextIsStillAnError() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run(
      [
        try f.write(
          "store_id,sku_id,on_hand,on_order\nS001,P001,4,\nS001,P002,5, \nS001,P003,1,lots\n",
          to: "in/on_hand_2025-03-02.csv")
      ], maximumRejectShare: 0.5)
    let file = try report.file("on_hand_2025-03-02.csv")
    XCTAssertEqual([file.rowsValid, file.rowsQuarantined], [2, 1])
    XCTAssertEqual(try f.series("S001", "P001").first?.onOrder, 0)
    XCTAssertEqual(try f.series("S001", "P002").first?.onOrder, 0)
    XCTAssertEqual(try f.quarantine("on_hand_2025-03-02.csv").first?[3], "'lots' is not a number")
  }

  func testInventoryWithoutAnyDateFails() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([try f.write("store_id,sku_id,on_hand\nS001,P001,3\n", to: "stock.csv")])
    let file = try report.file("stock.csv")
    XCTAssertEqual(file.outcome, .failed)
    XCTAssertEqual(
      file.message,
      "stock.csv: an inventory snapshot needs a 'date' column or a YYYY-MM-DD date in its name.")
    XCTAssertEqual(try f.database.summary().inventoryBlocks, 0)
  }

  func testInventoryDuplicateAndFutureDate() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text = "store_id,sku_id,on_hand\nS001,P001,3\nS001,P001,4\nS001,P002,1\n"
    try f.run([try f.write(text, to: "on_hand_2025-03-02.csv")], maximumRejectShare: 1)
    XCTAssertEqual(
      try f.quarantine("on_hand_2025-03-02.csv").map { $0[3] },
      ["repeats the store/SKU/date of line 2"])
    XCTAssertEqual(try f.series("S001", "P001").map(\.onHand), [3])

    let later = try f.run([
      try f.write("store_id,sku_id,on_hand\nS001,P001,3\n", to: "on_hand_2025-04-02.csv")
    ])
    XCTAssertEqual(try later.file("on_hand_2025-04-02.csv").outcome, .refused)
    // The date came from the file name, so no column is to blame.
    XCTAssertEqual(
      try f.quarantine("on_hand_2025-04-02.csv").map { Array($0.prefix(4)) },
      [["2", "", "", "date 2025-04-02 is after the as-of date 2025-03-31"]])
  }

  func testInventoryDateColumnIsNamedWhenItIsTheProblem() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text = "store_id,sku_id,on_hand,date\nS002,P001,3,2025-02-27\nS002,P001,3,2025-03-02\n"
    try f.run([try f.write(text, to: "stock.csv")], maximumRejectShare: 1)
    XCTAssertEqual(
      try f.quarantine("stock.csv").map { Array($0.prefix(4)) },
      [["2", "4", "date", "date 2025-02-27 is before the store opened on 2025-03-01"]])
  }
}
