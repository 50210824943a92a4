import Tabular
import XCTest

/// Line endings, byte-order marks and blank lines; line numbers must match a text editor's.
final class CSVScannerLineTests: XCTestCase {
  func testCRLFLineEndings() {
    XCTAssertEqual(
      Scanned.all("a,b\r\n1,2\r\n", withRaw: true),
      [
        Scanned(line: 1, fields: ["a", "b"], rawText: "a,b"),
        Scanned(line: 2, fields: ["1", "2"], rawText: "1,2"),
      ])
  }

  /// Tabs, NUL and other control bytes inside fields are data, not line ends, whether they fall
  /// in the first eight bytes of a line or later (the fast path hands such lines to the general
  /// one).
  func testControlBytesInsideFieldsAreData() {
    XCTAssertEqual(
      Scanned.all("a\tb,c\n2026-01-01,S001,x\u{0}y,\u{0B}z\nlast,\u{1F}\n", withRaw: true),
      [
        Scanned(line: 1, fields: ["a\tb", "c"], rawText: "a\tb,c"),
        Scanned(
          line: 2, fields: ["2026-01-01", "S001", "x\u{0}y", "\u{0B}z"],
          rawText: "2026-01-01,S001,x\u{0}y,\u{0B}z"),
        Scanned(line: 3, fields: ["last", "\u{1F}"], rawText: "last,\u{1F}"),
      ])
  }

  func testBareCRLineEndings() {
    XCTAssertEqual(
      Scanned.all("a,b\r1,2\r3,4"),
      [
        Scanned(line: 1, fields: ["a", "b"]), Scanned(line: 2, fields: ["1", "2"]),
        Scanned(line: 3, fields: ["3", "4"]),
      ])
  }

  func testMixedLineEndings() {
    XCTAssertEqual(
      Scanned.all("h\r\nlf\ncr\rcrlf\r\nlast"),
      [
        Scanned(line: 1, fields: ["h"]), Scanned(line: 2, fields: ["lf"]),
        Scanned(line: 3, fields: ["cr"]), Scanned(line: 4, fields: ["crlf"]),
        Scanned(line: 5, fields: ["last"]),
      ])
  }

  func testBlankLinesAreSkippedButCounted() {
    // Lines: 1 "", 2 "a", 3 "", 4 "", 5 "b" (CRLF), 6 "" (CRLF), 7 "" (CR), 8 "c", 9 "".
    XCTAssertEqual(
      Scanned.all("\na\n\n\nb\r\n\r\n\rc\n\n"),
      [
        Scanned(line: 2, fields: ["a"]), Scanned(line: 5, fields: ["b"]),
        Scanned(line: 8, fields: ["c"]),
      ])
  }

  func testByteOrderMarkIsSkippedAtTheStartOnly() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let records = Scanned.all(bom + Array("id,x\r\n1,2\r\n".utf8), withRaw: true)
    XCTAssertEqual(
      records,
      [
        Scanned(line: 1, fields: ["id", "x"], rawText: "id,x"),
        Scanned(line: 2, fields: ["1", "2"], rawText: "1,2"),
      ])
    // A BOM later in the file is data, not a marker.
    XCTAssertEqual(
      Scanned.all(Array("a\n".utf8) + bom + Array("b\n".utf8))[1].fields, ["\u{FEFF}b"])
  }

  func testEmptyInputsHaveNoRecords() {
    XCTAssertEqual(Scanned.all(""), [])
    XCTAssertEqual(Scanned.all([0xEF, 0xBB, 0xBF]), [])
    XCTAssertEqual(Scanned.all("\n\r\n\r"), [])
  }

  func testLineNumbersAfterManyMultiLineFields() {
    // Record k (from 0) spans k + 1 lines (k breaks inside its quotes, then its own), so it starts
    // on line 1 + (1 + 2 + … + k) = 1 + k(k+1)/2.
    var text = ""
    for k in 0..<20 {
      text += "\(k),\"" + String(repeating: "x\n", count: k) + "\"\n"
    }
    let records = Scanned.all(text)
    XCTAssertEqual(records.count, 20)
    for (k, record) in records.enumerated() {
      XCTAssertEqual(record.line, 1 + k * (k + 1) / 2, "record \(k)")
      XCTAssertEqual(record.fields, ["\(k)", String(repeating: "x\n", count: k)])
    }
  }

  func testOffsetAdvancesPastEachRecord() {
    let bytes = Array("ab,c\r\nd\n".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      let scanner = CSVScanner(bytes: buffer)
      XCTAssertEqual(scanner.offset, 0)
      let first = scanner.next()
      XCTAssertEqual(first?.rawStart, 0)
      XCTAssertEqual(first?.rawEnd, 4)
      XCTAssertEqual(scanner.offset, 6)
      _ = scanner.next()
      XCTAssertEqual(scanner.offset, 8)
      XCTAssertNil(scanner.next())
    }
  }
}
