import Tabular
import XCTest
import _TestSupport

/// `DecimalParser` against the standard library's correctly rounded `Double(String)`.
final class DecimalParserReferenceTests: XCTestCase {
  /// Random texts `[sign]digits[.digits][e[sign]digits]`, with a fixed seed.
  ///
  /// With at most 15 significant digits the mantissa is exact in a `Double` and the scale is one
  /// correctly rounded multiplication or division, so the result must equal `Double(String)` bit
  /// for bit. With 16 to 18 digits the mantissa is rounded once on conversion and again when
  /// scaled, so one unit in the last place is allowed there (and nowhere else).
  func testRandomNumbersMatchDoubleParsing() {
    var random = SplitMix64(seed: 20_250_301)
    var exactChecked = 0
    var looseChecked = 0
    for _ in 0..<20_000 {
      var text = ["", "-", "+"][Int(random.next() % 3)]
      let integerDigits = Int(random.next() % 10)
      let fractionDigits = Int(random.next() % 10)
      guard integerDigits + fractionDigits > 0 else { continue }
      var significant = 0
      for _ in 0..<integerDigits {
        let digit = random.next() % 10
        if significant > 0 || digit != 0 { significant += 1 }
        text += String(digit)
      }
      if fractionDigits > 0 || random.next() % 4 == 0 {
        text += "."
        for _ in 0..<fractionDigits {
          let digit = random.next() % 10
          if significant > 0 || digit != 0 { significant += 1 }
          text += String(digit)
        }
      }
      if random.next() % 3 == 0 {
        text += random.next() % 2 == 0 ? "e" : "E"
        text += ["", "-", "+"][Int(random.next() % 3)]
        text += String(random.next() % 40)
      }
      guard let reference = Double(text) else { return XCTFail("reference refused '\(text)'") }
      guard case .success(let parsed) = DecimalParser.parse(text) else {
        return XCTFail("'\(text)' refused; reference \(reference)")
      }
      if significant <= 15 {
        if parsed != reference || parsed.sign != reference.sign {
          return XCTFail("'\(text)': \(parsed) != \(reference)")
        }
        exactChecked += 1
      } else {
        if abs(parsed - reference) > reference.ulp {
          return XCTFail("'\(text)': \(parsed) is more than 1 ulp from \(reference)")
        }
        looseChecked += 1
      }
    }
    XCTAssertGreaterThan(exactChecked, 10_000)
    XCTAssertGreaterThan(looseChecked, 500)
  }

  /// Prices as point-of-sale exports write them: two decimals, here every cent up to 1,000.00.
  func testEveryCentUpToAThousandIsExact() {
    for cents in 0...100_000 {
      let text = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
      guard case .success(let parsed) = DecimalParser.parse(text), parsed == Double(text)! else {
        return XCTFail("'\(text)'")
      }
    }
  }
}
