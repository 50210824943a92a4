import DemandCore
import XCTest

/// The flat panel layout: series after series on one calendar.
final class SeriesPanelTests: XCTestCase {
  let start = Day(year: 2026, month: 3, day: 1)!

  func testLayoutAndDayOffsets() {
    let keys = [
      SeriesKey(store: StoreID("S1"), sku: SKUID("A")),
      SeriesKey(store: StoreID("S1"), sku: SKUID("B")),
    ]
    var panel = SeriesPanel(keys: keys, start: start, dayCount: 3)
    XCTAssertEqual(panel.values, [0, 0, 0, 0, 0, 0])
    panel.values[1 * 3 + 2] = 7  // series B, third day
    panel.censored[0 * 3 + 1] = true  // series A, second day
    XCTAssertEqual(Array(panel.series(0)), [0, 0, 0])
    XCTAssertEqual(Array(panel.series(1)), [0, 0, 7])
    XCTAssertEqual(Array(panel.censoring(0)), [false, true, false])
    XCTAssertEqual(panel.dayOffset(start), 0)
    XCTAssertEqual(panel.dayOffset(start.adding(days: 2)), 2)
    XCTAssertNil(panel.dayOffset(start.adding(days: 3)))
    XCTAssertNil(panel.dayOffset(start.adding(days: -1)))
    XCTAssertEqual(panel.end, Day(year: 2026, month: 3, day: 3))
    XCTAssertEqual(panel.seriesCount, 2)
  }

  func testEmptyCalendar() {
    let panel = SeriesPanel(
      keys: [SeriesKey(store: StoreID("S1"), sku: SKUID("A"))], start: start, dayCount: 0)
    XCTAssertNil(panel.end)
    XCTAssertEqual(Array(panel.series(0)), [])
    XCTAssertNil(panel.dayOffset(start))
  }
}
