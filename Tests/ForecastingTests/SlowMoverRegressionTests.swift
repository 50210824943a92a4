import DemandCore
import Features
import Forecasting
import Foundation
import Models
import XCTest
import _TestSupport

/// A category regression fitted mostly on fast movers must forecast its slow movers at their
/// own rate: their zero days are usual for them, not a sign that they stopped selling.
final class SlowMoverRegressionTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!
  let days = 400

  /// 12 fast movers (16 … 24 units a day), each off the shelf for 60 days once (at a
  /// different time; sales resume after), and 12 slow movers that sell one unit on a day with
  /// chance 1/7, all in one category and one store. In the fast movers, a recent share of zero
  /// days says that the next days sell nothing.
  func chain() -> [[Double]] {
    var random = SplitMix64(seed: 11)
    let fast = (0..<12).map { index -> [Double] in
      let off = (60 + 20 * index)..<(120 + 20 * index)
      return (0..<days).map { off.contains($0) ? 0 : Double(16 + random.next() % 9) }
    }
    let slow = (0..<12).map { _ in
      (0..<days).map { _ in random.next() % 7 == 0 ? 1.0 : 0 }
    }
    return fast + slow
  }

  /// 12 steady movers selling 0.3 × 1.4ⁱ units a day (i = 0 … 11: 0.3 … 12; binomial draws
  /// of 8 trials per unit a day), so that the log level's coefficient is set over a range of
  /// levels, and 12 very slow movers that sell one unit on a day with chance 1/40, in one
  /// category and one store.
  func verySlowChain() -> [[Double]] {
    var random = SplitMix64(seed: 12)
    let fast = (0..<12).map { index -> [Double] in
      let shift = 100 + 20 * index
      return (0..<days).map { day in
        let rate = 0.3 * pow(1.4, Double(index)) * (day < shift ? 1 : index % 2 == 0 ? 2 : 0.5)
        let trials = Int((8 * rate).rounded(.up))
        let chance = rate / Double(trials)
        return Double((0..<trials).count { _ in Double(random.next() % 1_000_000) < chance * 1e6 })
      }
    }
    let slow = (0..<12).map { _ in
      (0..<days).map { _ in random.next() % 40 == 0 ? 1.0 : 0 }
    }
    return fast + slow
  }

  /// The regression's mean forecast of the slow movers over the 7 days after `lastDay`, and
  /// what they sold, in units per series and day.
  func slowForecast(
    of series: [[Double]],
    settings: RidgeSettings = RidgeSettings(horizonDays: 7, horizonBuckets: [], validationDays: 14)
  ) throws -> (forecast: Double, sold: Double) {
    let source = MemorySource.oneStore(series, lastDay: lastDay)
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 400, ensembleSize: 2)
    let trained = try Trainer(
      catalog: MethodCatalog([.init(kind: "mean", WindowMean(window: 7))]),
      configuration: configuration, ridgeSettings: settings
    ).train(source: source, lastDay: lastDay)
    let ridge = try XCTUnwrap(trained.fittedSet.regressions["dairy"])
    XCTAssertTrue(
      ridge.horizonModels[0].layout.excessZeroShare,
      "the default layout has the excess zero share, and the fitted layout records it")
    var forecast = 0.0
    var sold = 0.0
    for index in 12..<24 {
      let demand = DemandSeries(
        start: lastDay.adding(days: 1 - days), values: series[index],
        censored: [Bool](repeating: false, count: days))
      let key = SeriesKey(store: StoreID("S1"), sku: SKUID("P\(index)"))
      let path = ridge.predict(
        series: demand, covariates: SeriesCovariates(key: key, category: "dairy"),
        calendar: CalendarContext(holidays: []), horizon: 7, levels: [])
      forecast += path.mean.reduce(0, +) / 7
      sold += series[index].reduce(0, +) / Double(days)
    }
    return (forecast / 12, sold / 12)
  }

  /// The slow movers sell 1/7 of a unit a day (0.136 over their 400 days here); the
  /// regression forecasts them within 15 % of that although the fast movers' off-shelf spells
  /// give a recent share of zero days a strong negative effect (−1.8 per unit of excess share
  /// when this test was written). On this chain the plain share's forecast happens to land
  /// close too (0.95 of the rate: its other coefficients offset it); on a chain of 60 SKUs
  /// with much faster movers, it forecast the slow movers at 0.46 of their rate
  /// (docs/forecasting.md, "Slow movers among fast ones").
  func testSlowMoversInAFastCategoryAreForecastAtTheirOwnRate() throws {
    let excess = try slowForecast(of: chain())
    XCTAssertEqual(excess.sold, 1.0 / 7, accuracy: 0.01, "the chain's slow movers")
    XCTAssertEqual(excess.forecast / excess.sold, 1, accuracy: 0.15)
  }

  /// Slow movers that sell one unit on a day with chance 1/40 (0.025 a day) are below the
  /// level floor of 0.1 a day, where the scale and the log level stop; the default layout's
  /// level-below-floor column lets the regression forecast them near their own rate (0.86 of
  /// it when this test was written). On this small chain the recent-window features can make
  /// up for the column (0.89 of the rate without it); on the independent chain of
  /// `make bench-foreign`, where they also follow seasons and trends, they could not: series
  /// selling under 0.05 a day were forecast at 2.0 times their true mean without it, 1.4 with
  /// it (docs/forecasting.md, "Below the level floor").
  func testSlowMoversBelowTheLevelFloorAreForecastAtTheirOwnRate() throws {
    let slow = try slowForecast(of: verySlowChain())
    XCTAssertEqual(slow.sold, 1.0 / 40, accuracy: 0.008, "the chain's slow movers")
    XCTAssertEqual(slow.forecast / slow.sold, 1, accuracy: 0.25)
  }
}
