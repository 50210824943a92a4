import DemandCore
import Foundation
import Monitoring
import Registry
import Tabular
import _BuildInfo

extension Night {
  /// No sales for the run date: publish the alerts and a failed-run metrics file, write the
  /// manifest, and leave the date unfinished (a catch-up runs it again).
  mutating func finishWithoutSales() throws -> NightlyStage.Outcome {
    try AtomicFile.makeDirectories(workspace.nightDirectory(runDate))
    let ordered = Alert.inReportOrder(alerts)
    let csv = workspace.path(of: .alertsCSV, night: runDate)
    let json = workspace.path(of: .alertsJSON, night: runDate)
    try AtomicFile.write(AlertFiles.csv(ordered), to: csv)
    try AtomicFile.write(AlertFiles.json(ordered), to: json)
    outputs += [csv, json]
    metrics.lastRunSucceeded = false
    let metricsPath = workspace.metricsPath()
    metrics.lastSuccessTimestampSeconds = MonitorStage.previousLastSuccess(metricsPath)
    metrics.countAlerts(ordered)
    try MetricsFile.write(metrics, to: metricsPath)
    let manifest = try finish(
      outcome: .inputMissing, status: .inputMissing,
      modelVersion: try? session.serving().modelVersion, alerts: ordered,
      error: "no sales for \(runDate.iso) in the workspace after ingesting the inbox")
    logger.error(
      "the run date's sales have not arrived; nothing was forecast",
      metadata: ["run_date": "\(runDate.iso)", "inbox": "\(configuration.inbox)"])
    return NightlyStage.Outcome(
      runDate: runDate, status: .inputMissing, manifest: manifest, manifestPath: manifestPath,
      ordersLines: 0, orderValue: 0, seriesForecast: 0, chainWAPE: nil, retraining: nil,
      seconds: MonitorStage.seconds(since: started))
  }

  var manifestPath: String { workspace.nightlyManifestPath(runDate) }

  /// Writes the manifest.
  func finish(
    outcome: NightlyManifest.Outcome, status: ExitStatus, modelVersion: String?,
    alerts: [Alert], error: String?
  ) throws -> NightlyManifest {
    // Files already ingested by an earlier night are left out: the manifest lists what this
    // night took in.
    let files = (ingest?.files ?? []).filter { $0.outcome != .alreadyIngested }
    let root = workspace.root + "/"
    let manifest = NightlyManifest(
      runDate: runDate, startedAt: Self.timestamp(startedAt),
      finishedAt: Self.timestamp(context.now()), outcome: outcome, exitCode: status.rawValue,
      codeVersion: BuildInfo.gitCommit, configurationPath: context.configurationPath,
      configurationSHA256: ConfigurationFile.sha256(of: configuration),
      modelVersion: modelVersion, inputs: files, rows: NightlyManifest.Rows(files: files),
      stages: stages, retraining: retraining, shadow: shadow,
      alertsCritical: alerts.filter { $0.severity == .critical }.count,
      alertsWarning: alerts.filter { $0.severity == .warning }.count,
      outputs: outputs.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 },
      error: error)
    try AtomicFile.makeDirectories(workspace.manifestDirectory)
    CrashPoint.hit("nightly.before-manifest")
    try AtomicFile.write(try manifest.json(), to: manifestPath)
    return manifest
  }

  /// The `night` record that marks the date done, with what the next nights' triggers read.
  func recordNight(
    _ outcome: NightlyManifest.Outcome, manifest: NightlyManifest, modelVersion: String,
    monitor: MonitorStage.Outcome
  ) throws {
    let driftAlerts = monitor.alerts.filter { $0.kind == .drift }
    try NightLog(database: session.registry.database).record(
      NightRecord(
        runDate: runDate, outcome: outcome == .inputRefused ? .inputRefused : .completed,
        modelVersion: modelVersion, retrainTrigger: retraining?.trigger,
        retrainVersion: retraining?.candidate, retrainDecision: retraining?.decision,
        driftCritical: driftAlerts.filter { $0.severity == .critical }.count,
        driftWarning: driftAlerts.filter { $0.severity == .warning }.count,
        accuracyDegraded: monitor.alerts.filter { $0.kind == .accuracyDegraded }.count,
        alertsCritical: manifest.alertsCritical, alertsWarning: manifest.alertsWarning,
        manifest: manifestPath, startedAt: manifest.startedAt, finishedAt: manifest.finishedAt))
  }

  /// Best effort after a stage threw: the metrics file says the run failed.
  func recordFailure(_ error: Error) {
    var failed = metrics
    failed.lastRunSucceeded = false
    let metricsPath = workspace.metricsPath()
    failed.lastSuccessTimestampSeconds = MonitorStage.previousLastSuccess(metricsPath)
    do { try MetricsFile.write(failed, to: metricsPath) } catch let writeError {
      logger.error(
        "could not write the failed night's metrics",
        metadata: ["path": "\(metricsPath)", "error": "\(writeError)"])
    }
    logger.error("night failed", metadata: ["run_date": "\(runDate.iso)", "error": "\(error)"])
  }

  /// Best effort after a stop request ended the night between two stages: the metrics file
  /// says the run did not succeed, and the manifest records the stages done with the outcome
  /// `interrupted` (and the exit code 130 or 143). No `night` record: the date is unfinished.
  func recordInterruption(_ signal: StopSignal, summary: String) {
    recordFailure(PipelineError.interrupted(signal: signal, summary: summary))
    do {
      _ = try finish(
        outcome: .interrupted, status: signal == .interrupt ? .interrupted : .terminated,
        modelVersion: try? session.serving().modelVersion, alerts: alerts,
        error: "\(signal.name): \(summary)")
    } catch {
      logger.error(
        "could not write the interrupted night's manifest",
        metadata: ["path": "\(manifestPath)", "error": "\(error)"])
    }
  }

  /// Appends a `config_change` audit entry when the effective configuration differs from the
  /// last one recorded.
  func recordConfiguration() throws {
    let audit = session.registry.audit
    let hash = ConfigurationFile.sha256(of: configuration)
    if let last = try audit.lastEntry(.configurationChange), last.details.contains(hash) {
      return
    }
    try audit.append(
      .configurationChange, subject: context.configurationPath ?? "(defaults)",
      details: ["sha256": hash, "effective": ConfigurationFile.effectiveYAMLOrEmpty(configuration)])
    logger.notice("configuration recorded", metadata: ["sha256": "\(hash)"])
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
