import DemandCore
import Forecasting
import Foundation
import Ingest
import Logging
import Models
import Monitoring
import Registry
import Tabular

/// A stage of the night, as the manifest and `metrics.prom` name it.
public enum NightStageName: String, Sendable, CaseIterable {
  case ingest, retrain, shadow, forecast, recommend, explain, monitor
}

/// One night's state as its stages run: sequences the stages and hands each the values the
/// ones before it made (the session, the ingest report, the chain forecast, the orders).
struct Night {
  let context: NightlyStage.Context
  let session: WorkspaceSession
  let runDate: Day
  let served: ServedModel
  let started = ContinuousClock.now
  let startedAt: Date
  var stages: [NightlyManifest.Stage] = []
  var metrics = RunMetrics()
  var alerts: [Alert] = []
  var outputs: [String] = []
  var ingest: IngestReport?
  var retraining: NightlyManifest.Retraining?
  /// The shadow run the night scored, if one is active.
  var shadow: ShadowStanding?

  init(context: NightlyStage.Context, session: WorkspaceSession, runDate: Day, served: ServedModel)
  {
    self.context = context
    self.session = session
    self.runDate = runDate
    self.served = served
    startedAt = context.now()
    metrics.runDateTimestampSeconds = Double(runDate.daysSinceEpoch) * 86_400
  }

  var workspace: Workspace { context.workspace }
  var configuration: NightlyConfiguration { context.configuration }
  var logger: Logger { context.logger }

  /// Progress lines named after the stage that draws them.
  func progress(_ stage: NightStageName) -> (@Sendable (Int, Int, String) -> Void)? {
    guard let report = context.progress else { return nil }
    return { done, total, unit in report(done, total, "\(stage.rawValue): \(unit)") }
  }

  /// Runs `body` as the stage `name`, recording its duration.
  /// - Throws: `PipelineError.interrupted` when a stop was requested before the stage began
  ///   (`StopRequest`): the stages before it are done, it and the rest are not; what `body`
  ///   throws.
  ///   A stop requested inside the stage's long loops (the retrain stage's trainings) drops
  ///   the computation under way: `PipelineError.interrupted` naming the stage, which is then
  ///   not among the stages done.
  mutating func stage<T>(_ name: NightStageName, _ body: (inout Night) throws -> T) throws -> T {
    let done =
      stages.isEmpty ? "nothing of the night" : stages.map(\.name).joined(separator: ", ")
    let resume =
      "the next 'shelfcast nightly --date \(runDate.iso)' runs the night again and "
      + "finds what is done (ingested files, a registered candidate) instead of redoing it"
    try StopRequest.checkpoint(
      next: "the \(name.rawValue) stage of the night of \(runDate.iso)", done: done,
      resume: resume)
    let start = ContinuousClock.now
    var stopped = false
    defer {
      if !stopped {
        let seconds = MonitorStage.seconds(since: start)
        stages.append(.init(name: name.rawValue, seconds: seconds))
        metrics.stageDurationSeconds[name.rawValue] = seconds
      }
    }
    logger.info("stage", metadata: ["stage": "\(name.rawValue)", "run_date": "\(runDate.iso)"])
    do {
      return try StopRequest.during(
        "the \(name.rawValue) stage of the night of \(runDate.iso)", done: done,
        resume: resume
      ) { try body(&self) }
    } catch PipelineError.interrupted(let signal, let summary) {
      stopped = true
      throw PipelineError.interrupted(signal: signal, summary: summary)
    }
  }

  mutating func run() throws -> NightlyStage.Outcome {
    logger.notice("night started", metadata: ["run_date": "\(runDate.iso)"])
    CrashPoint.hit("nightly.started")
    removeStrayTemporaryFiles()
    try session.repairServingCopy(logger: logger)
    try recordConfiguration()
    CrashPoint.hit("nightly.configuration-recorded")
    let report = try stage(.ingest) { night in try night.ingestInbox() }
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
    let coverage = try session.database.coverage(of: runDate)
    alerts += InputCoverage(coverage, expected: configuration.expectedInputs).alerts
    guard coverage.storesWithSales > 0 else {
      return try finishWithoutSales()
    }
    try stage(.retrain) { night in try night.retrainIfTriggered() }
    CrashPoint.hit("nightly.retrain-done")
    let run = try activeShadowRun()
    let ended = run == nil ? try endedShadowStanding() : nil
    if run != nil || ended != nil,
      let standing = try stage(
        .shadow, { night in try run.map { try night.scoreShadow($0) } ?? ended })
    {
      metrics.shadow = RunMetrics.ShadowMetrics(
        championVersion: standing.champion, shadowVersion: standing.shadow,
        championWAPE: standing.championWAPE, shadowWAPE: standing.shadowWAPE,
        nightsScored: standing.nightsScored)
      shadow = standing
    }
    CrashPoint.hit("nightly.shadow-done")
    let (chain, forecast) = try stage(.forecast) { night in
      let chain = try ForecastStage.make(
        session: night.session, date: night.runDate,
        horizon: night.configuration.training.horizonDays,
        progress: night.progress(.forecast), logger: night.logger)
      return (
        chain,
        try ForecastStage.publish(
          chain, session: night.session, outDirectory: nil, logger: night.logger)
      )
    }
    CrashPoint.hit("nightly.forecast-done")
    outputs.append(forecast.path)
    metrics.seriesForecast = forecast.series
    let recommend = try stage(.recommend) { night in
      try RecommendStage.recommend(
        chain, session: night.session, settings: night.configuration.inventory,
        outDirectory: nil, logger: night.logger)
    }
    CrashPoint.hit("nightly.recommend-done")
    outputs += [recommend.recommendationsPath, recommend.summaryPath]
    try stage(.explain) { night in try night.explain(chain, items: recommend.topByOrderValue) }
    CrashPoint.hit("nightly.explain-done")
    if let alert = AlertRules.timeBudget(
      seconds: MonitorStage.seconds(since: started),
      budgetSeconds: configuration.timeBudgetMinutes * 60)
    {
      alerts.append(alert)
    }
    metrics.runDurationSeconds = MonitorStage.seconds(since: started)
    let monitor = try stage(.monitor) { night in
      try MonitorStage.run(
        workspace: night.workspace, date: night.runDate,
        settings: night.configuration.monitoring, drift: night.configuration.drift,
        outDirectory: nil, logger: night.logger, additionalAlerts: night.alerts,
        baseMetrics: night.metrics, now: night.context.now, session: night.session,
        modelLife: ModelLifeReport.make(
          registry: night.session.registry, through: night.runDate, tonight: night.retraining,
          logger: night.logger))
    }
    CrashPoint.hit("nightly.monitor-done")
    outputs += [
      monitor.accuracy.forecastVsActualPath, monitor.accuracy.summaryPath,
      monitor.alertsCSVPath, monitor.alertsJSONPath, monitor.reportPath, monitor.metricsPath,
    ]
    push(monitor.metrics)
    let drift = NightFile.drift.path(inNightDirectory: monitor.accuracy.directory)
    if FileManager.default.fileExists(atPath: drift) {
      outputs.append(drift)
    }
    if configuration.csvByteOrderMark {
      try CSVByteOrderMark.prepend(toCSVFilesAmong: outputs)
    }
    let status: ExitStatus =
      report.hasRejectedFiles
      ? .inputRefused : configuration.failsOn(monitor.alerts) ? .alertsRaised : .success
    let outcome: NightlyManifest.Outcome = report.hasRejectedFiles ? .inputRefused : .completed
    let manifest = try finish(
      outcome: outcome, status: status, modelVersion: chain.modelVersion,
      alerts: monitor.alerts, error: nil)
    CrashPoint.hit("nightly.before-night-record")
    try recordNight(outcome, manifest: manifest, modelVersion: chain.modelVersion, monitor: monitor)
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
    if !FileManager.default.fileExists(atPath: inbox) {
      // Said, since the night will then miss its sales: a wrong `inbox` setting, or a deleted
      // folder, should not send anyone chasing the point-of-sale export.
      logger.warning(
        "the inbox folder did not exist; created empty",
        metadata: ["inbox": "\(inbox)", "setting": "inbox (\(configuration.inbox))"])
    }
    try AtomicFile.makeDirectories(inbox)
    // Rows dated after the run date are accepted up to today: a catch-up's later files, or an
    // export that arrived early, belong to the nights after this one.
    let today = Clock.today()
    let report = try IngestStage.run(
      workspace: workspace, paths: [inbox], asOf: max(runDate, today),
      maximumRejectShare: configuration.maxRejectShare, runDate: runDate, logger: logger,
      clock: context.now, progress: progress(.ingest), session: session)
    // A file that failed whole (unrecognised, unreadable) is named in the log, not only in the
    // manifest: the exit code says a file failed, this says which and why.
    for file in report.files where file.outcome == .failed {
      logger.error(
        "an inbox file failed; nothing of it was stored",
        metadata: ["file": "\(file.path)", "reason": "\(file.message ?? "")"])
    }
    return report
  }

  /// Removes the temporary files (`.<name>.tmp-<pid>`) that runs killed while writing left in
  /// the workspace's output folders, so no half-written file stays beside the outputs.
  func removeStrayTemporaryFiles() {
    let removed = workspace.removeStrayTemporaryFiles()
    if removed > 0 {
      logger.notice(
        "removed temporary files left by a run that was killed", metadata: ["files": "\(removed)"])
    }
  }

  /// `explain.csv` and `explain_models.csv` for the items with the largest orders, from the night's forecast. A fitted
  /// set that cannot be explained (saved before training means were kept) is a warning, not a
  /// failed night.
  mutating func explain(_ chain: ChainForecast, items: [SeriesKey]) throws {
    guard configuration.explainItems > 0 else { return }
    do {
      outputs.append(
        contentsOf: try ExplainStage.writeTopItems(
          chain, items: Array(items.prefix(configuration.explainItems)), session: session,
          outDirectory: nil))
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
}
