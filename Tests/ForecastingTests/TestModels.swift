import DemandCore
import Features
import Forecasting
import Foundation
import Models

/// Test-only methods with behaviour simple enough to predict by hand.

/// Forecasts the mean of the last `window` uncensored days.
struct WindowMean: ForecastMethod {
  var window: Int
  var name: String { "WindowMean(\(window))" }
  var family: ModelFamily { .movingAverage }
  func fit(_ series: DemandSeries) throws(ModelError) -> Fitted {
    let observed = zip(series.values, series.censored).filter { !$0.1 }.map(\.0)
    guard !observed.isEmpty else {
      throw .tooShort(model: name, observed: 0, required: 1)
    }
    let tail = observed.suffix(window)
    return Fitted(
      window: window, level: tail.reduce(0, +) / Double(tail.count),
      fittedValues: [Double](repeating: .nan, count: series.count), trainedDays: series.count)
  }
  struct Fitted: FittedModel {
    var window: Int
    var level: Double
    var fittedValues: [Double]
    var trainedDays: Int
    var name: String { "WindowMean(\(window))" }
    var family: ModelFamily { .movingAverage }
    func predict(horizon: Int, levels: [Double]) -> ModelForecast {
      let mean = [Double](repeating: level, count: horizon)
      return ModelForecast(
        mean: mean,
        quantiles: gaussianQuantiles(
          mean: mean, sigma: [Double](repeating: 1, count: horizon), levels: levels))
    }
    func applied(to series: DemandSeries) -> Fitted {
      (try? WindowMean(window: window).fit(series)) ?? self
    }
  }
}

/// Forecasts a constant fixed at construction: the worst model when it is far from the data.
struct Constant: ForecastMethod {
  var value: Double
  var name: String { "Constant(\(value))" }
  var family: ModelFamily { .seasonalNaive }
  func fit(_ series: DemandSeries) throws(ModelError) -> Fitted {
    FittedConstant(value: value, fittedValues: [Double](repeating: value, count: series.count))
  }
  typealias Fitted = FittedConstant
}

struct FittedConstant: FittedModel {
  var value: Double
  var fittedValues: [Double]
  var name: String { "Constant(\(value))" }
  var family: ModelFamily { .seasonalNaive }
  func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    ModelForecast(mean: [Double](repeating: value, count: horizon))
  }
  func applied(to series: DemandSeries) -> FittedConstant {
    FittedConstant(value: value, fittedValues: [Double](repeating: value, count: series.count))
  }
}

/// Records the length of every series it is fitted to, to prove what a fit could read.
final class FitLog: @unchecked Sendable {
  private let lock = NSLock()
  private var lengths: [Int] = []
  func record(_ n: Int) {
    lock.lock()
    lengths.append(n)
    lock.unlock()
  }
  var recorded: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return lengths
  }
}

struct Spy: ForecastMethod {
  let log: FitLog
  var name: String { "Spy" }
  var family: ModelFamily { .tsb }
  func fit(_ series: DemandSeries) throws(ModelError) -> FittedConstant {
    log.record(series.count)
    return try Constant(value: 1).fit(series)
  }
  init(log: FitLog) { self.log = log }
  init(from decoder: any Decoder) throws { log = FitLog() }
  func encode(to encoder: any Encoder) throws {}
}

/// An in-memory chain: one panel per store.
struct MemorySource: StoreHistorySource {
  var histories: [StoreID: StoreHistory]
  var calendar = CalendarContext(holidays: [])
  /// What `firstHistoryDay()` answers (`nil`: not known).
  var firstDay: Day?
  var stores: [StoreID] { histories.keys.sorted() }

  func firstHistoryDay() -> Day? { firstDay }

  func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
    guard let full = histories[store] else {
      return StoreHistory(
        store: store, panel: SeriesPanel(keys: [], start: start, dayCount: 0), covariates: [])
    }
    let dayCount = max(0, start.days(to: end) + 1)
    var panel = SeriesPanel(keys: full.panel.keys, start: start, dayCount: dayCount)
    for i in 0..<panel.seriesCount {
      for t in 0..<dayCount {
        guard let offset = full.panel.dayOffset(start.adding(days: t)) else { continue }
        panel.values[i * dayCount + t] = full.panel.values[i * full.panel.dayCount + offset]
        panel.censored[i * dayCount + t] = full.panel.censored[i * full.panel.dayCount + offset]
      }
    }
    return StoreHistory(store: store, panel: panel, covariates: full.covariates)
  }

  /// One store with the given series (each `[Double]` ending on `lastDay`).
  static func oneStore(
    _ series: [[Double]], lastDay: Day, censored: [[Bool]]? = nil, category: String = "dairy"
  ) -> MemorySource {
    let dayCount = series.map(\.count).max() ?? 0
    let store = StoreID("S1")
    let keys = series.indices.map { SeriesKey(store: store, sku: SKUID("P\($0)")) }
    var panel = SeriesPanel(
      keys: keys, start: lastDay.adding(days: 1 - dayCount), dayCount: dayCount)
    for (i, values) in series.enumerated() {
      let pad = dayCount - values.count
      for (t, v) in values.enumerated() {
        panel.values[i * dayCount + pad + t] = v
        panel.censored[i * dayCount + pad + t] = censored?[i][t] ?? false
      }
    }
    let covariates = keys.map { SeriesCovariates(key: $0, category: category) }
    return MemorySource(
      histories: [store: StoreHistory(store: store, panel: panel, covariates: covariates)])
  }
}
