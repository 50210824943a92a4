import Foundation
import GRDB
import History
import Registry
import XCTest
import _TestSupport

/// The audit log's hash chain: reference hashes, and every kind of tampering found where it is.
final class AuditChainTests: XCTestCase {
  struct Reference: Decodable {
    struct Audit: Decodable {
      struct Entry: Decodable {
        var seq: Int64
        var action: String
        var subject: String
        var details: String
        var prevHash: String
        var hash: String
      }
      var atEpochSeconds: Double
      var at: String
      var user: String
      var host: String
      var chain: [Entry]
    }
    var audit: Audit
  }

  static func reference() throws -> Reference.Audit {
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(Reference.self, from: Data(contentsOf: url)).audit
  }

  /// Three entries hash exactly as hashlib does (Fixtures/reference.py): a non-ASCII user, a
  /// colon in the host and a pipe in the details are counted in bytes, not characters.
  func testHashesMatchTheIndependentReference() throws {
    let reference = try Self.reference()
    let directory = try TemporaryDirectory()
    let database = try RegistryDatabase(
      path: directory.path("shelfcast.sqlite"),
      actor: AuditActor(user: reference.user, host: reference.host),
      clock: { Date(timeIntervalSince1970: reference.atEpochSeconds) })
    let log = AuditLog(database: database)
    for expected in reference.chain {
      let details = try JSONDecoder().decode(
        [String: String].self, from: Data(expected.details.utf8))
      let entry = try log.append(
        AuditAction(rawValue: expected.action), subject: expected.subject, details: details)
      XCTAssertEqual(entry.seq, expected.seq)
      XCTAssertEqual(entry.at, reference.at)
      XCTAssertEqual(entry.details, expected.details)
      XCTAssertEqual(entry.previousHash, expected.prevHash)
      XCTAssertEqual(entry.hash, expected.hash, "entry \(expected.seq)")
    }
    XCTAssertEqual(try log.entries().map(\.hash), reference.chain.map(\.hash))
    let verified = try log.verify()
    XCTAssertTrue(verified.isIntact)
    XCTAssertEqual(verified.entryCount, 3)
    XCTAssertEqual(verified.lastSeq, 3)
    XCTAssertEqual(verified.lastHash, reference.chain.last?.hash)
  }

  func testAFreshLogVerifies() throws {
    let fixture = try RegistryFixture()
    let result = try fixture.registry.audit.verify()
    XCTAssertEqual(
      result, AuditVerification(entryCount: 0, lastSeq: nil, lastHash: nil, problem: nil))
  }

  /// Five entries: two registrations, a promotion, a rejection and an ingest.
  private func fiveEntries() throws -> RegistryFixture {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    _ = try fixture.registry.promote(ids[0], reason: "first")
    _ = try fixture.registry.reject(ids[1], reason: "worse")
    try fixture.registry.audit.append(.ingest, subject: "transactions_2026-04-01.csv")
    XCTAssertEqual(
      try fixture.registry.audit.entries().map(\.action),
      [.register, .register, .promote, .reject, .ingest])
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
    return fixture
  }

  func testAnEditedEntryIsFoundBySeq() throws {
    let fixture = try fiveEntries()
    try fixture.tamper(
      "UPDATE audit_entry SET details = '{\"reason\":\"better\",\"was\":\"candidate\"}' "
        + "WHERE seq = 4")
    let problem = try XCTUnwrap(fixture.registry.audit.verify().problem)
    guard case .edited(let seq, _, _) = problem else { return XCTFail("\(problem)") }
    XCTAssertEqual(seq, 4)
    XCTAssertEqual(problem.seq, 4)
  }

  func testAnEditedUserIsFoundBySeq() throws {
    let fixture = try fiveEntries()
    try fixture.tamper("UPDATE audit_entry SET user = 'mallory' WHERE seq = 2")
    let problem = try XCTUnwrap(fixture.registry.audit.verify().problem)
    guard case .edited(2, _, _) = problem else { return XCTFail("\(problem)") }
  }

  func testAMalformedHashIsNamed() throws {
    let fixture = try fiveEntries()
    try fixture.tamper("UPDATE audit_entry SET hash = 'not-a-hash' WHERE seq = 5")
    XCTAssertEqual(
      try fixture.registry.audit.verify().problem,
      .malformedHash(seq: 5, column: "hash", value: "not-a-hash"))
  }

  func testADeletedEntryIsAGap() throws {
    let fixture = try fiveEntries()
    try fixture.tamper("DELETE FROM audit_entry WHERE seq = 3")
    let result = try fixture.registry.audit.verify()
    XCTAssertEqual(result.problem, .missing(seq: 3, through: 3))
    XCTAssertEqual(result.entryCount, 3, "stops at the first broken entry")
  }

  func testSwappedEntriesAreReordered() throws {
    let fixture = try fiveEntries()
    try fixture.tamper(
      """
      UPDATE audit_entry SET seq = -1 WHERE seq = 2;
      UPDATE audit_entry SET seq = 2 WHERE seq = 4;
      UPDATE audit_entry SET seq = 4 WHERE seq = -1;
      """)
    // Entry 2 now holds what was written fourth, which links to the entry now at 3.
    XCTAssertEqual(
      try fixture.registry.audit.verify().problem, .reordered(seq: 2, belongsAfter: 3))
  }

  func testARemovedAndRenumberedEntryBreaksTheLink() throws {
    let fixture = try fiveEntries()
    try fixture.tamper(
      """
      DELETE FROM audit_entry WHERE seq = 3;
      UPDATE audit_entry SET seq = seq - 1 WHERE seq > 3;
      UPDATE audit_head SET seq = 4;
      """)
    let problem = try XCTUnwrap(fixture.registry.audit.verify().problem)
    guard case .brokenLink(let seq, _, _) = problem else { return XCTFail("\(problem)") }
    XCTAssertEqual(seq, 3)
  }

  func testDeletingTheNewestEntriesIsCaughtByTheHead() throws {
    let fixture = try fiveEntries()
    try fixture.tamper("DELETE FROM audit_entry WHERE seq >= 4")
    XCTAssertEqual(
      try fixture.registry.audit.verify().problem, .truncated(lastSeq: 3, headSeq: 5))
  }

  func testTheTableRefusesUpdatesAndDeletes() throws {
    let fixture = try fiveEntries()
    let queue = try DatabaseQueue(path: fixture.databasePath)
    for sql in ["UPDATE audit_entry SET user = 'x' WHERE seq = 1", "DELETE FROM audit_entry"] {
      XCTAssertThrowsError(try queue.write { try $0.execute(sql: sql) }) { error in
        XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
      }
    }
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }

  /// History's and the registry's migrators share `grdb_migrations`; each opens the
  /// database after the other has migrated it, and History's data survives.
  func testHistoryAndRegistryMigrationsCoexist() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("shelfcast.sqlite")
    _ = try HistoryDatabase(path: path)
    let registry = try RegistryDatabase(path: path)
    try AuditLog(database: registry).append(.ingest, subject: "x")
    let history = try HistoryDatabase(path: path)
    XCTAssertEqual(try history.ledger(), [])
    XCTAssertTrue(try AuditLog(database: RegistryDatabase(path: path)).verify().isIntact)
    let identifiers = try DatabaseQueue(path: path).read {
      try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
    }
    // Both migrators' identifiers sit side by side in grdb_migrations (History's list grows
    // with its own migrations; the registry's are four: the tables, the nights, the fair
    // retraining's columns, then the shadow runs).
    XCTAssertTrue(Set(identifiers).isSuperset(of: ["registry-v1", "v1-history"]), "\(identifiers)")
    XCTAssertEqual(
      identifiers.filter { $0.hasPrefix("registry-") },
      [
        "registry-v1", "registry-v2-nights", "registry-v3-fair-retraining",
        "registry-v4-shadow",
      ])

    // And the other way round: the registry first, in a new file.
    let other = directory.path("other.sqlite")
    _ = try RegistryDatabase(path: other)
    _ = try HistoryDatabase(path: other)
    _ = try RegistryDatabase(path: other)
  }
}
