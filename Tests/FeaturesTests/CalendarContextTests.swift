import DemandCore
import Features
import XCTest

final class CalendarContextTests: XCTestCase {
  func testHolidayLookupFindsExactlyTheListedDays() throws {
    let christmas = try XCTUnwrap(Day(iso: "2025-12-25"))
    let newYear = try XCTUnwrap(Day(iso: "2026-01-01"))
    let calendar = CalendarContext(holidays: [newYear, christmas])
    XCTAssertTrue(calendar.isHoliday(christmas))
    XCTAssertTrue(calendar.isHoliday(newYear))
    XCTAssertFalse(calendar.isHoliday(christmas.adding(days: 1)))
    XCTAssertFalse(CalendarContext(holidays: []).isHoliday(christmas))
  }

  func testDiscountTakesTheDeepestOverlappingPromotion() throws {
    let start = try XCTUnwrap(Day(iso: "2026-03-01"))
    let key = SeriesKey(store: StoreID("S1"), sku: SKUID("P1"))
    let covariates = SeriesCovariates(
      key: key, category: "dairy",
      promotions: [
        PromotionWindow(
          start: start.adding(days: 2), end: start.adding(days: 5), discountFraction: 0.3),
        PromotionWindow(start: start, end: start.adding(days: 3), discountFraction: 0.1),
      ])
    XCTAssertEqual(covariates.discount(on: start), 0.1)
    XCTAssertEqual(covariates.discount(on: start.adding(days: 3)), 0.3)
    XCTAssertEqual(covariates.discount(on: start.adding(days: 6)), 0)
  }
}
