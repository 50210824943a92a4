import DemandCore
import Features
import Forecasting
import Inventory
import XCTest

/// The history a simulated morning sees: real days, then the simulated sales with stock-out
/// days censored, and unknown days censored rather than read as zeros.
final class SimulatedHistorySourceTests: XCTestCase {
  let start = Day(iso: "2026-10-29")!
  let simulationStart = Day(iso: "2026-11-01")!
  let keys = [
    SeriesKey(store: StoreID("S1"), sku: SKUID("A")),
    SeriesKey(store: StoreID("S1"), sku: SKUID("B")),
  ]

  func source() -> SimulatedHistorySource {
    var panel = SeriesPanel(keys: keys, start: start, dayCount: 3)
    panel.values = [1, 2, 3, 7, 8, 9]
    panel.censored = [false, true, false, false, false, false]
    let history = StoreHistory(
      store: StoreID("S1"), panel: panel,
      covariates: keys.map {
        SeriesCovariates(key: $0, category: "dairy", promotions: [], unitPrice: 1)
      })
    // Only A is simulated (item 0).
    return SimulatedHistorySource(
      histories: [history], calendar: CalendarContext(holidays: []),
      simulationStart: simulationStart, itemIndex: [keys[0]: 0])
  }

  func testSplicesSimulatedSalesAfterTheRealHistory() throws {
    let states = [ItemState(onHand: 0, onOrder: 0, sales: [4, 0], stockouts: [false, true])]
    let history = try source().with(states: states).history(
      of: StoreID("S1"), from: start, through: simulationStart.adding(days: 2))
    XCTAssertEqual(history.panel.dayCount, 6)
    XCTAssertEqual(Array(history.panel.series(0)), [1, 2, 3, 4, 0, 0])
    XCTAssertEqual(Array(history.panel.censoring(0)), [false, true, false, false, true, true])
    // B is not simulated: its simulated days are unknown, so censored.
    XCTAssertEqual(Array(history.panel.series(1)), [7, 8, 9, 0, 0, 0])
    XCTAssertEqual(Array(history.panel.censoring(1)), [false, false, false, true, true, true])
  }

  func testAnUnknownStoreIsAnError() {
    XCTAssertThrowsError(
      try source().history(of: StoreID("S9"), from: start, through: simulationStart))
  }
}
