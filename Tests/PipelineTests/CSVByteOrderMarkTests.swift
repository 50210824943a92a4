import Foundation
import Pipeline
import XCTest
import _TestSupport

/// The optional byte-order mark for Excel: added once to CSV files only, the rest unchanged.
final class CSVByteOrderMarkTests: XCTestCase {
  func testTheMarkIsAddedOnceToCSVFilesOnly() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-bom")
    let csv = directory.path("alerts.csv")
    let empty = directory.path("empty.csv")
    let html = directory.path("report.html")
    let text = "severity,message\nwarning,WAPE ≥ 0.25\n"
    try text.write(toFile: csv, atomically: true, encoding: .utf8)
    try "".write(toFile: empty, atomically: true, encoding: .utf8)
    try "<html></html>".write(toFile: html, atomically: true, encoding: .utf8)

    XCTAssertEqual(try CSVByteOrderMark.prepend(toCSVFilesAmong: [csv, empty, html]), 2)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: csv)),
      Data(CSVByteOrderMark.bytes + Array(text.utf8)))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: empty)), Data(CSVByteOrderMark.bytes))
    XCTAssertEqual(try String(contentsOfFile: html, encoding: .utf8), "<html></html>")

    // Run again (a night run again): nothing changes.
    XCTAssertEqual(try CSVByteOrderMark.prepend(toCSVFilesAmong: [csv, empty, html]), 0)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: csv)),
      Data(CSVByteOrderMark.bytes + Array(text.utf8)))
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(),
      ["alerts.csv", "empty.csv", "report.html"], "no temporary file left")
  }

  func testAFileLongerThanOneChunkIsCopiedWhole() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-bom")
    let path = directory.path("forecast_vs_actual.csv")
    let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    try CSVByteOrderMark.prepend(toCSVFilesAmong: [path])
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: path)), Data(CSVByteOrderMark.bytes + bytes))
  }
}
