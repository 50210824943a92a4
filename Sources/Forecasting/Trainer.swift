import DemandCore
import Features
import Foundation
import Models
import Tabular
import _Parallel

/// Trains the whole chain: the category regressions across stores, then every series, store by
/// store on all cores.
public struct Trainer: Sendable {
  public var catalog: MethodCatalog
  public var configuration: ForecastConfiguration
  /// The global regression per category, or `nil` to train per-series models only. Its
  /// horizon is set to the configuration's.
  public var ridgeSettings: RidgeSettings?

  public init(
    catalog: MethodCatalog, configuration: ForecastConfiguration, ridgeSettings: RidgeSettings?
  ) {
    self.catalog = catalog
    self.configuration = configuration
    self.ridgeSettings = ridgeSettings
  }

  /// The result of a training run.
  public struct Result: Sendable {
    public var fittedSet: FittedSet
    public var report: TrainingReport
  }

  /// Trains on history up to `lastDay`.
  /// - Parameters:
  ///   - keepAllCandidates: keep every candidate in the set (for per-family backtest reports).
  ///   - cancellation: checked before each store of the regressions and before each series of
  ///     the per-series training (`CrashPoint` `train.store-done` after each store), so a stop
  ///     is honoured within one series' fits; nothing is returned then.
  ///   - progress: called with (stores done, stores) as stores finish, from any thread.
  /// - Throws: `ForecastError` for a bad configuration or no history; errors of the source;
  ///   `Cancelled` when `cancellation` asked for a stop.
  public func train(
    source: any StoreHistorySource, lastDay: Day, keepAllCandidates: Bool = false,
    cancellation: Cancellation = .never,
    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws -> Result {
    try configuration.validate()
    let started = DispatchClock.now
    var report = TrainingReport()
    let windowStart = lastDay.adding(days: 1 - configuration.historyWindowDays)
    let stores = source.stores
    guard !stores.isEmpty else { throw ForecastError.noHistory(reason: "the chain has no stores") }

    // 1. Category regressions: one fit for the backtest (up to the earliest origin), one final.
    var backtestRegressions: [String: DirectRidge] = [:]
    var finalRegressions: [String: DirectRidge] = [:]
    // The last day the backtest's fits read: the day before the earliest origin of a series
    // as old as the chain's history (younger series have theirs later; with none at all, no
    // series is backtested and the configured origins stand).
    let historyStart = max(windowStart, try source.firstHistoryDay() ?? windowStart)
    let originCount = configuration.backtestOriginCount(
      seriesDays: historyStart.days(to: lastDay) + 1)
    let backtestEnd = lastDay.adding(
      days: -(originCount > 0 ? originCount : configuration.backtestOrigins)
        * configuration.horizonDays)
    if var settings = ridgeSettings {
      settings.horizonDays = configuration.horizonDays
      settings.externalRegressors = source.regressors
      // Each holiday the served fit's window holds gets columns of its own; a backtest fit that
      // has not seen one yet reads them as constant (coefficient 0, the shared holiday effect).
      settings.holidayNames = source.calendar.holidayNames(within: windowStart...lastDay)
      // Whether the yearly terms enter is decided once, for the served fit and its backtest
      // alike, from the days of history the served fit has (RidgeFitGroup, "One model, several
      // cut-offs"): the configured window is 730 days whether the chain has 200 or 2,000.
      if settings.yearlyTerms == .automatic {
        settings.yearlyTerms =
          settings.usesYearlyTerms(trainingDayCount: historyStart.days(to: lastDay) + 1)
          ? .always : .never
      }
      let training = RidgeTraining(settings: settings)
      let fitted = try training.fit(
        stores: stores, calendar: source.calendar, firstDay: windowStart,
        lastDays: [backtestEnd, lastDay], cancellation: cancellation
      ) { store in
        try source.history(of: store, from: windowStart, through: lastDay).preparedSeries()
      }
      backtestRegressions = fitted[0]
      finalRegressions = fitted[1]
    }
    let regressionDone = DispatchClock.now
    report.regressionSeconds = Double(regressionDone - started) / 1e9

    // 2. Each category's incumbent, from the pooled backtests of a sample of stores.
    var trainer = SeriesTrainer(
      catalog: catalog, configuration: configuration, calendar: source.calendar,
      backtestRegressions: backtestRegressions, finalRegressions: finalRegressions,
      keepAllCandidates: keepAllCandidates)
    // The SKUs' seasonal shapes over the chain, at the backtest's earliest origin and at the
    // end, for the methods that read them.
    let seasons = SeasonPool.seasons(of: catalog)
    if !seasons.isEmpty {
      trainer.seasonPool = try SeasonPool.measure(
        seasons: seasons, cuts: [backtestEnd.adding(days: 1), lastDay.adding(days: 1)],
        source: source,
        stores: stores, from: windowStart, through: lastDay, cancellation: cancellation)
    }
    let (incumbents, sampledBacktests) = try CategoryIncumbents.measure(
      trainer: trainer, source: source, stores: stores, from: windowStart, through: lastDay,
      cancellation: cancellation)
    trainer.incumbents = incumbents.keys
    report.incumbents = incumbents
    let seriesTrainer = trainer

    // 3. Every series, store by store.
    let counter = ProgressCounter(total: stores.count, report: progress)
    let perStore = try concurrentMap(stores.count) {
      index -> ([SeriesFit], SeriesTrainer.Timing, TrainingBacktest, HorizonSpreadTally) in
      try cancellation.check()
      let history = try source.history(of: stores[index], from: windowStart, through: lastDay)
      var timing = SeriesTrainer.Timing()
      var backtest = TrainingBacktest()
      var spread = HorizonSpreadTally(
        horizon: configuration.horizonDays,
        fastMoverUnitsPerDay: configuration.fastMoverUnitsPerDay)
      // The sampled stores' series were backtested for the incumbents: not again.
      let backtests = sampledBacktests[index] ?? [:]
      let fits = try history.preparedSeries().map {
        try cancellation.check()
        return seriesTrainer.train(
          $0, backtested: backtests[$0.key], timing: &timing, backtest: &backtest,
          spread: &spread)
      }
      CrashPoint.hit("train.store-done", detail: stores[index].rawValue)
      counter.advance()
      return (fits, timing, backtest, spread)
    }
    var timing = SeriesTrainer.Timing()
    var fits: [SeriesFit] = []
    var spread = HorizonSpreadTally(
      horizon: configuration.horizonDays,
      fastMoverUnitsPerDay: configuration.fastMoverUnitsPerDay)
    for (storeFits, storeTiming, storeBacktest, storeSpread) in perStore {
      fits.append(contentsOf: storeFits)
      timing.merge(storeTiming)
      // Merged in store order, so the sums are the same on any number of cores.
      report.backtest.merge(storeBacktest)
      spread.merge(storeSpread)
    }
    var horizonSpread = spread.spread()
    if configuration.medianAtMean == true {
      // Too few backtest points to measure a shape still leaves a set whose p50 is the mean
      // (values may be money): a spread of no factors (every step 1) that says so.
      horizonSpread = horizonSpread ?? HorizonSpread(factors: [], points: [])
      horizonSpread?.centresOnMean = true
    }
    guard !fits.isEmpty else {
      // At weekly grain `lastDay` is a week position: name its week-ending date.
      let shown: String
      if let grain = configuration.grain, grain != .daily {
        shown = "the week ending \(grain.date(ofPeriod: Int(lastDay.daysSinceEpoch)).iso)"
      } else {
        shown = lastDay.iso
      }
      throw ForecastError.noHistory(reason: "no store/SKU has sales up to \(shown)")
    }
    report.coverTails = spread.coverTails(horizonSpread)
    report.seriesSeconds = Double(DispatchClock.now - regressionDone) / 1e9
    report.stores = stores.count
    report.series = fits.count
    for fit in fits {
      report.seriesByKind[fit.kind.rawValue, default: 0] += 1
      for family in Set(fit.chosen.map(\.family.rawValue)) {
        report.seriesChoosingFamily[family, default: 0] += 1
      }
    }
    report.methods = catalog.entries.map { entry in
      TrainingReport.MethodTime(
        kind: entry.kind, fits: timing.fits[entry.kind] ?? 0,
        fitSeconds: Double(timing.nanoseconds[entry.kind] ?? 0) / 1e9,
        series: fits.count - (report.seriesByKind[SeriesFit.Kind.newItem.rawValue] ?? 0))
    }
    let backtest = fits.backtestTally()
    report.backtestWAPE = backtest.wape
    report.backtestPoints = backtest.points
    report.totalSeconds = Double(DispatchClock.now - started) / 1e9
    return Result(
      fittedSet: FittedSet(
        configuration: configuration, lastTrainingDay: lastDay, series: fits,
        regressions: finalRegressions, horizonSpread: horizonSpread),
      report: report)
  }
}

/// Counts finished units of work from many threads and reports each step.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let report: @Sendable (Int, Int) -> Void

  init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
    self.total = total
    self.report = report
  }

  func advance() {
    lock.lock()
    done += 1
    let now = done
    lock.unlock()
    report(now, total)
  }
}
