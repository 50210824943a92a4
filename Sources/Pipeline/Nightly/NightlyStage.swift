import Crypto
import DemandCore
import Forecasting
import Foundation
import History
import Ingest
import Logging
import Models
import Monitoring
import Registry
import Tabular
import _BuildInfo

/// `shelfcast nightly`: one night of the chain's batch, end to end.
///
/// 1. ingest every new file of the inbox (already ingested ones are recognised and skipped);
/// 2. check the run date's sales (and stock) arrived: without any sales the night stops with
///    `inputMissing` after publishing its alert;
/// 3. retrain when a trigger fires (`RetrainTriggers`, `RetrainStage`); a failed retraining is
///    logged and recorded, and the champion forecasts as before;
/// 4. forecast with the champion, archive the forecast; 5. recommendations; 6. explanations;
/// 7. monitoring: accuracy, drift, alerts (with the night's input, rejection and time-budget
///    alerts), `report.html`, `metrics.prom` (every stage's duration);
/// 8. the run manifest, then the `night` record that marks the date done.
///
/// Every file is written to a temporary name and renamed; a night killed at any point leaves
/// the earlier nights' outputs intact and is completed by running it again (ingest and
/// archiving are idempotent, a registered candidate is found again). The caller holds the
/// workspace's `RunLock`.
public enum NightlyStage {
  /// How one night ended, for the one-line summary and the exit code.
  public struct Outcome: Sendable {
    public var runDate: Day
    public var status: ExitStatus
    public var manifest: NightlyManifest
    public var manifestPath: String
    public var ordersLines: Int
    public var orderValue: Double
    public var seriesForecast: Int
    /// The chain's WAPE over the monitoring window (a ratio), when anything was scored.
    public var chainWAPE: Double?
    public var retraining: NightlyManifest.Retraining?
    public var seconds: Double
  }

  /// What the night is run with.
  public struct Context: Sendable {
    public var workspace: Workspace
    public var configuration: NightlyConfiguration
    public var configurationPath: String?
    public var logger: Logger
    public var progress: (@Sendable (Int, Int, String) -> Void)?
    /// The wall clock (manifest times, the last-success metric).
    public var now: @Sendable () -> Date

    public init(
      workspace: Workspace, configuration: NightlyConfiguration, configurationPath: String?,
      logger: Logger, progress: (@Sendable (Int, Int, String) -> Void)? = nil,
      now: @escaping @Sendable () -> Date = { Date() }
    ) {
      self.workspace = workspace
      self.configuration = configuration
      self.configurationPath = configurationPath
      self.logger = logger
      self.progress = progress
      self.now = now
    }
  }

  /// The run dates `--catch-up` runs for `date`: every day after the last finished night up to
  /// `date`, oldest first; just `date` when no night has finished before it.
  public static func catchUpDates(workspace: Workspace, through date: Day) throws -> [Day] {
    let nights = NightLog(database: try workspace.openRegistry().database)
    guard let last = try nights.last(before: date) else { return [date] }
    return (1...last.runDate.days(to: date)).map { last.runDate.adding(days: $0) }
  }

  /// Runs the night of `runDate`.
  /// - Throws: what a stage throws that the night cannot go on without (database, disk,
  ///   configuration); the metrics file then says the run failed. On a full disk, a
  ///   `PipelineError.workspaceUnusable` saying so (`DiskSpace.explained`).
  public static func run(_ context: Context, runDate: Day) throws -> Outcome {
    var night = Night(context: context, runDate: runDate)
    do {
      return try night.run()
    } catch {
      night.recordFailure(error)
      throw DiskSpace.explained(error, workspace: context.workspace)
    }
  }
}

/// One night's state as its stages run.
struct Night {
  let context: NightlyStage.Context
  let runDate: Day
  let started = ContinuousClock.now
  let startedAt: Date
  var stages: [NightlyManifest.Stage] = []
  var metrics = RunMetrics()
  var alerts: [Alert] = []
  var outputs: [String] = []
  var ingest: IngestReport?
  var retraining: NightlyManifest.Retraining?

  init(context: NightlyStage.Context, runDate: Day) {
    self.context = context
    self.runDate = runDate
    startedAt = context.now()
  }

  var workspace: Workspace { context.workspace }
  var configuration: NightlyConfiguration { context.configuration }
  var logger: Logger { context.logger }

  /// Runs `body` as the stage `name`, recording its duration.
  mutating func stage<T>(_ name: String, _ body: (inout Night) throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    defer {
      let seconds = MonitorStage.seconds(since: start)
      stages.append(.init(name: name, seconds: seconds))
      metrics.stageDurationSeconds[name] = seconds
    }
    logger.info("stage", metadata: ["stage": "\(name)", "run_date": "\(runDate.iso)"])
    return try body(&self)
  }

  mutating func run() throws -> NightlyStage.Outcome {
    logger.notice("night started", metadata: ["run_date": "\(runDate.iso)"])
    CrashPoint.hit("nightly.started")
    removeStrayTemporaryFiles()
    try recordConfiguration()
    CrashPoint.hit("nightly.configuration-recorded")
    let report = try stage("ingest") { night in try night.ingestInbox() }
    CrashPoint.hit("nightly.ingested")
    ingest = report
    metrics.rowsIngested = report.rowsStored
    metrics.rowsQuarantined = report.rowsQuarantined
    if let alert = AlertRules.ingestRejections(
      rejected: report.rowsQuarantined, total: report.rowsRead,
      maxShare: configuration.rejectWarningShare)
    {
      alerts.append(alert)
    }
    let coverage = try workspace.openDatabase().coverage(of: runDate)
    alerts += inputAlerts(coverage)
    guard coverage.storesWithSales > 0 else {
      return try finishWithoutSales()
    }
    try stage("retrain") { night in try night.retrainIfTriggered() }
    CrashPoint.hit("nightly.retrain-done")
    let forecast = try stage("forecast") { night in
      try ForecastStage.run(
        workspace: night.workspace, date: night.runDate,
        horizon: night.configuration.training.horizonDays, outDirectory: nil,
        logger: night.logger, progress: night.context.progress)
    }
    CrashPoint.hit("nightly.forecast-done")
    outputs.append(forecast.path)
    metrics.seriesForecast = forecast.series
    let recommend = try stage("recommend") { night in
      try RecommendStage.run(
        workspace: night.workspace, date: night.runDate, outDirectory: nil,
        settings: night.configuration.inventory, logger: night.logger,
        progress: night.context.progress)
    }
    CrashPoint.hit("nightly.recommend-done")
    outputs += [recommend.recommendationsPath, recommend.summaryPath]
    try stage("explain") { night in try night.explain(recommend.topByOrderValue) }
    CrashPoint.hit("nightly.explain-done")
    if let alert = AlertRules.timeBudget(
      seconds: MonitorStage.seconds(since: started),
      budgetSeconds: configuration.timeBudgetMinutes * 60)
    {
      alerts.append(alert)
    }
    metrics.runDurationSeconds = MonitorStage.seconds(since: started)
    let monitor = try stage("monitor") { night in
      try MonitorStage.run(
        workspace: night.workspace, date: night.runDate,
        settings: night.configuration.monitoring, drift: night.configuration.drift,
        outDirectory: nil, logger: night.logger, additionalAlerts: night.alerts,
        baseMetrics: night.metrics, now: night.context.now)
    }
    CrashPoint.hit("nightly.monitor-done")
    outputs += [
      monitor.accuracy.forecastVsActualPath, monitor.accuracy.summaryPath,
      monitor.alertsCSVPath, monitor.alertsJSONPath, monitor.reportPath, monitor.metricsPath,
    ]
    push(monitor.metrics)
    if FileManager.default.fileExists(atPath: monitor.accuracy.directory + "/drift.csv") {
      outputs.append(monitor.accuracy.directory + "/drift.csv")
    }
    var status = ExitStatus.success
    if report.hasRejectedFiles {
      status = .inputRefused
    } else if let level = configuration.failLevel, monitor.reaches(level) {
      status = .alertsRaised
    }
    let manifest = try finish(
      outcome: report.hasRejectedFiles ? "input_refused" : "completed", status: status,
      modelVersion: forecast.modelVersion, alerts: monitor.alerts, error: nil)
    let driftAlerts = monitor.alerts.filter { $0.kind == .drift }
    CrashPoint.hit("nightly.before-night-record")
    try NightLog(database: try workspace.openRegistry().database).record(
      NightRecord(
        runDate: runDate, outcome: report.hasRejectedFiles ? .inputRefused : .completed,
        modelVersion: forecast.modelVersion, retrainTrigger: retraining?.trigger,
        retrainVersion: retraining?.candidate, retrainDecision: retraining?.decision,
        driftCritical: driftAlerts.filter { $0.severity == .critical }.count,
        driftWarning: driftAlerts.filter { $0.severity == .warning }.count,
        accuracyDegraded: monitor.alerts.filter { $0.kind == .accuracyDegraded }.count,
        alertsCritical: manifest.alertsCritical, alertsWarning: manifest.alertsWarning,
        manifest: manifestPath, startedAt: manifest.startedAt, finishedAt: manifest.finishedAt))
    CrashPoint.hit("nightly.night-recorded")
    logger.notice(
      "night finished",
      metadata: [
        "run_date": "\(runDate.iso)", "status": "\(status)",
        "seconds": "\(MonitorStage.seconds(since: started))",
      ])
    return NightlyStage.Outcome(
      runDate: runDate, status: status, manifest: manifest, manifestPath: manifestPath,
      ordersLines: recommend.orderLines, orderValue: recommend.orderValue,
      seriesForecast: forecast.series,
      chainWAPE: monitor.accuracy.summary.chain.points > 0
        ? monitor.accuracy.summary.chain.wape : nil,
      retraining: retraining, seconds: MonitorStage.seconds(since: started))
  }

  // MARK: - Stages

  mutating func ingestInbox() throws -> IngestReport {
    let inbox = try workspace.pathInside(configuration.inbox, setting: "inbox")
    try AtomicFile.makeDirectories(inbox)
    // Rows dated after the run date are accepted up to today: a catch-up's later files, or an
    // export that arrived early, belong to the nights after this one.
    let today = Clock.today()
    return try IngestStage.run(
      workspace: workspace, paths: [inbox], asOf: max(runDate, today),
      maximumRejectShare: configuration.maxRejectShare, runDate: runDate, logger: logger,
      clock: context.now, progress: context.progress)
  }

  /// Removes the temporary files (`.<name>.tmp-<pid>`) that runs killed while writing left in
  /// the workspace's output folders, so no half-written file stays beside the outputs.
  func removeStrayTemporaryFiles() {
    let folders = [
      workspace.reportDirectory, workspace.manifestDirectory, workspace.modelDirectory,
      workspace.quarantineDirectory,
    ]
    let removed = folders.reduce(0) { $0 + AtomicFile.removeStrayTemporaries(under: $1) }
    if removed > 0 {
      logger.notice(
        "removed temporary files left by a run that was killed", metadata: ["files": "\(removed)"])
    }
  }

  /// `explain.csv` for the items with the largest orders. A fitted set that cannot be explained
  /// (saved before training means were kept) is a warning, not a failed night.
  mutating func explain(_ items: [SeriesKey]) throws {
    guard configuration.explainItems > 0 else { return }
    do {
      outputs.append(
        try ExplainStage.writeTopItems(
          workspace: workspace, date: runDate,
          items: Array(items.prefix(configuration.explainItems)), outDirectory: nil))
    } catch let error as RidgeError {
      logger.warning("no explanations written", metadata: ["reason": "\(error)"])
    }
  }

  /// Pushes the metrics to the configured Pushgateway; a failed push is a warning (the metrics
  /// file is written either way).
  func push(_ metrics: RunMetrics) {
    guard let url = configuration.pushgatewayURL else { return }
    do {
      try PushGateway(url: url).push(metrics)
      logger.info("metrics pushed", metadata: ["url": "\(url)"])
    } catch {
      logger.warning("metrics push failed", metadata: ["url": "\(url)", "error": "\(error)"])
    }
  }

  func inputAlerts(_ coverage: DayCoverage) -> [Alert] {
    var alerts: [Alert] = []
    let expected = Set(configuration.expectedInputs)
    func check(_ kind: String, present: Int, required: Bool) {
      guard expected.contains(kind), present < coverage.openStores else { return }
      let segment =
        "\(kind) for \(runDate.iso): \(present) of \(coverage.openStores) open stores"
      if let alert = AlertRules.inputMissing(
        path: segment, isPresent: false, isRequired: required && present == 0)
      {
        alerts.append(alert)
      }
    }
    check("sales", present: coverage.storesWithSales, required: true)
    check("inventory", present: coverage.storesWithStock, required: false)
    return alerts
  }

  mutating func retrainIfTriggered() throws {
    let registry = try workspace.openRegistry()
    let nights = NightLog(database: registry.database)
    // The new-series count reads every store's last 28 days and the champion's fitted set: only
    // when its trigger is on.
    let (known, active) =
      configuration.retraining.newSeriesShare > 0 ? try seriesKnownToChampion() : (0, 0)
    let inputs = TriggerInputs(
      runDate: runDate, previousNight: try nights.last(before: runDate),
      lastRetrainDay: try registry.lastRetrain(onOrBefore: runDate.adding(days: -1))?.runDate,
      fittableSeries: active, seriesUnknownToChampion: active - known)
    let earlier = try registry.version(registeredOn: runDate)
    var firing =
      earlier.map { TriggerFiring(trigger: $0.trigger, reason: $0.reason) }
      ?? RetrainTriggers.evaluate(inputs, settings: configuration.retraining)
    if firing == nil, try registry.champion() == nil {
      firing = TriggerFiring(trigger: .firstModel, reason: "no model in service yet")
    }
    guard let firing else { return }
    logger.notice(
      "retraining", metadata: ["trigger": "\(firing.trigger)", "reason": "\(firing.reason)"])
    do {
      let outcome = try RetrainStage.run(
        workspace: workspace, runDate: runDate, firing: firing,
        training: try configuration.training.forecastConfiguration(),
        settings: configuration.retraining, logger: logger, progress: context.progress)
      retraining = NightlyManifest.Retraining(
        trigger: firing.trigger.rawValue, reason: firing.reason, candidate: outcome.version?.id,
        decision: outcome.decision.kind.rawValue,
        decisionReason: outcome.decisionReason, comparison: outcome.comparison, error: nil)
    } catch {
      logger.error(
        "retraining failed; the champion stays in service", metadata: ["error": "\(error)"])
      retraining = NightlyManifest.Retraining(
        trigger: firing.trigger.rawValue, reason: firing.reason,
        candidate: try? registry.version(registeredOn: runDate)?.id,
        decision: RetrainDecision.Kind.failed.rawValue,
        decisionReason: "the retraining failed; the champion stays in service",
        comparison: nil, error: "\(error)")
    }
  }

  /// Series with sales in the 28 days up to the run date, and how many of them the champion has
  /// a fit for.
  func seriesKnownToChampion() throws -> (known: Int, active: Int) {
    guard let champion = try workspace.openRegistry().champion() else { return (0, 0) }
    let fittedSet = try workspace.openRegistry().loadFittedSet(champion.id)
    let fitted = Set(fittedSet.series.map(\.key))
    let source = try HistoryStoreSource(database: try workspace.openDatabase())
    var known = 0
    var active = 0
    for store in source.stores {
      let panel = try source.history(of: store, from: runDate.adding(days: -27), through: runDate)
        .panel
      for (index, key) in panel.keys.enumerated()
      where panel.series(index).contains(where: { $0 > 0 }) {
        active += 1
        if fitted.contains(key) { known += 1 }
      }
    }
    return (known, active)
  }

  // MARK: - Endings

  /// No sales for the run date: publish the alerts and a failed-run metrics file, write the
  /// manifest, and leave the date unfinished (a catch-up runs it again).
  mutating func finishWithoutSales() throws -> NightlyStage.Outcome {
    let directory = workspace.reportDirectory + "/" + runDate.iso
    try AtomicFile.makeDirectories(directory)
    let ordered = Alert.inReportOrder(alerts)
    try AtomicFile.write(AlertFiles.csv(ordered), to: directory + "/alerts.csv")
    try AtomicFile.write(AlertFiles.json(ordered), to: directory + "/alerts.json")
    outputs += [directory + "/alerts.csv", directory + "/alerts.json"]
    metrics.lastRunSucceeded = false
    let metricsPath = workspace.reportDirectory + "/metrics.prom"
    metrics.lastSuccessTimestampSeconds = MonitorStage.previousLastSuccess(metricsPath)
    metrics.countAlerts(ordered)
    try MetricsFile.write(metrics, to: metricsPath)
    let manifest = try finish(
      outcome: "input_missing", status: .inputMissing,
      modelVersion: MonitorStage.servingModelVersion(workspace), alerts: ordered,
      error: "no sales for \(runDate.iso) in the workspace after ingesting the inbox")
    logger.error(
      "the run date's sales have not arrived; nothing was forecast",
      metadata: ["run_date": "\(runDate.iso)", "inbox": "\(configuration.inbox)"])
    return NightlyStage.Outcome(
      runDate: runDate, status: .inputMissing, manifest: manifest, manifestPath: manifestPath,
      ordersLines: 0, orderValue: 0, seriesForecast: 0, chainWAPE: nil, retraining: nil,
      seconds: MonitorStage.seconds(since: started))
  }

  var manifestPath: String { workspace.manifestDirectory + "/nightly-\(runDate.iso).json" }

  /// Writes the manifest.
  func finish(
    outcome: String, status: ExitStatus, modelVersion: String?, alerts: [Alert], error: String?
  ) throws -> NightlyManifest {
    // Files already ingested by an earlier night are left out: the manifest lists what this
    // night took in.
    let files = (ingest?.files ?? []).filter { $0.outcome != .alreadyIngested }
    let rows = NightlyManifest.Rows(
      read: files.reduce(0) { $0 + $1.rowsRead }, stored: files.reduce(0) { $0 + $1.rowsStored },
      quarantined: files.reduce(0) { $0 + $1.rowsQuarantined },
      duplicate: files.reduce(0) { $0 + $1.rowsDuplicate },
      reconcile: files.allSatisfy(\.reconciles))
    let root = workspace.root + "/"
    let manifest = NightlyManifest(
      runDate: runDate, startedAt: Self.timestamp(startedAt),
      finishedAt: Self.timestamp(context.now()), outcome: outcome, exitCode: status.rawValue,
      codeVersion: BuildInfo.gitCommit, configurationPath: context.configurationPath,
      configurationSHA256: configurationHash, modelVersion: modelVersion, inputs: files,
      rows: rows, stages: stages, retraining: retraining,
      alertsCritical: alerts.filter { $0.severity == .critical }.count,
      alertsWarning: alerts.filter { $0.severity == .warning }.count,
      outputs: outputs.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 },
      error: error)
    try AtomicFile.makeDirectories(workspace.manifestDirectory)
    CrashPoint.hit("nightly.before-manifest")
    try AtomicFile.write(try manifest.json(), to: manifestPath)
    return manifest
  }

  /// Best effort after a stage threw: the metrics file says the run failed.
  func recordFailure(_ error: Error) {
    var failed = metrics
    failed.lastRunSucceeded = false
    let metricsPath = workspace.reportDirectory + "/metrics.prom"
    failed.lastSuccessTimestampSeconds = MonitorStage.previousLastSuccess(metricsPath)
    do { try MetricsFile.write(failed, to: metricsPath) } catch let writeError {
      logger.error(
        "could not write the failed night's metrics",
        metadata: ["path": "\(metricsPath)", "error": "\(writeError)"])
    }
    logger.error("night failed", metadata: ["run_date": "\(runDate.iso)", "error": "\(error)"])
  }

  // MARK: - Configuration

  var configurationYAML: String {
    (try? ConfigurationFile.effectiveYAML(configuration)) ?? ""
  }

  var configurationHash: String {
    SHA256.hash(data: Data(configurationYAML.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Appends a `config_change` audit entry when the effective configuration differs from the
  /// last one recorded.
  func recordConfiguration() throws {
    let audit = try workspace.openRegistry().audit
    let hash = configurationHash
    if let last = try audit.lastEntry(.configurationChange), last.details.contains(hash) {
      return
    }
    try audit.append(
      .configurationChange, subject: context.configurationPath ?? "(defaults)",
      details: ["sha256": hash, "effective": configurationYAML])
    logger.notice("configuration recorded", metadata: ["sha256": "\(hash)"])
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
