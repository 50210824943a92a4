import DemandCore
import Foundation
import GRDB
import History
import XCTest
import _TestSupport

/// `HistoryDatabase.backUp(to:)` and `FileCopy`: a copy holds the last commit whichever way it
/// is made, and a reader of an older snapshot sends the backup to the page copy.
final class BackupTests: XCTestCase {
  /// S001's first four days after `fixture` committed `a.csv` and, when `second`, `b.csv`.
  private func commit(_ f: HistoryFixture, second: Bool) throws {
    if second {
      try f.commitDemand("b.csv", [f.demandBlock("S001", day: 1, [.init(sku: "P002", sold: 5)])])
    } else {
      try f.commitDemand(
        "a.csv",
        [
          f.demandBlock(
            "S001", day: 0, [.init(sku: "P001", sold: 2), .init(sku: "P002", sold: 3)]),
          f.demandBlock("S001", day: 2, [.init(sku: "P001", sold: 0, stockout: true)]),
        ])
    }
  }

  /// The demand the fixture's two files leave, worked out by hand: P001 2, 0, 0 (out), 0;
  /// P002 3, 5, 0, 0.
  private func assertHoldsBothFiles(
    _ path: String, file: StaticString = #filePath, line: UInt = #line
  )
    throws
  {
    try HistoryDatabase.quickCheck(path: path)
    let copy = try HistoryDatabase(path: path, readOnly: true)
    let panel = try copy.demandPanel(
      store: StoreID("S001"), from: HistoryFixture.day0,
      through: HistoryFixture.day0.adding(days: 3))
    XCTAssertEqual(panel.keys.map(\.sku.rawValue), ["P001", "P002"], file: file, line: line)
    XCTAssertEqual(Array(panel.series(0)), [2, 0, 0, 0], file: file, line: line)
    XCTAssertEqual(Array(panel.censoring(0)), [false, false, true, false], file: file, line: line)
    XCTAssertEqual(Array(panel.series(1)), [3, 5, 0, 0], file: file, line: line)
    XCTAssertEqual(
      try copy.ledger().map(\.fileName).sorted(), ["a.csv", "b.csv", "skus.csv", "stores.csv"],
      file: file, line: line)
  }

  func testWithoutReadersTheCheckpointedFileIsCopiedWhole() throws {
    let f = try HistoryFixture()
    try commit(f, second: false)
    try commit(f, second: true)
    let path = f.directory.path("copy.sqlite")
    XCTAssertEqual(try f.database.backUp(to: path), .fileCopy)
    try assertHoldsBothFiles(path)
    // The copy was taken from the database file after the checkpoint emptied the WAL.
    let wal = try FileManager.default.attributesOfItem(atPath: f.database.path + "-wal")
    XCTAssertEqual((wal[.size] as? NSNumber)?.intValue, 0)
  }

  func testAReaderOfAnOlderSnapshotSendsTheBackupToThePageCopy() throws {
    let f = try HistoryFixture()
    try commit(f, second: false)
    // Another connection (as `shelfcast serve` would hold) reads the state after a.csv and
    // keeps its transaction open while b.csv is committed: the full checkpoint cannot finish.
    let reader = try DatabaseQueue(path: f.database.path)
    let reading = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let stores = try? reader.read { db in
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM store")
        reading.signal()
        release.wait()
        return count
      }
      XCTAssertEqual(stores, 2)
      finished.signal()
    }
    reading.wait()
    try commit(f, second: true)
    let path = f.directory.path("copy.sqlite")
    XCTAssertEqual(try f.database.backUp(to: path), .pageCopy)
    release.signal()
    finished.wait()
    try assertHoldsBothFiles(path)
  }

  func testADraftTakenBeforeLaterCommitsIsBroughtUpToDate() throws {
    let f = try HistoryFixture()
    try commit(f, second: false)
    // The draft: the file as it was before b.csv, damaged in its middle and with bytes after
    // its end, as a copy taken while the database changed could be.
    let path = f.directory.path("copy.sqlite")
    try FileCopy.copy(from: f.database.path, to: path)
    let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: 4096)
    try handle.write(contentsOf: Data(repeating: 0xAB, count: 100))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(repeating: 0xCD, count: 5000))
    try handle.close()
    try commit(f, second: true)

    XCTAssertEqual(try f.database.backUp(to: path, draft: true), .draftUpdate)
    try assertHoldsBothFiles(path)
    XCTAssertEqual(
      FileManager.default.contents(atPath: path),
      FileManager.default.contents(atPath: f.database.path))
  }

  func testUpdateRewritesOnlyTheChunksThatDiffer() throws {
    let directory = try TemporaryDirectory()
    let chunk = 1 << 20
    // Three chunks and a bit: the copy differs in one byte of the second and is 10 bytes
    // short at the end.
    let bytes = (0..<(3 * chunk + 777)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 12) }
    var copy = Array(bytes.dropLast(10))
    copy[chunk + 5] ^= 0xFF
    let source = directory.path("source.bin")
    let destination = directory.path("copy.bin")
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    try Data(copy).write(to: URL(fileURLWithPath: destination))
    // The second chunk (1 MiB) and the last, partial one (777 bytes).
    XCTAssertEqual(try FileCopy.update(destination, from: source), chunk + 777)
    XCTAssertEqual(FileManager.default.contents(atPath: destination), Data(bytes))
    XCTAssertEqual(try FileCopy.update(destination, from: source), 0)
  }

  func testACopyIsTheSameBytesAndNeverOverwrites() throws {
    let directory = try TemporaryDirectory()
    // Not a multiple of a page; every byte differs from its neighbours.
    let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    let source = directory.path("source.bin")
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    let destination = directory.path("copy.bin")
    XCTAssertEqual(try FileCopy.copy(from: source, to: destination), bytes.count)
    XCTAssertEqual(FileManager.default.contents(atPath: destination), Data(bytes))

    XCTAssertThrowsError(try FileCopy.copy(from: source, to: destination)) { error in
      XCTAssertEqual((error as? FileCopy.Failure)?.step, "create")
      XCTAssertEqual((error as? FileCopy.Failure)?.path, destination)
    }
    XCTAssertThrowsError(
      try FileCopy.copy(from: directory.path("missing"), to: directory.path("x"))
    ) { error in
      XCTAssertEqual((error as? FileCopy.Failure)?.step, "open")
    }
  }
}
