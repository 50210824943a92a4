import DemandCore
import XCTest

/// Which civil dates and which texts `Day` accepts.
final class DayValidationTests: XCTestCase {
  func testLeapYearsFollowTheGregorianRule() {
    // Divisible by 4, except centuries, except centuries divisible by 400.
    for year in [1904, 1996, 2000, 2024, 2096, 2104] {
      XCTAssertNotNil(Day(year: year, month: 2, day: 29), "\(year) is a leap year")
      XCTAssertEqual(Day.daysIn(month: 2, year: year), 29, "\(year)")
    }
    for year in [1900, 1999, 2023, 2025, 2100, 2199] {
      XCTAssertNil(Day(year: year, month: 2, day: 29), "\(year) is not a leap year")
      XCTAssertEqual(Day.daysIn(month: 2, year: year), 28, "\(year)")
    }
  }

  func testMonthLengths() {
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for month in 1...12 {
      XCTAssertEqual(Day.daysIn(month: month, year: 2025), lengths[month - 1], "month \(month)")
      XCTAssertNotNil(Day(year: 2025, month: month, day: lengths[month - 1]))
      XCTAssertNil(Day(year: 2025, month: month, day: lengths[month - 1] + 1), "month \(month)")
    }
  }

  func testImpossibleDatesAreRejected() {
    XCTAssertNil(Day(year: 2025, month: 2, day: 30))
    XCTAssertNil(Day(year: 2025, month: 4, day: 31))
    XCTAssertNil(Day(year: 2025, month: 0, day: 10))
    XCTAssertNil(Day(year: 2025, month: 13, day: 1))
    XCTAssertNil(Day(year: 2025, month: 1, day: 0))
    XCTAssertNil(Day(year: 2025, month: 1, day: -1))
    XCTAssertNil(Day(iso: "2025-02-30"))
    XCTAssertNil(Day(iso: "2025-00-10"))
    XCTAssertNil(Day(iso: "2025-13-01"))
    XCTAssertNil(Day(iso: "2025-01-00"))
  }

  func testYearsOutsideTheSupportedRangeAreRejected() {
    XCTAssertEqual(Day.supportedYears, 1900...2199)
    XCTAssertNil(Day(year: 1899, month: 12, day: 31))
    XCTAssertNil(Day(year: 2200, month: 1, day: 1))
    XCTAssertNil(Day(iso: "1899-12-31"))
    XCTAssertNil(Day(iso: "2200-01-01"))
    XCTAssertNil(Day(iso: "0000-01-01"))
    XCTAssertNotNil(Day(iso: "1900-01-01"))
    XCTAssertNotNil(Day(iso: "2199-12-31"))
  }

  func testISOTextMustBeExactlyTenCharacters() {
    XCTAssertEqual(Day(iso: "2025-03-01")?.daysSinceEpoch, 20148)  // python: see DayReferenceTests
    for text in [
      "", "2025-3-01", "2025-03-1", "25-03-01", " 2025-03-01", "2025-03-01 ", "2025/03/01",
      "2025-03-01T00:00", "20250301", "2025-0a-01", "2025--3-01", "+025-03-01", "2025-03-0１",
    ] {
      XCTAssertNil(Day(iso: text), "'\(text)'")
    }
  }

  func testISOParsingFromASubstring() {
    let text = "on_hand_2025-03-01.csv"
    let start = text.index(text.startIndex, offsetBy: 8)
    let end = text.index(start, offsetBy: 10)
    XCTAssertEqual(Day(iso: text[start..<end]), Day(year: 2025, month: 3, day: 1))
  }
}
