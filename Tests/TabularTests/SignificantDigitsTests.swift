import Tabular
import XCTest

/// p-values with 3 significant digits: fixed from 0.001 up, scientific below. Expected texts
/// written by hand (C's `%.3g` agrees on every one but the fixed ones, where it drops the
/// trailing zeros: `0.5` for `0.500`).
final class SignificantDigitsTests: XCTestCase {
  func testFixedFromOneThousandthUp() {
    XCTAssertEqual(SignificantDigits.pValue(1), "1.00")
    XCTAssertEqual(SignificantDigits.pValue(0.5), "0.500")
    XCTAssertEqual(SignificantDigits.pValue(0.27786580423983565), "0.278")
    XCTAssertEqual(SignificantDigits.pValue(0.0123456), "0.0123")
    XCTAssertEqual(SignificantDigits.pValue(0.001), "0.00100")
    XCTAssertEqual(SignificantDigits.pValue(0.0012345), "0.00123")
    XCTAssertEqual(
      SignificantDigits.pValue(0.99951), "1.00", "rounding carries into the next digit")
    XCTAssertEqual(SignificantDigits.pValue(0.0999), "0.0999")
    XCTAssertEqual(SignificantDigits.pValue(0.09996), "0.100")
  }

  func testScientificBelowOneThousandth() {
    XCTAssertEqual(SignificantDigits.pValue(9.906189417994954e-17), "9.91e-17")
    XCTAssertEqual(SignificantDigits.pValue(8.185069430196065e-05), "8.19e-05")
    XCTAssertEqual(SignificantDigits.pValue(0.00099951), "0.00100", "rounds up into fixed")
    XCTAssertEqual(SignificantDigits.pValue(0.000999), "9.99e-04")
    XCTAssertEqual(SignificantDigits.pValue(1e-300), "1.00e-300")
    XCTAssertEqual(SignificantDigits.pValue(.leastNonzeroMagnitude), "4.94e-324")
  }

  func testZeroAndNonsense() {
    XCTAssertEqual(SignificantDigits.pValue(0), "0")
    XCTAssertEqual(SignificantDigits.pValue(.nan), "nan")
    XCTAssertEqual(SignificantDigits.pValue(.infinity), "nan")
    XCTAssertEqual(SignificantDigits.pValue(-0.1), "nan")
  }
}
