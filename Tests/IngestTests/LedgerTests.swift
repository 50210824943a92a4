import DemandCore
import History
import Ingest
import XCTest

/// Re-delivery: the same bytes do nothing, a different file of the same name needs `replace`.
final class LedgerTests: XCTestCase {
  let original = "date,store_id,sku_id,quantity\n2025-03-01,S001,P001,2\n2025-03-05,S001,P001,4\n"
  let corrected = "date,store_id,sku_id,quantity\n2025-03-01,S001,P001,3\n2025-03-02,S001,P001,1\n"

  func testSameFileAgainIsANoOp() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let first = try f.run([try f.write(original, to: "in/tx.csv")])
    let ledgerBefore = try f.database.ledger()
    let seriesBefore = try f.series("S001", "P001")

    let again = try f.run(["in/tx.csv"])
    let file = try again.file("tx.csv")
    XCTAssertEqual(file.outcome, .alreadyIngested)
    XCTAssertEqual(file.ledgerID, try first.file("tx.csv").ledgerID)
    XCTAssertEqual(
      [file.rowsRead, file.rowsValid, file.rowsQuarantined, file.rowsStored], [0, 0, 0, 0])
    XCTAssertTrue(file.reconciles)
    XCTAssertEqual(file.message, "already ingested as tx.csv at 2025-03-31T06:00:00Z")
    XCTAssertFalse(again.hasRejectedFiles)
    XCTAssertEqual(try f.database.ledger(), ledgerBefore)
    XCTAssertEqual(try f.series("S001", "P001"), seriesBefore)
    XCTAssertEqual(seriesBefore.map(\.unitsSold), [2, 0, 0, 0, 4])
  }

  func testSameBytesUnderAnotherNameAreRecognised() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(original, to: "in/tx.csv")])
    let report = try f.run([try f.write(original, to: "resent/tx_copy.csv")])
    XCTAssertEqual(try report.file("tx_copy.csv").outcome, .alreadyIngested)
    XCTAssertEqual(
      try report.file("tx_copy.csv").message, "already ingested as tx.csv at 2025-03-31T06:00:00Z")
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2, 0, 0, 0, 4])
  }

  func testSameBytesTwiceInOneCallAreStoredOnce() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try f.run([
      try f.write(original, to: "a/tx.csv"), try f.write(original, to: "b/tx_again.csv"),
    ])
    XCTAssertEqual(report.files.map(\.outcome), [.ingested, .alreadyIngested])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2, 0, 0, 0, 4])
    XCTAssertTrue(report.files.allSatisfy(\.reconciles))
  }

  func testSameNameDifferentContentIsRefusedWithoutReplace() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(original, to: "in/tx.csv")])
    let ledgerBefore = try f.database.ledger()

    let report = try f.run([try f.write(corrected, to: "in/tx.csv")])
    let file = try report.file("tx.csv")
    XCTAssertEqual(file.outcome, .failed)
    XCTAssertEqual(
      file.message,
      "tx.csv: a different file of this name was ingested at 2025-03-31T06:00:00Z; "
        + "give --replace to supersede it, or rename the new file.")
    XCTAssertEqual(file.rowsStored, 0)
    XCTAssertTrue(report.hasRejectedFiles)
    XCTAssertEqual(try f.database.ledger(), ledgerBefore, "nothing recorded")
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2, 0, 0, 0, 4])
  }

  func testReplaceSupersedesTheOldFileAndItsBlocks() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let first = try f.run([try f.write(original, to: "in/tx.csv")])
    let report = try f.run([try f.write(corrected, to: "in/tx.csv")], replace: true)
    let file = try report.file("tx.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual(file.message, "replaced the earlier file of this name")
    // 2025-03-05 came only from the old file and is gone; 03-01 holds the new figure alone.
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [3, 1])
    let rows = try f.database.ledger().filter { $0.fileName == "tx.csv" }
    XCTAssertEqual(rows.map(\.status), [.replaced, .ingested])
    XCTAssertEqual(rows.first?.id, try first.file("tx.csv").ledgerID)
    XCTAssertEqual(try f.database.ingestedFile(named: "tx.csv")?.id, file.ledgerID)
    XCTAssertEqual(try f.database.summary().unitsSold, 4)
  }

  /// A corrected re-delivery without bad rows takes the earlier rejected rows out of quarantine.
  func testCleanReplacementClearsTheOldQuarantineFile() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let broken = original + "2025-03-06,S009,P001,1\n"
    let first = try f.run([try f.write(broken, to: "in/tx.csv")], maximumRejectShare: 0.5)
    XCTAssertEqual(try first.file("tx.csv").rowsQuarantined, 1)
    XCTAssertEqual(try f.quarantine("tx.csv").count, 1)
    let report = try f.run([try f.write(corrected, to: "in/tx.csv")], replace: true)
    XCTAssertEqual(try report.file("tx.csv").outcome, .ingested)
    XCTAssertNil(try report.file("tx.csv").quarantineFile)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: f.quarantineDirectory + "/tx.csv.rejected.csv"))
  }

  func testReplaceWithIdenticalBytesIsStillANoOp() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(original, to: "in/tx.csv")])
    let report = try f.run(["in/tx.csv"], replace: true)
    XCTAssertEqual(try report.file("tx.csv").outcome, .alreadyIngested)
    XCTAssertEqual(
      try f.database.ledger().filter { $0.fileName == "tx.csv" }.map(\.status), [.ingested])
  }
}
