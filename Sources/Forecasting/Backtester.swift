import DemandCore
import Features
import Foundation
import Models
import _Parallel

/// Holds out the last days of history, trains on the rest and scores every model family, the
/// selected mix and (given the generator's truth) the oracle on the held-out days.
public struct Backtester: Sendable {
  public var trainer: Trainer

  public init(trainer: Trainer) { self.trainer = trainer }

  /// Which forecasts a metrics row scores.
  public enum Scope: String, Sendable, CaseIterable {
    case all
    /// Series averaging at least `fastMoverUnitsPerDay` over their training days.
    case fast
    case slow
  }

  public struct MetricsRow: Sendable, Equatable {
    /// A family's raw value, `selected` or `oracle`.
    public var model: String
    public var scope: Scope
    public var metrics: AccuracyMetrics
  }

  /// One held-out store/SKU/day with the selected mix's forecast.
  public struct HoldoutRow: Sendable, Equatable {
    public var key: SeriesKey
    public var day: Day
    public var actual: Double
    public var censored: Bool
    public var p10: Double
    public var p50: Double
    public var p90: Double
    public var mean: Double
    public var model: String
    public var expected: Double?
  }

  /// Per-series scaled errors of the selected mix and of the seasonal naive.
  public struct SeriesRow: Sendable, Equatable {
    public var key: SeriesKey
    public var model: String
    public var reason: String
    public var metrics: AccuracyMetrics
    public var seasonalNaive: AccuracyMetrics?
  }

  public struct Result: Sendable {
    public var lastTrainingDay: Day
    public var holdoutDays: Int
    public var metrics: [MetricsRow]
    public var holdout: [HoldoutRow]
    public var series: [SeriesRow]
    public var report: TrainingReport
  }

  /// - Parameters:
  ///   - lastDay: the last day of history; the holdout is the `holdoutDays` up to it.
  ///   - truth: the true expected demand of a series over the holdout days, when known.
  ///   - truthQuantiles: the true p10, p50 and p90 paths of a series over the holdout days, when
  ///     the truth has them; the oracle then forecasts them (its median is the true p50) instead
  ///     of its mean with Poisson bands.
  public func run(
    source: any StoreHistorySource, lastDay: Day, holdoutDays: Int,
    truth: (@Sendable (SeriesKey) -> [Double]?)? = nil,
    truthQuantiles: (@Sendable (SeriesKey) -> [[Double]]?)? = nil,
    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws -> Result {
    var trainer = self.trainer
    trainer.configuration.horizonDays = holdoutDays
    let configuration = trainer.configuration
    let lastTrainingDay = lastDay.adding(days: -holdoutDays)
    let trained = try trainer.train(
      source: source, lastDay: lastTrainingDay, keepAllCandidates: true, progress: progress)
    let fittedSet = trained.fittedSet
    let fitsByKey = fittedSet.indexByKey()
    let windowStart = lastTrainingDay.adding(days: 1 - configuration.historyWindowDays)
    let stores = source.stores
    let calendar = source.calendar
    let regressions = fittedSet.regressions
    let levels = [0.1, 0.5, 0.9]
    let names = ModelFamily.allCases.map(\.rawValue) + ["selected", "oracle"]

    struct StoreOutcome: Sendable {
      var accumulators: [[AccuracyAccumulator]]  // [model][scope]
      var holdout: [HoldoutRow]
      var series: [SeriesRow]
    }
    let perStore = try concurrentMap(stores.count) { index -> StoreOutcome in
      let history = try source.history(of: stores[index], from: windowStart, through: lastDay)
      let trainingDays = windowStart.days(to: lastTrainingDay) + 1
      var outcome = StoreOutcome(
        accumulators: names.map { _ in Scope.allCases.map { _ in AccuracyAccumulator() } },
        holdout: [], series: [])
      let prepared = history.preparedSeries(dayCount: trainingDays)
      let profiles = CategoryProfiles(
        series: prepared, lastDay: lastTrainingDay, establishedDays: configuration.newItemDays)
      for (i, series) in prepared.enumerated() {
        let base = i * history.panel.dayCount + trainingDays
        let actual = history.panel.values[base..<base + holdoutDays]
        let censored = history.panel.censored[base..<base + holdoutDays]
        guard censored.contains(false) else { continue }
        let scale = SeriesScale(
          values: series.series.values[...], censored: series.series.censored[...])
        let scope: Scope = series.meanDemand >= configuration.fastMoverUnitsPerDay ? .fast : .slow
        func add(_ model: Int, _ forecast: SeriesForecast) -> AccuracyMetrics {
          var one = AccuracyAccumulator()
          one.add(
            actual: actual, censored: censored, median: forecast.quantile(0.5)![...],
            mean: forecast.mean[...], lower: forecast.quantile(0.1)![...],
            upper: forecast.quantile(0.9)![...], scale: scale)
          outcome.accumulators[model][0].merge(one)
          outcome.accumulators[model][scope == .fast ? 1 : 2].merge(one)
          return one.metrics
        }
        var selected: SeriesForecast?
        var naive: AccuracyMetrics?
        let fit = fitsByKey[series.key].map { fittedSet.series[$0] }
        if let fit {
          selected = fit.forecast(
            series: series.series, covariates: series.covariates, calendar: calendar,
            regressions: regressions, horizon: holdoutDays, levels: levels)
          // Each family on its own, calibrated from its own backtest residuals (a short
          // history has none: its models were never backtested).
          let candidates = fit.kind == .shortHistory ? [] : fit.chosen + fit.others
          for candidate in candidates {
            var single = fit
            single.kind = .single
            single.chosen = [candidate]
            single.residuals = candidate.residuals
            guard
              let forecast = single.forecast(
                series: series.series, covariates: series.covariates, calendar: calendar,
                regressions: regressions, horizon: holdoutDays, levels: levels),
              let model = ModelFamily.allCases.firstIndex(of: candidate.family)
            else { continue }
            let metrics = add(model, forecast)
            if candidate.family == .seasonalNaive { naive = metrics }
          }
        }
        let chosen =
          selected
          ?? newItemForecast(
            key: series.key, series: series.series,
            factors: profiles.factors(of: series.covariates.category), horizon: holdoutDays,
            levels: levels)
        let metrics = add(names.count - 2, chosen)
        let expected = truth?(series.key)
        if let expected, expected.count == holdoutDays {
          let oracle = SeriesForecast(
            key: series.key, start: chosen.start, mean: expected,
            quantiles: levels.map { q in
              QuantilePath(
                level: q, values: expected.map { QuantileMath.poisson(mean: $0, level: q) })
            }, model: "oracle", isNewItem: false)
          var oracleMedian = oracle
          if let paths = truthQuantiles?(series.key), paths.count == levels.count,
            paths.allSatisfy({ $0.count == holdoutDays })
          {
            // The true distribution's quantiles, its median included.
            for (index, path) in paths.enumerated() { oracleMedian.quantiles[index].values = path }
          } else {
            oracleMedian.quantiles[1].values = expected  // the oracle's point forecast is its mean
          }
          _ = add(names.count - 1, oracleMedian)
        }
        outcome.series.append(
          SeriesRow(
            key: series.key, model: chosen.model,
            reason: selected == nil ? "new item" : fit?.reason ?? "new item",
            metrics: metrics, seasonalNaive: naive))
        for h in 0..<holdoutDays {
          outcome.holdout.append(
            HoldoutRow(
              key: series.key, day: chosen.start.adding(days: h),
              actual: actual[actual.startIndex + h],
              censored: censored[censored.startIndex + h], p10: chosen.quantiles[0].values[h],
              p50: chosen.quantiles[1].values[h], p90: chosen.quantiles[2].values[h],
              mean: chosen.mean[h], model: chosen.model,
              expected: expected.flatMap { $0.count == holdoutDays ? $0[h] : nil }))
        }
      }
      return outcome
    }
    var totals = names.map { _ in Scope.allCases.map { _ in AccuracyAccumulator() } }
    var holdout: [HoldoutRow] = []
    var series: [SeriesRow] = []
    for outcome in perStore {
      for m in names.indices {
        for s in Scope.allCases.indices { totals[m][s].merge(outcome.accumulators[m][s]) }
      }
      holdout.append(contentsOf: outcome.holdout)
      series.append(contentsOf: outcome.series)
    }
    var rows: [MetricsRow] = []
    for (m, name) in names.enumerated() {
      for (s, scope) in Scope.allCases.enumerated() where totals[m][s].metrics.points > 0 {
        rows.append(MetricsRow(model: name, scope: scope, metrics: totals[m][s].metrics))
      }
    }
    return Result(
      lastTrainingDay: lastTrainingDay, holdoutDays: holdoutDays, metrics: rows, holdout: holdout,
      series: series, report: trained.report)
  }
}
