import Tabular
import XCTest

/// Quoted fields: delimiters, line breaks and doubled quotes inside them.
final class CSVScannerQuotingTests: XCTestCase {
  func testPlainRecords() {
    XCTAssertEqual(
      Scanned.all("a,b,c\n1,2,3\n"),
      [Scanned(line: 1, fields: ["a", "b", "c"]), Scanned(line: 2, fields: ["1", "2", "3"])])
  }

  func testQuotedFieldHoldsCommas() {
    XCTAssertEqual(
      Scanned.all("id,name\n1,\"Smith, John\"\n2,\",\"\n"),
      [
        Scanned(line: 1, fields: ["id", "name"]),
        Scanned(line: 2, fields: ["1", "Smith, John"]),
        Scanned(line: 3, fields: ["2", ","]),
      ])
  }

  func testQuotedFieldHoldsLineBreaksAndLaterLinesAreCountedPhysically() {
    let text = "id,note\n1,\"two\nlines\"\n2,\"crlf\r\ninside\"\n3,\"bare\rcr\"\n4,end\n"
    XCTAssertEqual(
      Scanned.all(text),
      [
        Scanned(line: 1, fields: ["id", "note"]),
        Scanned(line: 2, fields: ["1", "two\nlines"]),
        Scanned(line: 4, fields: ["2", "crlf\r\ninside"]),
        Scanned(line: 6, fields: ["3", "bare\rcr"]),
        Scanned(line: 8, fields: ["4", "end"]),
      ])
  }

  func testDoubledQuotesCollapseToOne() {
    XCTAssertEqual(
      Scanned.all("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n"),
      [Scanned(line: 1, fields: ["say \"hi\"", "\"", ""])])
  }

  func testDoubledQuotesAreFlaggedAndRawBytesKeepThem() {
    let bytes = Array("\"a\"\"b\",\"plain\",bare\n".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      let scanner = CSVScanner(bytes: buffer)
      guard let record = scanner.next() else { return XCTFail("no record") }
      XCTAssertEqual(record.fieldCount, 3)
      XCTAssertTrue(record.needsUnescaping(0))
      XCTAssertFalse(record.needsUnescaping(1))
      XCTAssertFalse(record.needsUnescaping(2))
      XCTAssertEqual(String(decoding: record.rawField(0), as: UTF8.self), "a\"\"b")
      XCTAssertEqual(record.withField(0) { String(decoding: $0, as: UTF8.self) }, "a\"b")
      XCTAssertEqual(String(decoding: record.rawField(1), as: UTF8.self), "plain")
      XCTAssertEqual(record.rawText, "\"a\"\"b\",\"plain\",bare")
      XCTAssertNil(scanner.next())
    }
  }

  func testQuoteInsideAnUnquotedFieldIsLiteral() {
    XCTAssertEqual(Scanned.all("5\" screen,2\n"), [Scanned(line: 1, fields: ["5\" screen", "2"])])
  }

  func testEmptyFieldsAndTrailingComma() {
    XCTAssertEqual(
      Scanned.all(",,\na,,b,\n\"\",x\n"),
      [
        Scanned(line: 1, fields: ["", "", ""]),
        Scanned(line: 2, fields: ["a", "", "b", ""]),
        Scanned(line: 3, fields: ["", "x"]),
      ])
  }

  func testTrailingCommaAtEndOfInputAddsAnEmptyField() {
    XCTAssertEqual(Scanned.all("a,b,"), [Scanned(line: 1, fields: ["a", "b", ""])])
  }

  func testNoFinalLineBreak() {
    XCTAssertEqual(
      Scanned.all("a,b\n1,\"2\"", withRaw: true),
      [
        Scanned(line: 1, fields: ["a", "b"], rawText: "a,b"),
        Scanned(line: 2, fields: ["1", "2"], rawText: "1,\"2\""),
      ])
  }

  func testSpacesAreKept() {
    XCTAssertEqual(Scanned.all(" a , b \n"), [Scanned(line: 1, fields: [" a ", " b "])])
  }

  func testInvalidUTF8IsRepairedInStringsOnly() {
    let bytes: [UInt8] = [0x61, 0xFF, 0x2C, 0x62, 0x0A]  // "a\xFF,b\n"
    let records = Scanned.all(bytes)
    XCTAssertEqual(records, [Scanned(line: 1, fields: ["a\u{FFFD}", "b"])])
  }
}
