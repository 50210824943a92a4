import XCTest

@testable import Reports

/// Number and text formatting of the report, against hand-written expectations.
final class NumberTextTests: XCTestCase {
  func testFixedRoundsHalfAwayFromZeroAndDropsTheSignOfZero() {
    // 1.25 and 0.5 are exact in binary, so these are true halves.
    XCTAssertEqual(NumberText.fixed(1.25, digits: 1), "1.3")
    XCTAssertEqual(NumberText.fixed(-1.25, digits: 1), "-1.3")
    XCTAssertEqual(NumberText.fixed(0.5, digits: 0), "1")
    XCTAssertEqual(NumberText.fixed(-0.04, digits: 1), "0.0")
    XCTAssertEqual(NumberText.fixed(3, digits: 2), "3.00")
    XCTAssertEqual(NumberText.fixed(0.07, digits: 2), "0.07")
    XCTAssertEqual(NumberText.fixed(.nan, digits: 2), "n/a")
    XCTAssertEqual(NumberText.fixed(-.infinity, digits: 2), "−∞")
  }

  func testGroupedSeparatesThousands() {
    XCTAssertEqual(NumberText.grouped(1_234_567.891, digits: 2), "1,234,567.89")
    XCTAssertEqual(NumberText.grouped(-1234, digits: 0), "-1,234")
    XCTAssertEqual(NumberText.grouped(999, digits: 0), "999")
    XCTAssertEqual(NumberText.grouped(100_000, digits: 0), "100,000")
  }

  func testCompactKeepsAboutThreeSignificantDigits() {
    XCTAssertEqual(NumberText.compact(1250), "1,250")
    XCTAssertEqual(NumberText.compact(12.44), "12.4")
    XCTAssertEqual(NumberText.compact(2.2), "2.20")
    XCTAssertEqual(NumberText.compact(0.3125), "0.313")
    XCTAssertEqual(NumberText.compact(0.0625), "0.0625")
    XCTAssertEqual(NumberText.compact(0.0012), "0.00120")
    XCTAssertEqual(NumberText.compact(0), "0.000")
    XCTAssertEqual(NumberText.compact(-18.7), "-18.7")
  }

  func testPercentages() {
    XCTAssertEqual(NumberText.percent(ratio: 0.2346), "23.5 %")
    XCTAssertEqual(NumberText.percent(ratio: .nan), "n/a")
    XCTAssertEqual(NumberText.signedPercent(4.2), "+4.2 %")
    XCTAssertEqual(NumberText.signedPercent(-3), "-3.0 %")
    XCTAssertEqual(NumberText.signedPercent(0), "0.0 %")
  }

  func testEscapeReplacesEveryCharacterThatIsMarkup() {
    XCTAssertEqual(
      HTMLText.escape(#"<script>alert("x") & 'y'</script>"#),
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
    XCTAssertEqual(HTMLText.escape("Crème brûlée 6 × 100 g"), "Crème brûlée 6 × 100 g")
    XCTAssertEqual(HTMLText.escape("&amp;"), "&amp;amp;")
  }
}
