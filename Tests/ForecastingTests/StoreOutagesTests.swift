import DemandCore
import Features
import Models
import XCTest

@testable import Forecasting

/// Days a whole store sold nothing between days it sold well are read as censored by every
/// series (`StoreOutages`); the rule's cases worked by hand.
final class StoreOutagesTests: XCTestCase {
  let start = Day(iso: "2026-01-01")!

  /// Two series selling 3 and 5 a day (8 a day for the store) over `days` days, with the days of
  /// `empty` sold by neither.
  func panel(days: Int, empty: [Range<Int>], flagged: [Int] = []) -> SeriesPanel {
    var panel = SeriesPanel(
      keys: [
        SeriesKey(store: StoreID("S1"), sku: SKUID("A")),
        .init(store: StoreID("S1"), sku: SKUID("B")),
      ],
      start: start, dayCount: days)
    for t in 0..<days {
      panel.values[t] = 3
      panel.values[days + t] = 5
    }
    for range in empty {
      for t in range {
        panel.values[t] = 0
        panel.values[days + t] = 0
      }
    }
    for t in flagged { panel.censored[t] = true }
    return panel
  }

  func testAnEmptyWeekBetweenSalesIsAnOutage() {
    let days = StoreOutages.days(of: panel(days: 60, empty: [40..<47]), dayCount: 60)
    XCTAssertEqual(days.indices.filter { days[$0] }, Array(40..<47))
  }

  func testWhatIsNotAnOutage() {
    // One empty day (a holiday closure is the store's habit, `StoreClosures`), a run still
    // going on at the last day, a run with a stock-out flag in it, a run in the first 28 days.
    for (empty, flagged) in [([40..<41], []), ([55..<60], []), ([40..<47], [43]), ([10..<15], [])] {
      let days = StoreOutages.days(
        of: panel(days: 60, empty: empty, flagged: flagged), dayCount: 60)
      XCTAssertFalse(days.contains(true), "\(empty) \(flagged)")
    }
    // A store selling under 7 a day over the 28 days before: an empty week is no surprise.
    var slow = panel(days: 60, empty: [40..<47])
    for t in 0..<60 { slow.values[60 + t] = slow.values[t] == 0 ? 0 : 3 }  // 6 a day
    XCTAssertFalse(StoreOutages.days(of: slow, dayCount: 60).contains(true))
  }

  func testTheFirstDaysHaveTheRunsThatEndBeforeThem() {
    let whole = panel(days: 80, empty: [40..<47, 60..<63])
    let all = StoreOutages.days(of: whole, dayCount: 80)
    XCTAssertEqual(all.indices.filter { all[$0] }, Array(40..<47) + Array(60..<63))
    // At 45 days the first run is still going on: not yet an outage.
    XCTAssertFalse(StoreOutages.days(of: whole, dayCount: 45).contains(true))
    XCTAssertEqual(StoreOutages.days(of: whole, dayCount: 50), Array(all.prefix(50)))
  }

  func testEverySeriesOfTheStoreReadsTheOutageAsCensored() {
    let history = StoreHistory(
      store: StoreID("S1"), panel: panel(days: 60, empty: [40..<47]),
      covariates: [
        SeriesCovariates(key: .init(store: StoreID("S1"), sku: SKUID("A")), category: "x"),
        SeriesCovariates(key: .init(store: StoreID("S1"), sku: SKUID("B")), category: "x"),
      ])
    for prepared in history.preparedSeries() {
      XCTAssertEqual(
        prepared.series.censored.indices.filter { prepared.series.censored[$0] }, Array(40..<47))
      XCTAssertEqual(prepared.series.values[42], 0, "the values stay as they were")
    }
    // At weekly grain, no outages.
    var weekly = history
    weekly.grain = .weekly(endingOn: .sunday)
    XCTAssertTrue(weekly.preparedSeries().allSatisfy { !$0.series.censored.contains(true) })
  }
}
