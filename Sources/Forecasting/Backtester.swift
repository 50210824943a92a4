import DemandCore
import Features
import Foundation
import Models
import Tabular
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

  /// One held-out store/SKU/day with the selected mix's forecast issued at `origin`.
  public struct HoldoutRow: Sendable, Equatable {
    public var key: SeriesKey
    /// The last day of history the forecast read (its issue date).
    public var origin: Day
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

  /// The selected mix's metrics over one window's held-out days.
  public struct WindowRow: Sendable, Equatable {
    /// 1 for the earliest origin.
    public var window: Int
    /// The window's issue date: its forecasts read history up to this day.
    public var origin: Day
    public var metrics: AccuracyMetrics
  }

  /// The selected mix's metrics over every window's days `horizonDays` after its origin.
  public struct HorizonRow: Sendable, Equatable {
    /// Days ahead of the origin, 1 = the day after it.
    public var horizonDays: ClosedRange<Int>
    public var metrics: AccuracyMetrics
  }

  public struct Result: Sendable {
    /// The models' last training day: the day before the first window's held-out days.
    public var lastTrainingDay: Day
    public var holdoutDays: Int
    /// Days between consecutive origins.
    public var stepDays: Int
    /// Over every window, per model and scope.
    public var metrics: [MetricsRow]
    public var windows: [WindowRow]
    public var horizons: [HorizonRow]
    public var holdout: [HoldoutRow]
    public var series: [SeriesRow]
    public var report: TrainingReport
  }

  /// - Parameters:
  ///   - lastDay: the last day of history; the last window's holdout is the `holdoutDays` up
  ///     to it.
  ///   - windows: how many forecast origins (`cross_validation`'s `n_windows`), ≥ 1.
  ///   - stepDays: days between consecutive origins (default `holdoutDays`, windows that
  ///     tile the held-out period).
  ///   - truth: the true expected demand of a series from the first window's first held-out
  ///     day through `lastDay`, when known.
  ///   - truthQuantiles: the true p10, p50 and p90 paths of a series over the same days, when
  ///     the truth has them; the oracle then forecasts them (its median is the true p50) instead
  ///     of its mean with Poisson bands.
  ///   - cancellation: checked in the training (per store and series) and before each window
  ///     of each store; a stop throws `Cancelled` and returns nothing.
  ///
  /// The models are trained once, through the day before the first window's first held-out
  /// day; every later window forecasts from its own origin with the same fitted set, re-reading
  /// the history up to that origin, as the nightly forecast does between trainings
  /// (statsforecast's `cross_validation(refit=False)`). No window scores a day its models were
  /// fitted on: every scored day lies after the training's last day.
  ///
  /// - Parameter holdoutSink: when given, each store's held-out rows are handed to it, store by
  ///   store in the source's order, as soon as that store is scored, and `Result.holdout` stays
  ///   empty: a chain's rows (several windows × 28 days × every series) need not all be held at
  ///   once. Without it they are collected in `Result.holdout`, in the same order.
  public func run(
    source: any StoreHistorySource, lastDay: Day, holdoutDays: Int, windows: Int = 1,
    stepDays: Int? = nil, truth: (@Sendable (SeriesKey) -> [Double]?)? = nil,
    truthQuantiles: (@Sendable (SeriesKey) -> [[Double]]?)? = nil,
    holdoutSink: (([HoldoutRow]) throws -> Void)? = nil,
    cancellation: Cancellation = .never,
    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws -> Result {
    precondition(windows >= 1, "at least one window")
    let step = stepDays ?? holdoutDays
    precondition(step >= 1, "origins advance by at least one day")
    var trainer = self.trainer
    trainer.configuration.horizonDays = holdoutDays
    let configuration = trainer.configuration
    let lastTrainingDay = lastDay.adding(days: -holdoutDays - (windows - 1) * step)
    let truthDays = holdoutDays + (windows - 1) * step
    let trained = try trainer.train(
      source: source, lastDay: lastTrainingDay, keepAllCandidates: true,
      cancellation: cancellation, progress: progress)
    let fittedSet = trained.fittedSet
    let fitsByKey = fittedSet.indexByKey()
    let windowStart = lastTrainingDay.adding(days: 1 - configuration.historyWindowDays)
    let stores = source.stores
    let calendar = source.calendar
    let regressions = fittedSet.regressions
    let levels = [0.1, 0.5, 0.9]
    let names = ModelFamily.allCases.map(\.rawValue) + ["selected", "oracle"]
    let selectedIndex = names.count - 2
    let weeks = (holdoutDays + 6) / 7

    struct StoreOutcome: Sendable {
      var accumulators: [[AccuracyAccumulator]]  // [model][scope]
      var byWindow: [AccuracyAccumulator]  // the selected mix, per window
      var byStep: [AccuracyAccumulator]  // the selected mix, per step ahead (0 = 1 day)
      var byWeek: [AccuracyAccumulator]  // the selected mix, per week ahead (0 = days 1–7)
      var holdout: [HoldoutRow]
      var series: [SeriesRow]
    }
    /// Scores one store's series over every window.
    let scoreStore = { @Sendable (index: Int) throws -> StoreOutcome in
      let history = try source.history(of: stores[index], from: windowStart, through: lastDay)
      var outcome = StoreOutcome(
        accumulators: names.map { _ in Scope.allCases.map { _ in AccuracyAccumulator() } },
        byWindow: (0..<windows).map { _ in AccuracyAccumulator() },
        byStep: (0..<holdoutDays).map { _ in AccuracyAccumulator() },
        byWeek: (0..<weeks).map { _ in AccuracyAccumulator() }, holdout: [], series: [])
      for window in 0..<windows {
        try cancellation.check()
        let origin = lastTrainingDay.adding(days: window * step)
        let trainingDays = windowStart.days(to: origin) + 1
        let prepared = history.preparedSeries(dayCount: trainingDays)
        let profiles = CategoryProfiles(
          series: prepared, lastDay: origin, establishedDays: configuration.newItemDays)
        let closures = StoreClosures(
          series: prepared, lastDay: origin, horizon: holdoutDays, calendar: calendar,
          grain: configuration.grain)
        for (i, series) in prepared.enumerated() {
          let base = i * history.panel.dayCount + trainingDays
          let actual = history.panel.values[base..<base + holdoutDays]
          let censored = history.panel.censored[base..<base + holdoutDays]
          guard censored.contains(false) else { continue }
          let scale = SeriesScale(
            values: series.series.values[...], censored: series.series.censored[...])
          let scope: Scope =
            series.meanDemand >= configuration.fastMoverUnitsPerDay ? .fast : .slow
          /// Scores `forecast` under `model` and returns the series' own accumulator.
          func add(_ model: Int, _ forecast: SeriesForecast) -> AccuracyAccumulator {
            var one = AccuracyAccumulator()
            one.add(
              actual: actual, censored: censored, median: forecast.quantile(0.5)![...],
              mean: forecast.mean[...], lower: forecast.quantile(0.1)![...],
              upper: forecast.quantile(0.9)![...], scale: scale)
            outcome.accumulators[model][0].merge(one)
            outcome.accumulators[model][scope == .fast ? 1 : 2].merge(one)
            return one
          }
          var selected: SeriesForecast?
          var naive: AccuracyMetrics?
          let fit = fitsByKey[series.key].map { fittedSet.series[$0] }
          if let fit {
            selected = fit.forecast(
              series: series.series, covariates: series.covariates, calendar: calendar,
              regressions: regressions, spread: fittedSet.horizonSpread, horizon: holdoutDays,
              levels: levels)
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
                  regressions: regressions, spread: fittedSet.horizonSpread,
                  horizon: holdoutDays, levels: levels),
                let model = ModelFamily.allCases.firstIndex(of: candidate.family)
              else { continue }
              let metrics = add(model, closures?.applied(to: forecast) ?? forecast).metrics
              if candidate.family == .seasonalNaive { naive = metrics }
            }
          }
          let issued =
            selected
            ?? newItemForecast(
              key: series.key, series: series.series,
              factors: profiles.factors(of: series.covariates.category), horizon: holdoutDays,
              levels: levels)
          let chosen = closures?.applied(to: issued) ?? issued
          let selectedScore = add(selectedIndex, chosen)
          let metrics = selectedScore.metrics
          outcome.byWindow[window].merge(selectedScore)
          func score(_ steps: Range<Int>, into accumulator: inout AccuracyAccumulator) {
            let days =
              (actual.startIndex + steps.lowerBound)..<(actual.startIndex + steps.upperBound)
            accumulator.add(
              actual: actual[days], censored: censored[days],
              median: chosen.quantiles[1].values[steps], mean: chosen.mean[steps],
              lower: chosen.quantiles[0].values[steps], upper: chosen.quantiles[2].values[steps],
              scale: scale)
          }
          for h in 0..<holdoutDays { score(h..<h + 1, into: &outcome.byStep[h]) }
          for week in 0..<weeks {
            score(week * 7..<min(holdoutDays, week * 7 + 7), into: &outcome.byWeek[week])
          }
          let offset = window * step
          let expected = truth?(series.key).flatMap { path -> [Double]? in
            path.count == truthDays ? Array(path[offset..<offset + holdoutDays]) : nil
          }
          if let expected {
            let oracle = SeriesForecast(
              key: series.key, start: chosen.start, mean: expected,
              quantiles: levels.map { q in
                QuantilePath(
                  level: q, values: expected.map { QuantileMath.poisson(mean: $0, level: q) })
              }, model: "oracle", isNewItem: false)
            var oracleMedian = oracle
            if let paths = truthQuantiles?(series.key), paths.count == levels.count,
              paths.allSatisfy({ $0.count == truthDays })
            {
              // The true distribution's quantiles, its median included.
              for (index, path) in paths.enumerated() {
                oracleMedian.quantiles[index].values = Array(path[offset..<offset + holdoutDays])
              }
            } else {
              oracleMedian.quantiles[1].values = expected  // the oracle's point is its mean
            }
            _ = add(names.count - 1, oracleMedian)
          }
          if window == windows - 1 {
            outcome.series.append(
              SeriesRow(
                key: series.key, model: chosen.model,
                reason: selected == nil ? "new item" : fit?.reason ?? "new item",
                metrics: metrics, seasonalNaive: naive))
          }
          for h in 0..<holdoutDays {
            outcome.holdout.append(
              HoldoutRow(
                key: series.key, origin: origin, day: chosen.start.adding(days: h),
                actual: actual[actual.startIndex + h],
                censored: censored[censored.startIndex + h], p10: chosen.quantiles[0].values[h],
                p50: chosen.quantiles[1].values[h], p90: chosen.quantiles[2].values[h],
                mean: chosen.mean[h], model: chosen.model, expected: expected?[h]))
          }
        }
        CrashPoint.hit("backtest.window-done", detail: "\(stores[index]) \(window)")
      }
      return outcome
    }
    var totals = names.map { _ in Scope.allCases.map { _ in AccuracyAccumulator() } }
    var byWindow = (0..<windows).map { _ in AccuracyAccumulator() }
    var byStep = (0..<holdoutDays).map { _ in AccuracyAccumulator() }
    var byWeek = (0..<weeks).map { _ in AccuracyAccumulator() }
    var holdout: [HoldoutRow] = []
    var series: [SeriesRow] = []
    // At most two stores' rows wait for the consumer beside the ones being scored.
    try concurrentForEachInOrder(stores.count, window: 2, produce: scoreStore) { _, outcome in
      for m in names.indices {
        for s in Scope.allCases.indices { totals[m][s].merge(outcome.accumulators[m][s]) }
      }
      for w in byWindow.indices { byWindow[w].merge(outcome.byWindow[w]) }
      for h in byStep.indices { byStep[h].merge(outcome.byStep[h]) }
      for week in byWeek.indices { byWeek[week].merge(outcome.byWeek[week]) }
      if let holdoutSink {
        try holdoutSink(outcome.holdout)
      } else {
        holdout.append(contentsOf: outcome.holdout)
      }
      series.append(contentsOf: outcome.series)
    }
    var rows: [MetricsRow] = []
    for (m, name) in names.enumerated() {
      for (s, scope) in Scope.allCases.enumerated() where totals[m][s].metrics.points > 0 {
        rows.append(MetricsRow(model: name, scope: scope, metrics: totals[m][s].metrics))
      }
    }
    return Result(
      lastTrainingDay: lastTrainingDay, holdoutDays: holdoutDays, stepDays: step,
      metrics: rows,
      windows: byWindow.enumerated().map { w, accumulator in
        WindowRow(
          window: w + 1, origin: lastTrainingDay.adding(days: w * step),
          metrics: accumulator.metrics)
      },
      horizons: byStep.enumerated().map { h, accumulator in
        HorizonRow(horizonDays: (h + 1)...(h + 1), metrics: accumulator.metrics)
      }
        + byWeek.enumerated().map { week, accumulator in
          HorizonRow(
            horizonDays: (week * 7 + 1)...min(holdoutDays, week * 7 + 7),
            metrics: accumulator.metrics)
        }, holdout: holdout, series: series, report: trained.report)
  }
}
