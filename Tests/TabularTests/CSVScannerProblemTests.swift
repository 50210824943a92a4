import Tabular
import XCTest

/// Records the scanner reports instead of guessing: each is still delimited, so reading goes on.
final class CSVScannerProblemTests: XCTestCase {
  /// Nothing closes the quote, so it ends with its line and the lines after it are records again
  /// (before, they vanished into the bad record, and with them their rows).
  func testUnbalancedQuoteEndsWithItsLine() {
    let records = Scanned.all("a,b\n1,\"open\n2,3\r\n4,\"\"x\"\"\n", withRaw: true)
    XCTAssertEqual(records.count, 4)
    XCTAssertEqual(records[0], Scanned(line: 1, fields: ["a", "b"], rawText: "a,b"))
    XCTAssertEqual(records[1].line, 2)
    XCTAssertEqual(records[1].problem, .unbalancedQuote(column: 2))
    XCTAssertEqual(records[1].fields, ["1", "open"])
    XCTAssertEqual(records[1].rawText, "1,\"open")
    XCTAssertEqual(records[2], Scanned(line: 3, fields: ["2", "3"], rawText: "2,3"))
    // The doubled quotes that kept the first one open are an empty quoted field and text after
    // it here: a problem of this line, reported on its own.
    XCTAssertEqual(records[3].line, 4)
    XCTAssertEqual(records[3].problem, .textAfterClosingQuote(column: 2))
  }

  /// An unclosed quote after quoted line breaks: the record ends with the line the quote opened
  /// on, and later line numbers stay right.
  func testUnbalancedQuoteAfterAMultiLineField() {
    let records = Scanned.all("h1,h2,h3\n\"a\nb\",\"open\nnext,1,2\r\rlast,3,4")
    XCTAssertEqual(records.map(\.line), [1, 2, 4, 6])
    XCTAssertEqual(records[1].problem, .unbalancedQuote(column: 2))
    XCTAssertEqual(records[1].fields, ["a\nb", "open"])
    XCTAssertEqual(records[2], Scanned(line: 4, fields: ["next", "1", "2"]))
    XCTAssertEqual(records[3], Scanned(line: 6, fields: ["last", "3", "4"]))
  }

  /// Many unclosed-looking quotes cannot make the scan quadratic: after the first unclosed quote
  /// every quote pairs up, so at most one scan runs to the end of the input.
  func testManyQuotedLinesAfterAnUnclosedOneAreReadOneByOne() {
    let text = "x,\"open\n" + String(repeating: "\"\"\"\"q,1\n", count: 20_000)
    let records = Scanned.all(text)
    XCTAssertEqual(records.count, 20_001)
    XCTAssertEqual(records[0].problem, .unbalancedQuote(column: 2))
    XCTAssertEqual(records[1].problem, .textAfterClosingQuote(column: 1))
    XCTAssertEqual(records[20_000].line, 20_001)
  }

  func testQuoteClosedOnlyByADoubledQuoteIsUnbalanced() {
    XCTAssertEqual(Scanned.all("x,\"a\"\"")[0].problem, .unbalancedQuote(column: 2))
  }

  func testTextAfterClosingQuote() {
    let records = Scanned.all("\"a\"b,c\n1,\"x\" ,3\nnext,ok\n")
    XCTAssertEqual(records.count, 3)
    XCTAssertEqual(records[0].problem, .textAfterClosingQuote(column: 1))
    XCTAssertEqual(records[0].fields, ["a", "c"])
    XCTAssertEqual(records[1].problem, .textAfterClosingQuote(column: 2))
    XCTAssertEqual(records[1].fields.count, 3)
    XCTAssertEqual(records[2], Scanned(line: 3, fields: ["next", "ok"]))
  }

  func testTooManyFields() {
    let records = Scanned.all(Array("a,b,c,d\n1,2\n".utf8), maximumFieldCount: 3)
    XCTAssertEqual(records[0].problem, .tooManyFields(limit: 3))
    XCTAssertEqual(records[0].fields, ["a", "b", "c"])
    XCTAssertEqual(records[1], Scanned(line: 2, fields: ["1", "2"]))
    // Exactly at the limit is fine.
    XCTAssertNil(Scanned.all(Array("a,b,c\n".utf8), maximumFieldCount: 3)[0].problem)
  }

  func testRecordTooLong() {
    let long = String(repeating: "x", count: 11)
    let text = "short\n\(long)\n\"\(String(repeating: "y", count: 8))\"\n0123456789\n"
    let records = Scanned.all(Array(text.utf8), maximumRecordBytes: 10)
    XCTAssertEqual(records.map(\.line), [1, 2, 3, 4])
    XCTAssertNil(records[0].problem)
    XCTAssertEqual(records[1].problem, .recordTooLong(limitBytes: 10))
    XCTAssertNil(records[2].problem, "ten bytes with the quotes is at the limit")
    XCTAssertNil(records[3].problem, "ten bytes is at the limit")
  }

  func testProblemsDoNotDisturbTheLinesOfLaterRecords() {
    let text = "h1,h2\n\"a\"x,1\n\n\"multi\nline\"junk,2\nok,3\n"
    let records = Scanned.all(text)
    XCTAssertEqual(records.map(\.line), [1, 2, 4, 6])
    XCTAssertEqual(
      records.map(\.problem),
      [nil, .textAfterClosingQuote(column: 1), .textAfterClosingQuote(column: 1), nil])
    XCTAssertEqual(records[3].fields, ["ok", "3"])
  }
}
