import Tabular
import XCTest

/// `DecimalParser` on hand-picked texts: what it accepts, and why it refuses the rest.
final class DecimalParserTests: XCTestCase {
  func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Double? {
    switch DecimalParser.parse(text) {
    case .success(let value): return value
    case .failure(let problem):
      XCTFail("'\(text)' refused as \(problem)", file: file, line: line)
      return nil
    }
  }

  func problem(_ text: String) -> NumberProblem? {
    if case .failure(let problem) = DecimalParser.parse(text) { return problem }
    return nil
  }

  func testIntegers() {
    XCTAssertEqual(value("0"), 0)
    XCTAssertEqual(value("42"), 42)
    XCTAssertEqual(value("007"), 7)
    XCTAssertEqual(value("-7"), -7)
    XCTAssertEqual(value("+3"), 3)
    XCTAssertEqual(value("10000"), 10_000)
  }

  func testDecimals() {
    XCTAssertEqual(value("1.5"), 1.5)
    XCTAssertEqual(value("-0.25"), -0.25)
    XCTAssertEqual(value("0.1"), 0.1)
    XCTAssertEqual(value("2.50"), 2.5)
    XCTAssertEqual(value(".5"), 0.5)
    XCTAssertEqual(value("5."), 5)
    XCTAssertEqual(value("19.99"), 19.99)
    XCTAssertEqual(value("0.000001"), 1e-6)
  }

  func testExponents() {
    XCTAssertEqual(value("1e3"), 1000)
    XCTAssertEqual(value("1E-2"), 0.01)
    XCTAssertEqual(value("2.5e+2"), 250)
    XCTAssertEqual(value("-1.5e-3"), -0.0015)
    XCTAssertEqual(value("1e23"), 1e23)
    XCTAssertEqual(value("+1e30"), 1e30)
    XCTAssertEqual(value("-2.5e-30"), -2.5e-30)
  }

  func testSurroundingSpacesAreAllowed() {
    XCTAssertEqual(value(" 12 "), 12)
    XCTAssertEqual(value("   -1.25"), -1.25)
    XCTAssertEqual(problem("   "), .empty)
    XCTAssertEqual(problem(""), .empty)
  }

  func testSeparatorsAndJunkAreNotGuessed() {
    for text in [
      "12,5", "1,000", "1 000", "1.2.3", "12a", "a12", "--1", "+-1", "-", "+", ".", "e5", "1e",
      "1e+", "1e5.5", "0x10", "\t12", "12\t", "1_000", "١٢", "12%", "$12",
    ] {
      XCTAssertEqual(problem(text), .notANumber, "'\(text)'")
    }
  }

  func testNaNAndInfinityAreNotFinite() {
    for text in ["NaN", "nan", "-nan", "inf", "-Inf", "+infinity", "INFINITY", " inf "] {
      XCTAssertEqual(problem(text), .notFinite, "'\(text)'")
    }
    XCTAssertEqual(problem("nanny"), .notANumber)
    XCTAssertEqual(problem("infinite"), .notANumber)
  }

  func testNineteenSignificantDigitsAreOutOfRange() {
    XCTAssertEqual(problem("1234567890123456789"), .outOfRange)
    XCTAssertEqual(problem("-1000000000000000000"), .outOfRange)
    XCTAssertEqual(problem("99999999999999999999999.5"), .outOfRange)
    // Eighteen digits still fit; leading zeros are not significant.
    XCTAssertEqual(value("999999999999999999"), 1e18, "18 nines round to 1e18 as a Double")
    XCTAssertEqual(value("0000000000000000000000001"), 1)
  }

  /// Found by fuzzing (Fuzz/regressions): many digits followed by text were called too large; the
  /// text is no number at all, whatever its digits.
  func testManyDigitsFollowedByTextAreNotANumber() {
    XCTAssertEqual(problem("055555555555555555555555555555555555555555555555555y"), .notANumber)
    XCTAssertEqual(problem("12345678901234567890 1"), .notANumber)
    XCTAssertEqual(problem("12345678901234567890e"), .notANumber)
    XCTAssertEqual(problem("12345678901234567890.5.5"), .notANumber)
    XCTAssertEqual(problem("12345678901234567890e5"), .outOfRange)
  }

  func testExponentsBeyondDoubleAreOutOfRange() {
    XCTAssertEqual(problem("1e400"), .outOfRange)
    XCTAssertEqual(problem("-1.5e309"), .outOfRange)
    XCTAssertEqual(problem("1e99999999999"), .outOfRange)
    // Underflow is not an error: the value is simply too small to tell from zero.
    XCTAssertEqual(value("1e-400"), 0)
  }

  func testBytesOverload() {
    let bytes = Array("  3.75 ".utf8)
    let result = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    XCTAssertEqual(result, .success(3.75))
    let empty: [UInt8] = []
    XCTAssertEqual(empty.withUnsafeBufferPointer { DecimalParser.parse($0) }, .failure(.empty))
  }
}
