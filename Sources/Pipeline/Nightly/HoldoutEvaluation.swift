import DemandCore
import Forecasting

/// Scores fitted sets on the same held-out days: each forecasts the days after `origin` from
/// the history up to it, and its median is compared with the sales recorded.
struct HoldoutEvaluation {
  var source: HistoryStoreSource
  /// The last day the forecasts may read; the holdout is the `days` days after it.
  var origin: Day
  var days: Int

  /// The holdout's last day.
  var lastDay: Day { origin.adding(days: days) }

  /// Σ|p50 − actual| and Σ actual over the uncensored store/SKU/days `fittedSet` forecasts,
  /// and how many there were.
  struct Score: Equatable {
    var absoluteErrorUnits = 0.0
    var actualUnits = 0.0
    var points = 0
    /// WAPE (a ratio); 0 when nothing sold.
    var wape: Double { actualUnits > 0 ? absoluteErrorUnits / actualUnits : 0 }
  }

  /// The scores of `sets`, in order, on exactly the same points: a store/SKU/day counts only
  /// when every set forecast it.
  func scores(_ sets: [FittedSet]) throws -> [Score] {
    let forecasts = try sets.map { set in
      try Forecaster(fittedSet: set).forecast(
        source: source, runDate: origin, horizon: days, levels: [0.5])
    }
    var scores = Array(repeating: Score(), count: sets.count)
    for (storeIndex, store) in source.stores.enumerated() {
      let panel = try source.history(
        of: store, from: origin.adding(days: 1), through: lastDay
      ).panel
      let rows = Dictionary(
        panel.keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      let medians = forecasts.map { stores in
        Dictionary(
          stores[storeIndex].series.map { ($0.key, $0.quantile(0.5) ?? $0.mean) },
          uniquingKeysWith: { a, _ in a })
      }
      for key in panel.keys.sorted() {
        let paths = medians.compactMap { $0[key] }
        guard let row = rows[key], paths.count == sets.count else { continue }
        let actuals = panel.series(row)
        let censoring = panel.censoring(row)
        for offset in 0..<days {
          let actualIndex = actuals.startIndex + offset
          guard actualIndex < actuals.endIndex, !censoring[actualIndex] else { continue }
          let actual = actuals[actualIndex]
          for (index, path) in paths.enumerated() where offset < path.count {
            scores[index].absoluteErrorUnits += abs(path[offset] - actual)
            scores[index].actualUnits += actual
            scores[index].points += 1
          }
        }
      }
    }
    return scores
  }
}
