import DemandCore
import Forecasting
import Foundation
import History
import Inventory
import Logging
import Registry
import Tabular
import _BuildInfo

/// `shelfcast train`: fit every family, backtest, select, and register the fitted set in the
/// model registry as a candidate (promoted at once when there is no champion yet, or when asked).
public enum TrainStage {
  public struct Outcome: Sendable {
    public var lastTrainingDay: Day
    public var report: TrainingReport
    /// The fitted set in service (`DIR/models/fitted-set.json`): the champion's artifact.
    public var fittedSetPath: String
    /// The registered version, as it stands after the run.
    public var version: ModelVersion
    /// The promotion of `version`, when it was promoted.
    public var promotion: Promotion?
    /// The champion after the run (`version` when promoted).
    public var champion: ModelVersion?
    public var cardPath: String
  }

  /// How a training run is recorded and whether it goes into service.
  public struct Registration: Sendable {
    public var trigger: RetrainTrigger
    public var reason: String
    /// Promote the new version even when a champion exists.
    public var promote: Bool
    public init(
      trigger: RetrainTrigger = .manual, reason: String = "trained by hand",
      promote: Bool = false
    ) {
      self.trigger = trigger
      self.reason = reason
      self.promote = promote
    }
  }

  /// Trains on the history up to `asOf` (default: the last day with demand), registers the
  /// result, and promotes it when the registry has no champion (reason "first model") or when
  /// `registration.promote` is set.
  /// - Throws: `Cancelled` when a stop was requested during the training (`StopRequest`):
  ///   nothing was written or registered.
  public static func run(
    workspace: Workspace, asOf: Day?, configuration: ForecastConfiguration, logger: Logger,
    registration: Registration = Registration(),
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    let trained = try trainAndRegister(
      workspace: workspace, asOf: asOf, configuration: configuration, logger: logger,
      registration: registration, reuseIdentical: true, progress: progress)
    let registry = try workspace.openRegistry()
    var version = trained.version
    var promotion: Promotion?
    let champion = try registry.champion()
    if champion == nil || (registration.promote && version.status != .champion) {
      let reason = champion == nil ? "first model" : registration.reason
      let promoted = try RegistryStage.promote(workspace: workspace, id: version.id, reason: reason)
      version = promoted.champion
      promotion = promoted
    }
    let cardPath = try RegistryStage.writeCard(workspace, version)
    return Outcome(
      lastTrainingDay: trained.lastTrainingDay, report: trained.report,
      fittedSetPath: workspace.fittedSetPath, version: version, promotion: promotion,
      champion: try registry.champion(), cardPath: cardPath)
  }

  /// What `trainAndRegister` made.
  struct Trained {
    var lastTrainingDay: Day
    var report: TrainingReport
    /// The registered candidate.
    var version: ModelVersion
  }

  /// Trains on the history up to `asOf`, writes the training report and ABC classes, and
  /// registers the fitted set as a candidate (`runDate` recorded when given). With
  /// `reuseIdentical`, a version already registered for the identical candidate (a run killed
  /// after its registration, run again) is returned instead of registering a second one.
  static func trainAndRegister(
    workspace: Workspace, asOf: Day?, configuration: ForecastConfiguration, logger: Logger,
    registration: Registration, runDate: Day? = nil, reuseIdentical: Bool = false,
    progress: (@Sendable (Int, Int, String) -> Void)?
  ) throws -> Trained {
    let database = try workspace.openDatabase()
    let history = try HistoryStoreSource(database: database)
    let lastDay = try checkedDay(asOf, source: history, option: "--as-of")
    let registry = try workspace.openRegistry()
    logger.notice(
      "training", metadata: ["last_day": "\(lastDay.iso)", "stores": "\(history.stores.count)"])
    let source = FingerprintingSource(history)
    let grain = try workspace.grain()
    let result: Trainer.Result
    if grain == .daily {
      let trainer = StandardModels.trainer(configuration: configuration)
      result = try trainer.train(
        source: source, lastDay: lastDay, cancellation: StopRequest.cancellation
      ) { done, total in
        progress?(done, total, "stores")
      }
    } else {
      result = try trainPeriods(
        source: source, grain: grain, lastDate: lastDay,
        configuration: configuration.grain == grain
          ? configuration : .weekly(from: configuration, horizon: 13, grain: grain),
        progress: progress)
    }
    guard let fingerprint = source.fingerprint() else {
      throw ForecastError.noHistory(reason: "no store was read")
    }
    try AtomicFile.makeDirectories(workspace.modelDirectory)
    try AtomicFile.write(try reportJSON(result.report), to: workspace.trainingReportPath)
    var candidate = try ModelCandidate(
      fittedSet: result.fittedSet, report: result.report,
      stores: try database.masterIndex().stores.map(\.record), fingerprint: fingerprint,
      codeVersion: BuildInfo.gitCommit, trigger: registration.trigger,
      reason: registration.reason)
    candidate.runDate = runDate
    CrashPoint.hit("train.before-register")
    if reuseIdentical, let found = try registry.registered(identicalTo: candidate) {
      logger.notice(
        "already registered by an earlier run that did not finish",
        metadata: ["version": "\(found.id)"])
      return Trained(lastTrainingDay: lastDay, report: result.report, version: found)
    }
    let version = try registry.register(candidate)
    logger.notice(
      "registered",
      metadata: [
        "version": "\(version.id)", "series": "\(result.report.series)",
        "seconds": "\(result.report.totalSeconds)", "fingerprint": "\(fingerprint.sha256)",
      ])
    return Trained(lastTrainingDay: lastDay, report: result.report, version: version)
  }

  /// The training of a weekly workspace: the weekly catalog and ridge on the history read one
  /// position per week (`PeriodHistorySource`), through the week ending on `lastDate`. The set
  /// records the grain in its configuration and its last training day as that week-ending date
  /// (the registry, the ABC classes and the model card read dates); `servingFittedSet` turns it
  /// back into a week position for the engine.
  static func trainPeriods(
    source: any StoreHistorySource, grain: Grain, lastDate: Day,
    configuration: ForecastConfiguration, progress: (@Sendable (Int, Int, String) -> Void)?
  ) throws -> Trainer.Result {
    let periods = PeriodHistorySource(base: source, grain: grain)
    let trainer = StandardModels.trainer(configuration: configuration, grain: grain)
    var result = try trainer.train(
      source: periods, lastDay: periods.position(of: lastDate),
      cancellation: StopRequest.cancellation
    ) { done, total in
      progress?(done, total, "stores")
    }
    result.fittedSet.lastTrainingDay = periods.date(of: result.fittedSet.lastTrainingDay)
    return result
  }

  static func reportJSON(_ report: TrainingReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }

  /// Reads the saved fitted set and names its version from the file's bytes.
  /// - Throws: `ForecastError.noFittedSet` / `.incompatibleFittedSet`.
  static func loadServingSet(_ workspace: Workspace) throws -> ServingSet {
    let path = workspace.fittedSetPath
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ForecastError.noFittedSet(path: path)
    }
    return ServingSet(
      fittedSet: try FittedSet.decode(
        data, catalog: StandardModels.catalog(for: try workspace.grain()), path: path),
      modelVersion: FittedSetVersion.of(fittedSetBytes: data, workspace: workspace))
  }
}

/// `day`, or the last day with demand when `nil`, after checking the history reaches it: a run
/// date past the last ingested sales would read the missing days as zero demand, and one before
/// the first has nothing to forecast from.
/// - Throws: `ForecastError.noHistory` for an empty history; `PipelineError.invalidArgument`
///   naming `option` for a day after the last one with demand or before the first.
func checkedDay(_ day: Day?, source: HistoryStoreSource, option: String) throws -> Day {
  try checkedDay(
    day, lastDay: try source.lastHistoryDay(),
    firstDay: day == nil ? nil : try source.firstHistoryDay(), option: option)
}

/// `day`, or `lastDay` (the last day with demand) when `nil`; see the overload above.
func checkedDay(_ day: Day?, lastDay: Day?, firstDay: Day? = nil, option: String) throws -> Day {
  guard let last = lastDay else {
    throw ForecastError.noHistory(reason: "the workspace holds no demand; ingest history first")
  }
  guard let day else { return last }
  guard day <= last else {
    throw PipelineError.invalidArgument(
      "\(option) \(day.iso) is after the last day with demand in the workspace "
        + "(\(last.iso)); ingest that day's sales first, or give an earlier day.")
  }
  if let first = firstDay, day < first {
    throw PipelineError.invalidArgument(
      "\(option) \(day.iso) is before the first day with demand in the workspace "
        + "(\(first.iso)); there is nothing to forecast from. Give a day from \(first.iso) on.")
  }
  return day
}

/// `shelfcast forecast` and the nightly forecast: the days after the run date from the model in
/// service, as one `ChainForecast`, archived and written to `forecast.csv`.
public enum ForecastStage {
  public struct Outcome: Sendable {
    public var path: String
    /// The run date: the forecast covers the days after it.
    public var date: Day
    /// The first and last target days (week-ending dates at weekly grain).
    public var firstTargetDay: Day
    public var lastTargetDay: Day
    public var series: Int
    public var rows: Int
    public var newItems: Int
    /// The version of the fitted set that made the forecast (`ModelVersion`).
    public var modelVersion: String
    /// What the forecast archive stored.
    public var archive: HistoryDatabase.ArchiveReceipt
  }

  /// Forecasts `horizon` days (weeks at weekly grain; default: the horizon the model in service
  /// was trained for) after `date` (default: the last day with demand) from history up to
  /// `date`, archives it and writes `forecast.csv` (see `make` and `publish`).
  public static func run(
    workspace: Workspace, date: Day?, horizon: Int?, outDirectory: String?, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    let session = try WorkspaceSession(workspace: workspace)
    try session.repairServingCopy(logger: logger)
    let date = try checkedDay(date, source: try session.history(), option: "--date")
    let trained = try session.serving().fittedSet.configuration.horizonDays
    let horizon = horizon ?? trained
    let chain = try make(session: session, date: date, horizon: horizon, progress: progress)
    // A shorter look than the model's (`--horizon 3`) must not replace the night's longer
    // forecast in the archive, which recommend and monitor read.
    var keepsArchive = false
    if horizon < trained, let store = chain.stores.first?.store,
      let stored = try session.database.archivedForecast(store: store, issuedOn: date),
      stored.dayCount > horizon
    {
      keepsArchive = true
      logger.notice(
        "the archived forecast is kept",
        metadata: [
          "run_date": "\(date.iso)", "archived_periods": "\(stored.dayCount)",
          "horizon": "\(horizon)",
          "detail":
            "a shorter forecast goes to forecast.csv only; recommend and monitor read the archived one",
        ])
    }
    return try publish(
      chain, session: session, outDirectory: outDirectory, logger: logger,
      archiving: !keepsArchive)
  }

  /// The chain's forecast of the `horizon` days after `date` by the model in service, from the
  /// history up to `date`, at the set's output levels (p10, p50, p90 always among them).
  /// - Throws: `ForecastError.noFittedSet` without a model; `.invalidConfiguration` for a
  ///   horizon beyond the trained one; history errors.
  public static func make(
    session: WorkspaceSession, date: Day, horizon: Int,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil, logger: Logger? = nil
  ) throws -> ChainForecast {
    let started = ContinuousClock.now
    let serving = try session.serving()
    let modelSeconds = MonitorStage.seconds(since: started)
    let decoded = ContinuousClock.now
    let levels = serving.fittedSet.configuration.outputLevels
    let grain = try session.workspace.grain()
    try checkGrain(of: serving, workspace: session.workspace, grain: grain)
    let stores: [Forecaster.StoreForecast]
    if grain == .daily {
      stores = try Forecaster(fittedSet: serving.fittedSet).forecast(
        source: try session.history(), runDate: date, horizon: horizon, levels: levels
      ) { done, total in progress?(done, total, "stores") }
    } else {
      stores = try forecastPeriods(
        serving.fittedSet, source: try session.history(), grain: grain, date: date,
        horizon: horizon, levels: levels, progress: progress)
    }
    logger?.info(
      "forecast made",
      metadata: [
        "model_seconds": "\(modelSeconds)",
        "forecast_seconds": "\(MonitorStage.seconds(since: decoded))",
      ])
    return ChainForecast(
      runDate: date, horizonDays: horizon, levels: levels, modelVersion: serving.modelVersion,
      stores: stores, daysPerTarget: grain.daysPerPeriod)
  }

  /// Refuses a model in service trained at another grain than the workspace's (a set copied
  /// from another workspace; the decoder already refuses daily against weekly, this also
  /// another week-ending weekday).
  /// - Throws: `PipelineError.invalidArgument` naming both grains.
  static func checkGrain(of serving: ServingSet, workspace: Workspace, grain: Grain) throws {
    let trained = serving.fittedSet.configuration.grain ?? .daily
    guard trained == grain else {
      throw PipelineError.invalidArgument(
        "the model in service (\(serving.modelVersion)) was trained on a \(trained) workspace "
          + "and \(workspace.root) is \(grain); run 'shelfcast train' on this workspace first.")
    }
  }

  /// The forecast of a weekly workspace: the weeks after the week ending on `date`, from the
  /// history read one position per week; every series starts on the next week-ending date and
  /// its values are units per week.
  static func forecastPeriods(
    _ fittedSet: FittedSet, source: any StoreHistorySource, grain: Grain, date: Day,
    horizon: Int, levels: [Double], progress: (@Sendable (Int, Int, String) -> Void)?
  ) throws -> [Forecaster.StoreForecast] {
    let run = try WeeklyRun(fittedSet: fittedSet, source: source, grain: grain, date: date)
    let periods = run.periods
    var stores = try Forecaster(fittedSet: run.fittedSet).forecast(
      source: periods, runDate: run.runPosition, horizon: horizon, levels: levels
    ) { done, total in progress?(done, total, "stores") }
    for store in stores.indices {
      for series in stores[store].series.indices {
        stores[store].series[series].start = periods.date(
          of: stores[store].series[series].start)
      }
    }
    return stores
  }

  /// The chain forecast archived for run date `date`, as `recommend` and `explain` read it
  /// when they run on their own: each series `asArchived()` of the forecast that night made.
  /// - Throws: `PipelineError.invalidArgument` when nothing is archived for `date`.
  public static func archived(session: WorkspaceSession, date: Day) throws -> ChainForecast {
    try ForecastArchiving.chainForecast(
      issuedOn: date, database: session.database, stores: try session.history().stores,
      daysPerTarget: try session.workspace.grain().daysPerPeriod)
  }

  /// Archives `chain` in the workspace database (one transaction: the whole run or nothing; a
  /// re-run of the same date replaces it), then writes `outDirectory/D/forecast.csv`
  /// atomically.
  ///
  /// The archive is written first: a failure writing the file leaves the night archived but
  /// without `forecast.csv`, and running the night again replaces the archived issue.
  ///
  /// - Parameter archiving: false to write `forecast.csv` only (a shorter forecast than the one
  ///   archived for the date, which stays).
  public static func publish(
    _ chain: ChainForecast, session: WorkspaceSession, outDirectory: String?, logger: Logger,
    archiving: Bool = true
  ) throws -> Outcome {
    CrashPoint.hit("forecast.before-archive")
    let started = ContinuousClock.now
    let receipt =
      archiving
      ? try session.database.archiveForecasts(ForecastArchiving.blocks(chain))
      : .nothing
    let archiveSeconds = MonitorStage.seconds(since: started)
    let archived = ContinuousClock.now
    CrashPoint.hit("forecast.archived")
    let directory = session.workspace.nightDirectory(chain.runDate, out: outDirectory)
    try AtomicFile.makeDirectories(directory)
    let path = NightFile.forecast.path(inNightDirectory: directory)
    try AtomicFile.write(
      try ForecastFiles.forecastCSV(
        chain.stores, levels: chain.levels, daysPerTarget: chain.daysPerTarget), to: path)
    logger.info(
      "forecast published",
      metadata: [
        "archive_seconds": "\(archiveSeconds)",
        "csv_seconds": "\(MonitorStage.seconds(since: archived))",
      ])
    let series = chain.seriesCount
    logger.notice(
      "forecast written",
      metadata: [
        "path": "\(path)", "series": "\(series)", "model_version": "\(chain.modelVersion)",
        "archived_bytes": "\(receipt.payloadBytes)", "replaced_blocks": "\(receipt.replaced)",
      ])
    return Outcome(
      path: path, date: chain.runDate, firstTargetDay: chain.firstTargetDay,
      lastTargetDay: chain.targetDay(atOffset: chain.horizonDays - 1), series: series,
      rows: series * chain.horizonDays,
      newItems: chain.newItemCount, modelVersion: chain.modelVersion, archive: receipt)
  }
}
