import Foundation
import GRDB
import XCTest
import _TestSupport

/// `shelfcast train`, `registry` and `audit` as operations run them: the registered versions,
/// the served fitted set, the model cards and the exit codes.
final class RegistryCommandTests: XCTestCase {
  /// A 2-store × 6-SKU chain of 150 days generated and ingested into `directory/ws`; its path.
  private func ingestedChain(in directory: TemporaryDirectory) throws -> String {
    let chain = directory.path("chain")
    let workspace = directory.path("ws")
    XCTAssertEqual(
      try run([
        "generate", "--stores", "2", "--skus", "6", "--start", "2026-01-01", "--days", "150",
        "--transaction-days", "0", "--seed", "3", "--out", chain,
      ]).status, 0)
    XCTAssertEqual(
      try run([
        "ingest", "--workspace", workspace, "--as-of", "2026-12-31", chain + "/master",
        chain + "/history",
      ]).status, 0)
    return workspace
  }

  /// Training again on the same history with the same settings makes the champion's fitted
  /// set byte for byte; the registry keeps one version per set, and train says so instead of
  /// offering the champion as its own candidate.
  func testRetrainingTheChampionsSetSaysThereIsNothingToPromote() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-registry-same")
    let workspace = try ingestedChain(in: directory)
    let train = ["train", "--workspace", workspace, "--horizon", "14", "--quiet"]
    XCTAssertEqual(try run(train).status, 0)
    let again = try run(train)
    XCTAssertEqual(again.status, 0, again.error)
    XCTAssertTrue(
      again.output.contains(
        "The fitted set is the champion's, v0001, byte for byte: nothing to promote."),
      again.output)
    XCTAssertFalse(again.output.contains("as a candidate"), again.output)
  }

  func testTrainRegistersPromoteAndRollbackServeTheChampionAndAuditVerifies() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-registry-cli")
    let workspace = try ingestedChain(in: directory)
    let emptyAudit = try run(["audit", "verify", "--workspace", workspace])
    XCTAssertEqual(emptyAudit.status, 0, emptyAudit.error)
    // Each of the 9 files ingested (4 master, 5 months of history) is audited.
    XCTAssertTrue(emptyAudit.output.contains("Audit log intact: 9 entries"), emptyAudit.output)

    // The first training goes into service; the second waits as a candidate.
    let first = try run(["train", "--workspace", workspace, "--horizon", "14", "--quiet"])
    XCTAssertEqual(first.status, 0, first.error)
    XCTAssertTrue(
      first.output.contains("Registered v0001 and promoted it to champion (first model)."),
      first.output)
    let served = {
      try Data(contentsOf: URL(fileURLWithPath: workspace + "/models/fitted-set.json"))
    }
    let artifact = { (id: String) in
      try Data(contentsOf: URL(fileURLWithPath: workspace + "/models/versions/\(id).json"))
    }
    XCTAssertEqual(try served(), try artifact("v0001"))
    let second = try run([
      "train", "--workspace", workspace, "--horizon", "14", "--history-days", "120", "--quiet",
      "--reason", "shorter window",
    ])
    XCTAssertEqual(second.status, 0, second.error)
    XCTAssertTrue(second.output.contains("Registered v0002 as a candidate"), second.output)
    XCTAssertEqual(try served(), try artifact("v0001"), "a candidate is not served")
    let card = try String(
      contentsOfFile: workspace + "/reports/models/v0002.md", encoding: .utf8)
    XCTAssertTrue(card.contains("Status: **candidate**."), card)
    XCTAssertTrue(card.contains("### By region"), card)

    let list = try run(["registry", "list", "--workspace", workspace])
    XCTAssertEqual(list.status, 0, list.error)
    let rows = list.output.split(separator: "\n")
    XCTAssertEqual(rows.count, 3, list.output)
    XCTAssertEqual(rows[1].split(separator: " ").prefix(2), ["v0001", "champion"], list.output)
    XCTAssertEqual(rows[2].split(separator: " ").prefix(2), ["v0002", "candidate"], list.output)
    XCTAssertTrue(rows[2].contains("2026-01-31..2026-05-30"), "120 days through the last")

    let show = try run(["registry", "show", "v0002", "--workspace", workspace])
    XCTAssertEqual(show.status, 0, show.error)
    XCTAssertTrue(show.output.contains("trigger:           manual: shorter window"), show.output)

    let promote = try run([
      "registry", "promote", "v0002", "--workspace", workspace, "--reason", "lower WAPE",
    ])
    XCTAssertEqual(promote.status, 0, promote.error)
    XCTAssertTrue(promote.output.contains("v0002 is the champion"), promote.output)
    XCTAssertEqual(try served(), try artifact("v0002"))
    XCTAssertTrue(
      try String(contentsOfFile: workspace + "/reports/models/v0001.md", encoding: .utf8)
        .contains("Status: **archived**."))

    // Usage errors: an unknown version, a second promotion of the champion.
    for arguments in [["promote", "v0099"], ["promote", "v0002"]] {
      let refused = try run(["registry"] + arguments + ["--workspace", workspace])
      XCTAssertEqual(refused.status, 64, refused.error)
    }

    // A corrupted artifact: rollback to it is refused with exit 1, and v0002 stays served.
    var bytes = try artifact("v0001")
    bytes[10] ^= 0x20
    try bytes.write(to: URL(fileURLWithPath: workspace + "/models/versions/v0001.json"))
    let corrupt = try run(["registry", "rollback", "--workspace", workspace])
    XCTAssertEqual(corrupt.status, 1)
    XCTAssertTrue(corrupt.error.contains("is corrupted"), corrupt.error)
    XCTAssertEqual(try served(), try artifact("v0002"))
    bytes[10] ^= 0x20
    try bytes.write(to: URL(fileURLWithPath: workspace + "/models/versions/v0001.json"))
    let rollback = try run([
      "registry", "rollback", "--workspace", workspace, "--reason", "stock-outs",
    ])
    XCTAssertEqual(rollback.status, 0, rollback.error)
    XCTAssertTrue(rollback.output.contains("v0002 is rejected"), rollback.output)
    XCTAssertEqual(try served(), try artifact("v0001"))

    let verify = try run(["audit", "verify", "--workspace", workspace])
    XCTAssertEqual(verify.status, 0, verify.error)
    XCTAssertTrue(verify.output.contains("Audit log intact: 14 entries"), verify.output)
    let entries = try run(["audit", "list", "--workspace", workspace])
    XCTAssertEqual(
      entries.output.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[3] },
      Array(repeating: "ingest", count: 9) + [
        "register", "promote", "register", "promote", "rollback",
      ],
      entries.output)

    // Someone edits the promotion's reason in SQLite: verify names entry 13 and exits 5.
    try DatabaseQueue(path: workspace + "/shelfcast.sqlite").write { db in
      try db.execute(sql: "DROP TRIGGER audit_entry_no_update")
      try db.execute(
        sql: "UPDATE audit_entry SET details = replace(details, 'lower WAPE', 'ok') WHERE seq = 13")
    }
    let broken = try run(["audit", "verify", "--workspace", workspace])
    XCTAssertEqual(broken.status, 5)
    XCTAssertTrue(
      broken.output.contains("Audit log broken at entry 13: entry 13 was edited"), broken.output)
  }

  // MARK: - Helpers

  private func run(_ arguments: [String]) throws -> ShelfCastProcess.Result {
    try ShelfCastProcess.run(arguments)
  }
}
