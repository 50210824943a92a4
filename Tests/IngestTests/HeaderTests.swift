import DemandCore
import History
import Ingest
import XCTest

/// Files are recognised by their header, in any column order and with any line endings.
final class HeaderTests: XCTestCase {
  func testColumnsInAnyOrderWithAliasesAndExtras() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text = """
      Promo, Unit Price ,QTY,Till,SKU,Store,Sale Date
      1,1.25,4,7,P002,S001,2025-03-03
      0,1.25,2,7,P002,S001,2025-03-03

      """
    let report = try f.run([try f.write(text, to: "in/export.csv")])
    let file = try report.file("export.csv")
    XCTAssertEqual(file.kind, .transactions)
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual(file.columnsIgnored, ["till"])
    let day = try XCTUnwrap(try f.series("S001", "P002").first)
    XCTAssertEqual(day.day, Day(year: 2025, month: 3, day: 3))
    XCTAssertEqual([day.unitsSold, day.revenue], [6, 7.5])
    XCTAssertEqual([day.lines, day.promoLines], [2, 1])
  }

  func testCRLFAndByteOrderMark() throws {
    let f = try IngestFixture()
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let stores = IngestFixture.stores.replacingOccurrences(of: "\n", with: "\r\n")
    let tx =
      "date,store_id,sku_id,quantity,unit_price\r\n2025-03-01,S001,P001,2,1.50\r\n\r\n"
      + "2025-03-02,S001,P001,1,1.50"
    let report = try f.run([
      try f.write(bytes: bom + Array(stores.utf8), to: "in/stores.csv"),
      try f.write(bytes: bom + Array(IngestFixture.skus.utf8), to: "in/skus.csv"),
      try f.write(bytes: bom + Array(tx.utf8), to: "in/tx.csv"),
    ])
    XCTAssertEqual(report.files.map(\.outcome), [.ingested, .ingested, .ingested])
    XCTAssertEqual(report.files.map(\.rowsRead), [2, 3, 2])
    XCTAssertEqual(try f.database.masterIndex().stores.map(\.record.id.rawValue), ["S001", "S002"])
    XCTAssertEqual(try f.database.masterIndex().stores.map(\.record.format), ["hyper", "super"])
    XCTAssertEqual(try f.series("S001", "P001").map(\.revenue), [3, 1.5])
  }

  func testSemicolonHeaderFailsWithAHint() throws {
    let f = try IngestFixture()
    let report = try f.run([
      try f.write("date;store_id;sku_id;quantity\n2025-03-01;S001;P001;2\n", to: "in/euro.csv")
    ])
    let file = try report.file("euro.csv")
    XCTAssertEqual(file.outcome, .failed)
    XCTAssertNil(file.kind)
    XCTAssertEqual(
      file.message,
      "euro.csv:1: the header (date;store_id;sku_id;quantity) matches no input ShelfCast knows; "
        + "the header is separated by semicolons; ShelfCast reads comma-separated files. "
        + "Expected transactions (date,store_id,sku_id,quantity,...), daily demand "
        + "(store_id,sku_id,date,units), inventory (store_id,sku_id,on_hand), or master data.")
    XCTAssertTrue(report.hasRejectedFiles)
    XCTAssertEqual(try f.database.ledger(), [], "an unrecognised file is not in the ledger")
  }

  func testUnknownCommaHeaderHasNoHint() throws {
    let f = try IngestFixture()
    let report = try f.run([try f.write("when,where,what\n1,2,3\n", to: "odd.csv")])
    let message = try XCTUnwrap(try report.file("odd.csv").message)
    XCTAssertTrue(
      message.hasPrefix(
        "odd.csv:1: the header (when,where,what) matches no input ShelfCast knows. Expected"),
      message)
  }

  func testEmptyFilesFailClearly() throws {
    let f = try IngestFixture()
    let report = try f.run([
      try f.write("", to: "in/a_empty.csv"),
      try f.write(bytes: [0xEF, 0xBB, 0xBF, 0x0D, 0x0A, 0x0A], to: "in/b_blank.csv"),
    ])
    XCTAssertEqual(report.files.map(\.outcome), [.failed, .failed])
    XCTAssertEqual(
      report.files.map(\.message),
      [
        "a_empty.csv: the file is empty; expected a header line.",
        "b_blank.csv: the file is empty; expected a header line.",
      ])
    XCTAssertTrue(report.hasRejectedFiles)
  }

  func testHeaderOnlyFileIsIngestedWithNoRows() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([try f.write("date,store_id,sku_id,quantity\n", to: "none.csv")])
    let file = try report.file("none.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsRead, file.rowsStored, file.rowsQuarantined], [0, 0, 0])
    XCTAssertNil(file.firstDay)
  }

  /// Spreadsheet exports often end every line, header included, with a comma.
  func testTrailingCommaOnEveryLineIsAccepted() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write(
        "date,store_id,sku_id,quantity,\n2025-03-01,S001,P001,2,\n2025-03-01,S001,P001,1,\n",
        to: "in/tx.csv")
    ])
    let file = try report.file("tx.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsRead, file.rowsStored], [2, 2])
    XCTAssertEqual(file.columnsIgnored, ["_unnamed_5"])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [3])
  }

  func testDuplicateColumnFails() throws {
    let f = try IngestFixture()
    let report = try f.run([try f.write("date,store_id,sku_id,quantity,Store ID\n", to: "dup.csv")])
    XCTAssertEqual(
      try report.file("dup.csv").message,
      "dup.csv:1: column 'store_id' appears twice (columns 2 and 5).")
  }

  func testMissingPathsAndFoldersAreSearched() throws {
    let f = try IngestFixture()
    try f.write(IngestFixture.stores, to: "drop/stores.csv")
    try f.write(IngestFixture.skus, to: "drop/nested/deeper/SKUS.CSV")
    try f.write("not,a,csv\n", to: "drop/readme.txt")
    try f.write("date,store_id,sku_id,quantity\n", to: "drop/.hidden.csv")
    try f.write("date,store_id,sku_id,quantity\n", to: "drop/.cache/tx.csv")
    let report = try f.run(["drop", "missing.csv"])
    XCTAssertEqual(report.files.map(\.fileName), ["missing.csv", "stores.csv", "SKUS.CSV"])
    XCTAssertEqual(report.files.map(\.outcome), [.failed, .ingested, .ingested])
    XCTAssertEqual(
      report.files[0].message, f.directory.path("missing.csv") + ": no such file or folder.")
  }
}
