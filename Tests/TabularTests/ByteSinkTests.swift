import Foundation
import Tabular
import XCTest

final class ByteSinkTests: XCTestCase {
  private func written(spreadsheetSafe: Bool = false, _ body: (ByteSink) -> Void) -> String {
    let sink = ByteSink(initialCapacityBytes: 16, spreadsheetSafe: spreadsheetSafe)
    body(sink)
    return sink.text
  }

  // MARK: - Raw bytes and growth

  func testAppendsLiteralsBytesAndSeparators() {
    let text = written { sink in
      sink.append("a")
      sink.appendComma()
      sink.append(contentsOf: [0x62, 0x63])
      sink.append(UInt8(ascii: "d"))
      sink.append(utf8: "é")
      sink.appendNewline()
    }
    XCTAssertEqual(text, "a,bcdé\n")
  }

  func testGrowsPastInitialCapacityAndKeepsContents() {
    let sink = ByteSink(initialCapacityBytes: 16)
    for index in 0..<10_000 {
      sink.appendInt(index % 10)
    }
    XCTAssertEqual(sink.count, 10_000)
    XCTAssertEqual(sink.text.prefix(12), "012345678901")
    sink.removeAll()
    XCTAssertEqual(sink.count, 0)
  }

  func testAppendDirectlyKeepsOnlyWhatWasWritten() {
    let text = written { sink in
      sink.appendDirectly(maximumBytes: 8) { pointer in
        pointer[0] = UInt8(ascii: "o")
        pointer[1] = UInt8(ascii: "k")
        return 2
      }
    }
    XCTAssertEqual(text, "ok")
  }

  func testReadsASubrange() {
    let sink = ByteSink()
    sink.append("header\nrow\n")
    let row = sink.withUnsafeBytes(in: 7..<11) { String(decoding: $0, as: UTF8.self) }
    XCTAssertEqual(row, "row\n")
  }

  // MARK: - Integers

  func testIntegers() {
    let cases: [(Int, String)] = [
      (0, "0"), (7, "7"), (10, "10"), (-1, "-1"), (1_234_567, "1234567"),
      (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ]
    for (value, expected) in cases {
      XCTAssertEqual(written { $0.appendInt(value) }, expected, "value \(value)")
    }
  }

  func testZeroPaddedIntegers() {
    XCTAssertEqual(written { $0.appendInt(7, zeroPaddedTo: 3) }, "007")
    XCTAssertEqual(written { $0.appendInt(1234, zeroPaddedTo: 3) }, "1234")
    XCTAssertEqual(written { $0.appendInt(0, zeroPaddedTo: 0) }, "0")
    XCTAssertEqual(written { $0.appendInt(-5, zeroPaddedTo: 3) }, "-005")
  }

  // MARK: - Decimals

  func testDecimalsRoundHalfAwayFromZero() {
    let cases: [(Double, Int, String)] = [
      (0.125, 2, "0.13"), (-0.125, 2, "-0.13"), (2.5, 0, "3"), (-2.5, 0, "-3"),
      (3.14159, 3, "3.142"), (1.0, 2, "1.00"), (0.0, 3, "0.000"), (12.0, 0, "12"),
      (0.5, 0, "1"), (1234.5678, 1, "1234.6"), (0.0005, 3, "0.001"),
    ]
    for (value, digits, expected) in cases {
      XCTAssertEqual(
        written { $0.appendDecimal(value, fractionDigits: digits) }, expected, "\(value) @\(digits)"
      )
    }
  }

  func testDecimalsRoundTheExactBinaryValue() {
    // 1.005 is stored as 1.00499999999999989…, so the correct two-digit result is 1.00.
    XCTAssertEqual(written { $0.appendDecimal(1.005, fractionDigits: 2) }, "1.00")
    // 0.285 is stored as 0.28499999999999998…
    XCTAssertEqual(written { $0.appendDecimal(0.285, fractionDigits: 2) }, "0.28")
  }

  func testNoNegativeZero() {
    XCTAssertEqual(written { $0.appendDecimal(-0.001, fractionDigits: 2) }, "0.00")
    XCTAssertEqual(written { $0.appendDecimal(-0.0, fractionDigits: 2) }, "0.00")
    XCTAssertEqual(written { $0.appendDecimal(-0.4, fractionDigits: 0) }, "0")
  }

  func testNonFiniteAndHugeDecimals() {
    XCTAssertEqual(written { $0.appendDecimal(.nan, fractionDigits: 2) }, "nan")
    XCTAssertEqual(written { $0.appendDecimal(.infinity, fractionDigits: 2) }, "inf")
    XCTAssertEqual(written { $0.appendDecimal(-.infinity, fractionDigits: 2) }, "-inf")
    XCTAssertEqual(
      written { $0.appendDecimal(1e20, fractionDigits: 2) }, "100000000000000000000.00")
    XCTAssertEqual(written { $0.appendDecimal(-1e19, fractionDigits: 0) }, "-10000000000000000000")
  }

  func testDecimalsMatchScaledIntegerRounding() {
    var state: UInt64 = 42
    for _ in 0..<2_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let value = (Double(state >> 11) / Double(1 << 53) - 0.5) * 2_000
      let expected = String(Int((value * 1000).rounded(.toNearestOrAwayFromZero)))
      let text = written { $0.appendDecimal(value, fractionDigits: 3) }
      XCTAssertEqual(text.replacingOccurrences(of: ".", with: "").trimmingLeadingZeros(), expected)
    }
  }

  // MARK: - Text fields

  func testPlainFieldsAreWrittenAsIs() {
    XCTAssertEqual(written { $0.appendField("Store 7 Riverside") }, "Store 7 Riverside")
    XCTAssertEqual(written { $0.appendField("") }, "")
  }

  func testFieldsWithSeparatorsOrQuotesAreQuoted() {
    XCTAssertEqual(written { $0.appendField("Milk, whole") }, "\"Milk, whole\"")
    XCTAssertEqual(
      written { $0.appendField("Chips \"Classic\", 150 g") }, "\"Chips \"\"Classic\"\", 150 g\"")
    XCTAssertEqual(written { $0.appendField("two\nlines") }, "\"two\nlines\"")
    XCTAssertEqual(written { $0.appendField("cr\rhere") }, "\"cr\rhere\"")
  }

  func testSpreadsheetSafetyDefusesFormulaStarts() {
    for start in ["=", "+", "-", "@", "\t"] {
      XCTAssertEqual(written(spreadsheetSafe: true) { $0.appendField("\(start)1") }, "'\(start)1")
    }
    XCTAssertEqual(written(spreadsheetSafe: true) { $0.appendField("\rx") }, "\"'\rx\"")
    XCTAssertEqual(
      written(spreadsheetSafe: true) { $0.appendField("=SUM(A1,A2)") }, "\"'=SUM(A1,A2)\"")
    XCTAssertEqual(written(spreadsheetSafe: true) { $0.appendField("a=b") }, "a=b")
    XCTAssertEqual(written(spreadsheetSafe: false) { $0.appendField("=1") }, "=1")
  }
}

extension String {
  /// Drops leading zeros of a signed integer's digits ("-0012" → "-12", "000" → "0").
  fileprivate func trimmingLeadingZeros() -> String {
    let negative = hasPrefix("-")
    let digits = negative ? dropFirst() : Substring(self)
    let trimmed = digits.drop { $0 == "0" }
    let body = trimmed.isEmpty ? "0" : String(trimmed)
    return negative && body != "0" ? "-" + body : body
  }
}
