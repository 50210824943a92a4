import DemandCore
import History
import Ingest
import XCTest

/// A file whose share of bad rows exceeds the limit is refused whole: nothing of it is stored.
final class RefusalTests: XCTestCase {
  /// Ten rows over ten days, the seventh with an unknown SKU.
  static let oneBadInTen =
    "date,store_id,sku_id,quantity\n"
    + (1...10).map {
      "2025-03-\(String(format: "%02d", $0)),S001,\($0 == 7 ? "P999" : "P001"),\($0)\n"
    }.joined()

  func testFileOverTheShareStoresNothing() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([
      try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P001,5\n", to: "in/base.csv")
    ])
    let seriesBefore = try f.series("S001", "P001")
    let summaryBefore = try f.database.summary()

    let report = try f.run([try f.write(Self.oneBadInTen, to: "in/tx.csv")])  // default limit 1 %
    let file = try report.file("tx.csv")
    XCTAssertEqual(file.outcome, .refused)
    XCTAssertEqual(
      [file.rowsRead, file.rowsValid, file.rowsQuarantined, file.rowsStored], [10, 9, 1, 0])
    XCTAssertEqual(file.cellsStored, 0)
    XCTAssertTrue(file.reconciles)
    XCTAssertTrue(report.hasRejectedFiles)
    XCTAssertEqual(
      file.message,
      "tx.csv: 1 of 10 rows are bad (10.00 % > 1.00 % allowed); nothing of the file was stored. "
        + "First: tx.csv:8: column 3 'sku_id': SKU 'P999' is not in the master data")

    XCTAssertEqual(try f.series("S001", "P001"), seriesBefore)
    XCTAssertEqual(seriesBefore.map(\.unitsSold), [5])
    let ledger = try XCTUnwrap(try f.database.ledger().last)
    XCTAssertEqual(ledger.fileName, "tx.csv")
    XCTAssertEqual(ledger.status, .refused)
    XCTAssertEqual([ledger.rowsRead, ledger.rowsStored, ledger.rowsQuarantined], [10, 0, 1])
    XCTAssertEqual(ledger.id, file.ledgerID)
    XCTAssertNil(try f.database.ingestedFile(named: "tx.csv"))
    var expectedSummary = summaryBefore
    expectedSummary.filesRefused += 1
    XCTAssertEqual(try f.database.summary(), expectedSummary)
    // The bad row is still in quarantine, so it can be corrected.
    XCTAssertEqual(try f.quarantine("tx.csv").map { $0[0] }, ["8"])
  }

  func testShareAtTheLimitIsAccepted() throws {
    // 1 bad row of 4 is exactly 25 %: refused only when the share is strictly greater.
    let text =
      "date,store_id,sku_id,quantity\n2025-03-01,S001,P001,1\n2025-03-02,S001,P001,2\n"
      + "2025-03-03,S001,P001,oops\n2025-03-04,S001,P001,4\n"
    let f = try IngestFixture()
    try f.loadMasterData()
    let atLimit = try f.run([try f.write(text, to: "a.csv")], maximumRejectShare: 0.25)
    XCTAssertEqual(try atLimit.file("a.csv").outcome, .ingested)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [1, 2, 0, 4])

    let g = try IngestFixture()
    try g.loadMasterData()
    let belowLimit = try g.run([try g.write(text, to: "a.csv")], maximumRejectShare: 0.24)
    XCTAssertEqual(try belowLimit.file("a.csv").outcome, .refused)
    XCTAssertEqual(try g.series("S001", "P001"), [])
  }

  func testCorrectedFileOfTheSameNameIsTakenAfterARefusal() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(Self.oneBadInTen, to: "in/tx.csv")])
    let fixed = Self.oneBadInTen.replacingOccurrences(of: "P999", with: "P001")
    let report = try f.run([try f.write(fixed, to: "in/tx.csv")])
    XCTAssertEqual(try report.file("tx.csv").outcome, .ingested)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), (1...10).map(Double.init))
    XCTAssertEqual(
      try f.database.ledger().filter { $0.fileName == "tx.csv" }.map(\.status),
      [.refused, .ingested])
  }

  func testOtherFilesInTheSameCallAreUnaffected() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write(Self.oneBadInTen, to: "in/a_bad.csv"),
      try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P002,3\n", to: "in/b_good.csv"),
    ])
    XCTAssertEqual(report.files.map(\.outcome), [.refused, .ingested])
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [3])
    XCTAssertEqual(try f.series("S001", "P001"), [])
  }
}
