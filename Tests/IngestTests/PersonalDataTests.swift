import DemandCore
import History
import Ingest
import XCTest
import _TestSupport

/// Columns that identify people are dropped unread, listed in the report, and never copied.
final class PersonalDataTests: XCTestCase {
  static let file = """
    date,customer_id,store_id,sku_id,quantity,email,loyalty_id
    2025-03-01,CUST-1001,S001,P001,2,ann@example.com,LOY-555001
    2025-03-01,CUST-1002,S777,P001,1,bob@example.com,LOY-555002
    2025-03-01,CUST-1003,S001,P001,1,cat@example.com
    2025-03-01,CUST-1004,S001,"P001,1,dan@example.com,LOY-555004

    """
  static let personalValues = ["CUST-100", "example.com", "LOY-5550", "ann@", "bob@", "dan@"]

  func testPersonalColumnsAreReportedAndNeverStored() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([try f.write(Self.file, to: "in/tx_pii.csv")], maximumRejectShare: 1)
    let file = try report.file("tx_pii.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual(file.personalDataColumnsDropped, ["customer_id", "email", "loyalty_id"])
    XCTAssertEqual(file.columnsIgnored, [])
    XCTAssertEqual([file.rowsRead, file.rowsValid, file.rowsQuarantined], [4, 1, 3])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2])
    XCTAssertEqual(
      try f.manifest(of: report).files.first?.personalDataColumnsDropped,
      ["customer_id", "email", "loyalty_id"])

    let files = try f.allFiles()
    let inputs = files.filter { $0.key.hasPrefix("in/") }
    let outputs = files.filter { !$0.key.hasPrefix("in/") }
    // The search can see what it looks for: the input holds the values, the outputs hold their
    // neighbours.
    XCTAssertTrue(inputs.values.contains { $0.contains("ann@example.com") })
    XCTAssertTrue(
      outputs.contains { $0.key.hasPrefix("shelfcast.sqlite") && $0.value.contains("tx_pii.csv") })
    XCTAssertTrue(outputs.contains { $0.key.hasPrefix("quarantine/") && $0.value.contains("S777") })
    XCTAssertTrue(outputs.contains { $0.key.hasPrefix("manifests/") })
    for (name, bytes) in outputs {
      for value in Self.personalValues {
        XCTAssertFalse(bytes.contains(value), "'\(value)' found in \(name)")
      }
    }
  }

  func testQuarantineMasksOrWithholdsRows() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(Self.file, to: "in/tx_pii.csv")], maximumRejectShare: 1)
    let withheld =
      "[withheld: this file has personal-data columns and the row could not be split safely]"
    XCTAssertEqual(
      try f.quarantine("tx_pii.csv"),
      [
        [
          "3", "3", "store_id", "store 'S777' is not in the master data",
          "2025-03-01,[removed],S777,P001,1,[removed],[removed]",
        ],
        ["4", "7", "loyalty_id", "6 fields where the header has 7", withheld],
        ["5", "4", "sku_id", "a quote opened in field 4 is never closed", withheld],
      ])
  }

  func testHeaderSpellingsAreNormalisedBeforeMatching() throws {
    // "E-Mail" normalises to e_mail, "Customer ID" to customer_id: both must be caught.
    let f = try IngestFixture()
    try f.loadMasterData()
    let text =
      "Date,Store_ID,SKU_ID,Quantity,Customer ID,E-Mail,Loyalty-ID,Phone Number\n"
      + "2025-03-01,S001,P001,1,C-77,x@example.com,L-1,+44 20 7946 0000\n"
      + "2025-03-01,S009,P001,1,C-78,y@example.com,L-2,+44 20 7946 0001\n"
    let report = try f.run([try f.write(text, to: "in/tx.csv")], maximumRejectShare: 1)
    let file = try report.file("tx.csv")
    XCTAssertEqual(
      file.personalDataColumnsDropped, ["customer_id", "e_mail", "loyalty_id", "phone_number"])
    XCTAssertEqual(file.columnsIgnored, [])
    XCTAssertEqual(
      try f.quarantine("tx.csv").map { $0[4] },
      ["2025-03-01,S009,P001,1,[removed],[removed],[removed],[removed]"])
    for (name, bytes) in try f.allFiles() where !name.hasPrefix("in/") {
      for value in ["C-78", "y@example.com", "L-2", "7946"] {
        XCTAssertFalse(bytes.contains(value), "'\(value)' found in \(name)")
      }
    }
  }

  /// Masking rebuilds the row from its fields; everything but the masked fields must read back
  /// exactly as delivered, so the row can be corrected and sent again.
  func testMaskedRowKeepsTheOtherFieldsVerbatim() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text = #"""
      date,store_id,sku_id,quantity,email,note
      2025-03-01,S777,P001,-1,ann@example.com,"return, damaged ""lid"""
      2025-03-01,S001,P001,2,bob@example.com,+ok

      """#
    try f.run([try f.write(text, to: "returns.csv")], maximumRejectShare: 1)
    let rows = try f.quarantine("returns.csv")
    XCTAssertEqual(
      rows.map { $0[4] }, [#"2025-03-01,S777,P001,-1,[removed],"return, damaged ""lid""""#])
    // Read as CSV, the masked row has the original fields.
    XCTAssertEqual(
      ReferenceCSV.parse(rows[0][4]).first?.fields,
      ["2025-03-01", "S777", "P001", "-1", "[removed]", "return, damaged \"lid\""])
  }
}
