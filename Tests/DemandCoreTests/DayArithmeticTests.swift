import DemandCore
import Foundation
import XCTest

/// Round trips over every supported day, arithmetic, ordering and `Codable` as ISO text.
final class DayArithmeticTests: XCTestCase {
  /// Walks the calendar one civil date at a time with its own leap rule, from 1900-01-01
  /// (day -25567, python3: `date(1900,1,1).toordinal() - date(1970,1,1).toordinal()`) to
  /// 2199-12-31, and checks both conversions, the ISO text and the day of the year for every day.
  func testEverySupportedDayRoundTrips() {
    func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    var expected: Int32 = -25567
    var checked = 0
    for year in 1900...2199 {
      var dayOfYear = 0
      for month in 1...12 {
        let length = month == 2 && isLeap(year) ? 29 : lengths[month - 1]
        for dayOfMonth in 1...length {
          dayOfYear += 1
          guard let day = Day(year: year, month: month, day: dayOfMonth) else {
            return XCTFail("\(year)-\(month)-\(dayOfMonth) rejected")
          }
          let civil = Day(daysSinceEpoch: expected).civil
          let iso = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
          if day.daysSinceEpoch != expected || civil.year != year || civil.month != month
            || civil.day != dayOfMonth || day.iso != iso || Day(iso: iso) != day
            || day.dayOfYear != dayOfYear
          {
            return XCTFail(
              "\(iso): got \(day.daysSinceEpoch) (\(day.iso), day \(day.dayOfYear) of the year), "
                + "expected \(expected) (day \(dayOfYear))")
          }
          expected += 1
          checked += 1
        }
      }
    }
    // 300 years, 73 of them leap (every 4th year from 1904 to 2196 is 74, less 2100).
    XCTAssertEqual(checked, 300 * 365 + 73)
    XCTAssertEqual(expected, 84006)  // python3: date(2200,1,1) → 84006
  }

  func testAddingAndDistance() throws {
    let start = try XCTUnwrap(Day(iso: "2024-02-28"))
    XCTAssertEqual(start.adding(days: 1).iso, "2024-02-29")
    XCTAssertEqual(start.adding(days: 2).iso, "2024-03-01")
    XCTAssertEqual(start.adding(days: -59).iso, "2023-12-31")
    XCTAssertEqual(start.adding(days: 366).iso, "2025-02-28")
    XCTAssertEqual(start.days(to: start.adding(days: 400)), 400)
    XCTAssertEqual(start.adding(days: 400).days(to: start), -400)
    let end = try XCTUnwrap(Day(iso: "2024-03-03"))
    XCTAssertEqual(
      Array(start...end).map(\.iso),
      [
        "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02", "2024-03-03",
      ])
    XCTAssertEqual(start.distance(to: end), 4)
    XCTAssertEqual(end.advanced(by: -4), start)
  }

  func testOrderingFollowsTheCalendar() throws {
    let texts = ["2025-03-01", "1999-12-31", "2025-02-28", "1970-01-01", "1969-12-31"]
    let days = try texts.map { try XCTUnwrap(Day(iso: $0)) }
    XCTAssertEqual(days.sorted().map(\.iso), texts.sorted())
    XCTAssertLessThan(Day(daysSinceEpoch: -1), Day(daysSinceEpoch: 0))
  }

  func testDescriptionIsISOText() {
    XCTAssertEqual("\(Day(daysSinceEpoch: 0))", "1970-01-01")
    XCTAssertEqual(Day(daysSinceEpoch: -25567).description, "1900-01-01")
  }

  func testCodableAsISOText() throws {
    struct Wrapper: Codable, Equatable {
      var day: Day
      var days: [Day]
    }
    let value = Wrapper(
      day: Day(daysSinceEpoch: 20148), days: [Day(daysSinceEpoch: -1), Day(daysSinceEpoch: 84005)])
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(value), as: UTF8.self)
    XCTAssertEqual(json, #"{"day":"2025-03-01","days":["1969-12-31","2199-12-31"]}"#)
    XCTAssertEqual(try JSONDecoder().decode(Wrapper.self, from: Data(json.utf8)), value)
  }

  func testDecodingRejectsTextThatIsNotADate() {
    for json in [#"["2025-02-30"]"#, #"["2025-3-1"]"#, #"[20148]"#, #"["1899-12-31"]"#] {
      XCTAssertThrowsError(try JSONDecoder().decode([Day].self, from: Data(json.utf8)), json) {
        guard case DecodingError.dataCorrupted = $0 else {
          if case DecodingError.typeMismatch = $0, json == "[20148]" { return }
          return XCTFail("\(json): unexpected \($0)")
        }
      }
    }
  }
}
