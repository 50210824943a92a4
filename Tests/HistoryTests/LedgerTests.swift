import DemandCore
import History
import XCTest

/// The file ledger: lookups by name and content, and what counts as ingested.
final class LedgerTests: XCTestCase {
  func testCommitReturnsTheStoredEntryWithItsID() throws {
    let f = try HistoryFixture()
    let entry = HistoryFixture.entry(
      "t.csv", kind: .transactions, rows: 4, sha256: "abc123", first: HistoryFixture.day0,
      last: HistoryFixture.day0.adding(days: 2))
    let stored = try f.database.commit(FileBatch(entry: entry, content: .demand([])))
    XCTAssertGreaterThan(stored.id, 0)
    var expected = entry
    expected.id = stored.id
    XCTAssertEqual(stored, expected)
    XCTAssertEqual(try f.database.ledger().last, expected, "read back field for field")
  }

  func testLookupsByNameAndContent() throws {
    let f = try HistoryFixture()
    let a = try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("a.csv", kind: .transactions, rows: 1, sha256: "h1"),
        content: .demand([])))
    XCTAssertEqual(try f.database.ingestedFile(named: "a.csv")?.id, a.id)
    XCTAssertEqual(try f.database.ingestedFile(sha256: "h1")?.id, a.id)
    XCTAssertNil(try f.database.ingestedFile(named: "b.csv"))
    XCTAssertNil(try f.database.ingestedFile(sha256: "h2"))
    XCTAssertNil(try f.database.ingestedFile(named: "A.CSV"), "names are exact")
  }

  func testRefusedFilesAreInTheLedgerButNotIngested() throws {
    let f = try HistoryFixture()
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry(
          "bad.csv", kind: .transactions, rows: 9, status: .refused, sha256: "hb"),
        content: .nothing))
    XCTAssertNil(try f.database.ingestedFile(named: "bad.csv"))
    XCTAssertNil(try f.database.ingestedFile(sha256: "hb"))
    let last = try XCTUnwrap(try f.database.ledger().last)
    XCTAssertEqual([last.fileName, last.status.rawValue], ["bad.csv", "refused"])
    XCTAssertEqual(last.rowsStored, 0)
    // The same name can be ingested later.
    XCTAssertNoThrow(
      try f.database.commit(
        FileBatch(
          entry: HistoryFixture.entry("bad.csv", kind: .transactions, rows: 9), content: .demand([])
        )))
  }

  func testTwoIngestedFilesCannotShareAName() throws {
    let f = try HistoryFixture()
    try f.commitDemand("t.csv", [f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 1)])])
    XCTAssertThrowsError(
      try f.commitDemand("t.csv", [f.demandBlock("S001", day: 1, [.init(sku: "P001", sold: 1)])])
    ) {
      guard case .database? = $0 as? HistoryError else { return XCTFail("unexpected \($0)") }
    }
    // The failed commit stored nothing, ledger row included.
    XCTAssertEqual(try f.database.ledger().filter { $0.fileName == "t.csv" }.count, 1)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [1])
  }

  func testLedgerIsInCommitOrder() throws {
    let f = try HistoryFixture()
    for name in ["z.csv", "a.csv", "m.csv"] {
      try f.database.commit(
        FileBatch(
          entry: HistoryFixture.entry(name, kind: .transactions, rows: 0), content: .nothing))
    }
    XCTAssertEqual(
      try f.database.ledger().map(\.fileName),
      ["stores.csv", "skus.csv", "z.csv", "a.csv", "m.csv"])
  }
}
