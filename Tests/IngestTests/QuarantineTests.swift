import DemandCore
import History
import Ingest
import XCTest

/// Bad rows land in `<file>.rejected.csv` with their physical line, column and reason.
final class QuarantineTests: XCTestCase {
  /// One defect per row. Line 2 holds a quoted note over two lines and line 15 is blank, so the
  /// reported line numbers are physical lines, not record numbers.
  static let broken = """
    date,store_id,sku_id,quantity,unit_price,promo,note
    2025-03-01,S001,P001,2,1.20,0,"first
    of two lines"
    2025-03-01,S777,P001,1,1.20,0,
    2025-03-01,S001,P999,1,1.20,0,
    2025-03-01,S001,P001,"12,5",1.20,0,
    2025-02-30,S001,P001,1,1.20,0,
    2025-04-01,S001,P001,1,1.20,0,
    2025-02-28,S002,P001,1,1.20,0,
    2025-03-01,S001,P001,100000,1.20,0,
    2025-03-01,S001,P001,NaN,1.20,0,
    2025-03-01,S001,P001,1234567890123456789,1.20,0,
    2025-03-01,S001,P001,1,1.20,maybe,
    2025-03-01,S001,P001,1,1.20,0

    2025-03-02,S001,P002,1,2.50,1,ok
    2025-03-02,S001,"P002,1,2.50,1,

    """

  func testEachBadRowHasItsLineColumnAndReason() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([try f.write(Self.broken, to: "in/broken.csv")], maximumRejectShare: 1)
    let file = try report.file("broken.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsRead, file.rowsValid, file.rowsQuarantined], [14, 2, 12])
    XCTAssertEqual(file.quarantineFile, f.quarantineDirectory + "/broken.csv.rejected.csv")
    XCTAssertEqual(file.columnsIgnored, ["note"])

    let rows = try f.quarantine("broken.csv")
    XCTAssertEqual(
      rows.map { Array($0.prefix(4)) },
      [
        ["4", "2", "store_id", "store 'S777' is not in the master data"],
        ["5", "3", "sku_id", "SKU 'P999' is not in the master data"],
        ["6", "4", "quantity", "'12,5' is not a number"],
        ["7", "1", "date", "'2025-02-30' is not a date (YYYY-MM-DD, years 1900–2199)"],
        ["8", "1", "date", "date 2025-04-01 is after the as-of date 2025-03-31"],
        ["9", "1", "date", "date 2025-02-28 is before the store opened on 2025-03-01"],
        ["10", "4", "quantity", "quantity 100000.0 is beyond the plausible limit of ±10000.0"],
        ["11", "4", "quantity", "'NaN' is not a finite number"],
        ["12", "4", "quantity", "'1234567890123456789' is too large"],
        ["13", "6", "promo", "'maybe' is not 0/1 or true/false"],
        ["14", "7", "note", "6 fields where the header has 7"],
        ["17", "3", "sku_id", "a quote opened in field 3 is never closed"],
      ])
    // The raw text is the row as delivered, so it can be corrected and sent again.
    XCTAssertEqual(rows[0][4], "2025-03-01,S777,P001,1,1.20,0,")
    XCTAssertEqual(rows[2][4], "2025-03-01,S001,P001,\"12,5\",1.20,0,")
    XCTAssertEqual(rows[10][4], "2025-03-01,S001,P001,1,1.20,0")
    // A quote nothing closes ends with its line (the row's text is that line).
    XCTAssertEqual(rows[11][4], "2025-03-02,S001,\"P002,1,2.50,1,")

    // The two good rows were stored.
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2, 0])
    XCTAssertEqual(try f.series("S001", "P002").map(\.promoLines), [1])
  }

  func testACleanFileWritesNoQuarantine() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P001,1\n", to: "ok.csv")
    ])
    XCTAssertNil(try report.file("ok.csv").quarantineFile)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: f.quarantineDirectory + "/ok.csv.rejected.csv"))
  }

  func testQuarantineCellsAreSafeInASpreadsheet() throws {
    // A cell a spreadsheet would run as a formula gets a leading apostrophe; the rest is verbatim.
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run(
      [
        try f.write(
          "store_id,sku_id,date,units\n=1+2,P001,2025-03-01,1\nS001,P001,2025-03-02,1\n",
          to: "d.csv")
      ],
      maximumRejectShare: 1)
    let rows = try f.quarantine("d.csv")
    XCTAssertEqual(
      rows,
      [["2", "1", "store_id", "store '=1+2' is not in the master data", "'=1+2,P001,2025-03-01,1"]])
  }
}
