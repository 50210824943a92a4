import DemandCore
import XCTest

/// `Day` against day numbers, weekdays and days of the year computed by Python's `datetime`.
///
/// Every reference below was printed by
/// `python3 -c "from datetime import date; e = date(1970,1,1).toordinal(); x = date(Y,M,D);
/// print(x.toordinal() - e, x.weekday(), x.timetuple().tm_yday)"`
/// (`weekday()` is Monday = 0 … Sunday = 6, the same order as `Day.weekdayIndex`).
final class DayReferenceTests: XCTestCase {
  struct Reference {
    let year: Int, month: Int, day: Int
    let daysSinceEpoch: Int32
    let weekday: Int
    let dayOfYear: Int
  }

  static let references: [Reference] = [
    .init(year: 1900, month: 1, day: 1, daysSinceEpoch: -25567, weekday: 0, dayOfYear: 1),
    .init(year: 1900, month: 3, day: 1, daysSinceEpoch: -25508, weekday: 3, dayOfYear: 60),
    .init(year: 1904, month: 2, day: 29, daysSinceEpoch: -24048, weekday: 0, dayOfYear: 60),
    .init(year: 1969, month: 12, day: 31, daysSinceEpoch: -1, weekday: 2, dayOfYear: 365),
    .init(year: 1970, month: 1, day: 1, daysSinceEpoch: 0, weekday: 3, dayOfYear: 1),
    .init(year: 2000, month: 2, day: 29, daysSinceEpoch: 11016, weekday: 1, dayOfYear: 60),
    .init(year: 2000, month: 3, day: 1, daysSinceEpoch: 11017, weekday: 2, dayOfYear: 61),
    .init(year: 2024, month: 2, day: 29, daysSinceEpoch: 19782, weekday: 3, dayOfYear: 60),
    .init(year: 2025, month: 3, day: 1, daysSinceEpoch: 20148, weekday: 5, dayOfYear: 60),
    .init(year: 2026, month: 3, day: 1, daysSinceEpoch: 20513, weekday: 6, dayOfYear: 60),
    .init(year: 2100, month: 2, day: 28, daysSinceEpoch: 47540, weekday: 6, dayOfYear: 59),
    .init(year: 2100, month: 3, day: 1, daysSinceEpoch: 47541, weekday: 0, dayOfYear: 60),
    .init(year: 2199, month: 12, day: 31, daysSinceEpoch: 84005, weekday: 1, dayOfYear: 365),
  ]

  func testCivilDateGivesPythonDayNumber() throws {
    for r in Self.references {
      let day = try XCTUnwrap(Day(year: r.year, month: r.month, day: r.day), "\(r)")
      XCTAssertEqual(day.daysSinceEpoch, r.daysSinceEpoch, "\(r)")
    }
  }

  func testDayNumberGivesPythonCivilDate() {
    for r in Self.references {
      let civil = Day(daysSinceEpoch: r.daysSinceEpoch).civil
      XCTAssertEqual([civil.year, civil.month, civil.day], [r.year, r.month, r.day], "\(r)")
    }
  }

  func testWeekdayMatchesPython() {
    for r in Self.references {
      XCTAssertEqual(Day(daysSinceEpoch: r.daysSinceEpoch).weekdayIndex, r.weekday, "\(r)")
    }
  }

  func testWeekdayOfAWeekInOrder() {
    // 2025-06-16 was a Monday: python3 -c "from datetime import date;
    // print(date(2025,6,16).toordinal() - date(1970,1,1).toordinal(), date(2025,6,16).weekday())"
    // → 20255 0
    let monday = Day(daysSinceEpoch: 20255)
    XCTAssertEqual((0..<7).map { monday.adding(days: $0).weekdayIndex }, [0, 1, 2, 3, 4, 5, 6])
    XCTAssertEqual(monday.adding(days: -1).weekdayIndex, 6)
    XCTAssertEqual(monday.adding(days: -7 * 10_000).weekdayIndex, 0)
  }

  func testDayOfYearMatchesPython() {
    for r in Self.references {
      XCTAssertEqual(Day(daysSinceEpoch: r.daysSinceEpoch).dayOfYear, r.dayOfYear, "\(r)")
    }
  }

  func testLastDayOfYearIsDay365Or366() {
    // python3: date(2025,12,31).timetuple().tm_yday → 365; date(2024,12,31) → 366
    XCTAssertEqual(Day(year: 2025, month: 12, day: 31)?.dayOfYear, 365)
    XCTAssertEqual(Day(year: 2024, month: 12, day: 31)?.dayOfYear, 366)
  }

  func testCivilAndDayOfYearOutsideSupportedYears() {
    // Arithmetic can leave the supported years; the calendar must still answer, not trap.
    // python3: date(1899,12,31) → -25568, weekday 6, yday 365; date(2200,1,1) → 84006, 2, 1;
    // date(1,1,1) → -719162, 0, 1; date(9999,12,31) → 2932896, 4, 365.
    let cases: [(Int32, [Int], Int, Int)] = [
      (-25568, [1899, 12, 31], 6, 365),
      (84006, [2200, 1, 1], 2, 1),
      (-719162, [1, 1, 1], 0, 1),
      (2_932_896, [9999, 12, 31], 4, 365),
    ]
    for (number, civil, weekday, dayOfYear) in cases {
      let day = Day(daysSinceEpoch: number)
      XCTAssertEqual([day.civil.year, day.civil.month, day.civil.day], civil)
      XCTAssertEqual(day.weekdayIndex, weekday, "\(civil)")
      XCTAssertEqual(day.dayOfYear, dayOfYear, "\(civil)")
    }
  }
}
