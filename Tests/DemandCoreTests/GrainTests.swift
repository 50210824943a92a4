import DemandCore
import XCTest

final class GrainTests: XCTestCase {
  let friday = Grain.weekly(endingOn: .friday)

  /// Walmart's weeks end on Fridays: 2010-02-05 and 2010-02-12 are consecutive periods, and
  /// every day of the week 2010-02-06 … 2010-02-12 belongs to the second.
  func testWeeksAreConsecutivePeriodsEndingOnTheirWeekday() throws {
    let first = try XCTUnwrap(Day(year: 2010, month: 2, day: 5))
    let second = try XCTUnwrap(Day(year: 2010, month: 2, day: 12))
    XCTAssertEqual(Weekday(first), .friday)
    XCTAssertEqual(friday.period(of: second), friday.period(of: first) + 1)
    for offset in 1...7 {
      XCTAssertEqual(friday.period(of: first.adding(days: offset)), friday.period(of: second))
    }
    XCTAssertEqual(friday.date(ofPeriod: friday.period(of: first)), first)
    XCTAssertTrue(friday.accepts(second))
    XCTAssertFalse(friday.accepts(second.adding(days: 1)))
  }

  /// Every weekday, dates before and after 1970: `date(ofPeriod: period(of: d))` is the first
  /// day on or after d that ends a week.
  func testRoundTripOnEveryWeekday() {
    for weekday in Weekday.allCases {
      let grain = Grain.weekly(endingOn: weekday)
      for raw in -30...30 {
        let day = Day(daysSinceEpoch: Int32(raw))
        let end = grain.date(ofPeriod: grain.period(of: day))
        XCTAssertEqual(Weekday(end), weekday)
        XCTAssertTrue((0...6).contains(day.days(to: end)), "\(weekday) \(day) → \(end)")
      }
    }
    XCTAssertEqual(Grain.daily.period(of: Day(daysSinceEpoch: 17)), 17)
  }

  func testStorageText() {
    XCTAssertEqual(friday.storageText, "weekly-friday")
    XCTAssertEqual(Grain(storageText: "weekly-Sunday"), .weekly(endingOn: .sunday))
    XCTAssertEqual(Grain(storageText: "daily"), .daily)
    XCTAssertNil(Grain(storageText: "weekly"))
    XCTAssertNil(Grain(storageText: "monthly"))
    XCTAssertEqual(friday.description, "weekly ending friday")
  }
}
