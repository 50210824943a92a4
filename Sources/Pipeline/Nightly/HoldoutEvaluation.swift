import DemandCore
import Forecasting
import Registry

/// Scores models on the same held-out days of a `HoldoutPlan`: from each origin, each model
/// forecasts the days up to the next origin from the history up to the origin only, and its
/// median is compared with the sales recorded. The fitted set standing for a model may differ
/// from origin to origin (the challenger is retrained at each).
///
/// A set trained after the origin it forecasts from is refused before anything from that origin
/// is scored (`RetrainError.modelSawHoldout`): no score uses a forecast whose model saw the
/// scored day.
struct HoldoutEvaluation {
  var source: HistoryStoreSource
  var plan: HoldoutPlan

  /// The error tally of a set's medians over the uncensored store/SKU/days it forecast (the
  /// monitor's and the backtest's `ErrorTally`), and the closest a scored day came to the set's
  /// training window.
  struct Score: Equatable {
    var errors = ErrorTally()
    /// The fewest days between the set's last training day and a day it was scored on (≥ 1
    /// by construction); `nil` when nothing was scored.
    var minimumDaysAfterTraining: Int?
    var points: Int { errors.points }
    /// WAPE (a ratio); 0 when nothing sold, where the shared tally has none (the promotion
    /// rule takes a number).
    var wape: Double { errors.wape ?? 0 }
  }

  /// The scores of the same `sets` at every origin (see `scores(names:models:)`).
  func scores(_ sets: [FittedSet], names: [String]) throws -> [Score] {
    try scores(names: names) { _ in sets }
  }

  /// The scores of the models `names`, in order, on exactly the same points: a store/SKU/day
  /// counts only when every model forecast it from the same origin. `models(origin)` gives the
  /// fitted sets standing for them at `origin`, in the same order.
  /// - Throws: `RetrainError.modelSawHoldout` when a set was trained after its origin;
  ///   what `models` throws; forecasting and history errors.
  func scores(names: [String], models: (Day) throws -> [FittedSet]) throws -> [Score] {
    var scores = Array(repeating: Score(), count: names.count)
    for origin in plan.origins {
      let sets = try models(origin)
      precondition(sets.count == names.count)
      for (set, name) in zip(sets, names) where set.lastTrainingDay > origin {
        throw RetrainError.modelSawHoldout(
          version: name, windowLastDay: set.lastTrainingDay,
          firstScoredDay: origin.adding(days: 1))
      }
      try score(sets, from: origin, into: &scores)
    }
    return scores
  }

  /// Adds the scores of the days after `origin` (up to the next origin).
  func score(_ sets: [FittedSet], from origin: Day, into scores: inout [Score]) throws {
    let horizon = plan.horizonDays(from: origin)
    let forecasts = try sets.map { set in
      try Forecaster(fittedSet: set).forecast(
        source: source, runDate: origin, horizon: horizon, levels: [0.5])
    }
    for (storeIndex, store) in source.stores.enumerated() {
      let panel = try source.history(
        of: store, from: origin.adding(days: 1), through: origin.adding(days: horizon)
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
        for offset in 0..<horizon {
          let actualIndex = actuals.startIndex + offset
          guard actualIndex < actuals.endIndex, !censoring[actualIndex],
            paths.allSatisfy({ offset < $0.count })
          else { continue }
          let actual = actuals[actualIndex]
          let day = origin.adding(days: offset + 1)
          for (index, path) in paths.enumerated() {
            scores[index].errors.add(actual: actual, forecast: path[offset])
            let gap = sets[index].lastTrainingDay.days(to: day)
            scores[index].minimumDaysAfterTraining = min(
              scores[index].minimumDaysAfterTraining ?? gap, gap)
          }
        }
      }
    }
  }
}
