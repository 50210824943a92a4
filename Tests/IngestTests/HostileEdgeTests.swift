import DemandCore
import Foundation
import History
import XCTest

@testable import Ingest

/// Regression tests for what the hostile-input suite found, each on its own.
final class HostileEdgeTests: XCTestCase {
  /// A file of nothing but bad rows must not keep them all in memory: beyond the limit it is
  /// refused whatever the share, and every row is still counted.
  func testMoreBadRowsThanCanBeKeptRefusesTheFile() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let text =
      "date,store_id,sku_id,quantity\n" + String(repeating: "2025-03-01,S001,P001,1\n", count: 90)
      + String(repeating: "x\n", count: 10)
    var options = f.options(maximumRejectShare: 0.5)
    options.limits.maximumQuarantinedRows = 4
    let report = try IngestRunner(database: f.database, options: options).run(paths: [
      try f.directory.write(text, to: "in/garbage.csv")
    ])
    let file = try report.file("garbage.csv")
    XCTAssertEqual(file.outcome, .refused)
    XCTAssertEqual([file.rowsRead, file.rowsValid, file.rowsQuarantined], [100, 90, 10])
    XCTAssertTrue(file.reconciles)
    XCTAssertEqual(
      file.message,
      "garbage.csv: 10 of 100 rows are bad (over the 4 bad rows one file may have; the "
        + "quarantine file lists the first 4); nothing of the file was stored. First: "
        + "garbage.csv:92: column 2 'store_id': 1 fields where the header has 4")
    XCTAssertEqual(try f.quarantine("garbage.csv").map { $0[0] }, ["92", "93", "94", "95"])
    XCTAssertEqual(try f.series("S001", "P001"), [])
  }

  /// A 240-byte file name cannot take `.rejected.csv` within the 255-byte limit on names.
  func testALongFileNameGetsAQuarantineFileItCanWrite() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let name = String(repeating: "é", count: 118) + ".csv"  // 240 bytes
    let report = try f.run(
      [try f.write("date,store_id,sku_id,quantity\n2025-03-01,S999,P001,1\n", to: "in/" + name)],
      maximumRejectShare: 1)
    let file = try report.file(name)
    XCTAssertEqual(file.outcome, .ingested, file.message ?? "")
    let quarantine = try XCTUnwrap(file.quarantineFile)
    let written = (quarantine as NSString).lastPathComponent
    XCTAssertEqual(written, QuarantineWriter.fileName(for: name))
    XCTAssertEqual(written.utf8.count, 150 + 1 + 16 + ".rejected.csv".utf8.count)
    XCTAssertTrue(written.hasPrefix(String(repeating: "é", count: 75) + "-"))
    XCTAssertTrue(FileManager.default.fileExists(atPath: quarantine))
    XCTAssertEqual(QuarantineWriter.fileName(for: "tx.csv"), "tx.csv.rejected.csv")
  }

  /// A folder holding a link to itself and a link to its parent: searched once, not forever.
  func testLinksThatLoopInsideAFolderAreNotFollowed() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.write("date,store_id,sku_id,quantity\n2025-03-01,S001,P001,1\n", to: "inbox/tx.csv")
    let inbox = f.directory.path("inbox")
    try FileManager.default.createSymbolicLink(
      atPath: inbox + "/self.csv", withDestinationPath: "self.csv")
    try FileManager.default.createSymbolicLink(
      atPath: inbox + "/up", withDestinationPath: "..")
    let report = try f.run(["inbox"])
    XCTAssertEqual(report.files.map(\.fileName), ["tx.csv"])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [1])
  }

  /// Control and formatting characters from a file are shown escaped in messages.
  func testMessagesEscapeControlCharacters() {
    XCTAssertEqual(RowError.printable("a\u{0}b\nc\u{202E}d"), "a\\u{00}b\\u{0A}c\\u{202E}d")
    XCTAssertEqual(RowError.printable("plain é"), "plain é")
  }

  /// Invalid UTF-8 in master data is named with its byte and position.
  func testLatin1SKUNameIsQuarantinedWithItsByte() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let bytes =
      Array("sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days\n".utf8)
      + Array("P009,Cr".utf8) + [0xE8] + Array("me,dairy,1,2,1,1\n".utf8)
    let report = try f.run([try f.write(bytes: bytes, to: "skus2.csv")], maximumRejectShare: 1)
    XCTAssertEqual(try report.file("skus2.csv").rowsQuarantined, 1)
    XCTAssertEqual(
      try f.quarantine("skus2.csv").map { Array($0.prefix(4)) },
      [
        [
          "2", "2", "name",
          "'Cr\u{FFFD}me' is not UTF-8 text (byte 0xE8 at byte 3); export the file as UTF-8",
        ]
      ])
  }
}
