import DemandCore
import Features
import Models
import XCTest

@testable import Forecasting

/// The chain-wide regression is merged store by store; how many stores run before each merge
/// must not change a single sum.
final class RidgeTrainingTests: XCTestCase {
  func testChunksOfStoresGiveTheSameRegressionsAsOnePass() throws {
    let lastDay = Day(year: 2026, month: 6, day: 30)!
    let dayCount = 150
    let start = lastDay.adding(days: 1 - dayCount)
    var histories: [StoreID: StoreHistory] = [:]
    for s in 0..<5 {
      let store = StoreID("S\(s)")
      let keys = (0..<4).map { SeriesKey(store: store, sku: SKUID("P\($0)")) }
      var panel = SeriesPanel(keys: keys, start: start, dayCount: dayCount)
      for i in 0..<keys.count {
        for t in 0..<dayCount {
          // Different levels, weekday shapes and trends per store and series: sums that
          // depend on the order they are added in, to the last bit.
          let weekday = Double((t + s) % 7)
          panel.values[i * dayCount + t] =
            (3 + Double(s) * 1.7 + Double(i) * 0.9) * (1 + 0.1 * weekday)
            + Double((t * (i + 3) + s * 11) % 5) + 0.01 * Double(t)
        }
      }
      let covariates = keys.map {
        SeriesCovariates(key: $0, category: $0.sku == SKUID("P3") ? "bakery" : "dairy")
      }
      histories[store] = StoreHistory(store: store, panel: panel, covariates: covariates)
    }
    let source = MemorySource(histories: histories)
    var settings = RidgeSettings(horizonDays: 7, horizonBuckets: [1, 2, 4], validationDays: 14)
    settings.yearlyTerms = .never
    func fit(ahead: Int) throws -> [[String: DirectRidge]] {
      var training = RidgeTraining(settings: settings)
      training.storesAhead = ahead
      let firstDay = start
      return try training.fit(
        stores: source.stores, calendar: source.calendar, firstDay: firstDay,
        lastDays: [lastDay.adding(days: -21), lastDay]
      ) { store in
        try source.history(of: store, from: firstDay, through: lastDay).preparedSeries()
      }
    }
    let onePass = try fit(ahead: 16)
    XCTAssertEqual(onePass.count, 2)
    XCTAssertEqual(onePass[1].keys.sorted(), ["bakery", "dairy"], "both categories fitted")
    for ahead in [1, 2, 3] {
      XCTAssertEqual(try fit(ahead: ahead), onePass, "\(ahead) stores ahead")
    }
  }
}
