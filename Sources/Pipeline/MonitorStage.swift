import DemandCore
import Forecasting
import Foundation
import History
import Logging
import Monitoring
import Reports
import Tabular
import _Parallel

/// `shelfcast monitor`: the archived forecasts against the actuals that have arrived since, the
/// alerts they raise, and the run's metrics.
///
/// The run has two steps, so that more checks (drift) can sit between them:
/// 1. `measureAccuracy` writes `OUT/D/forecast_vs_actual.csv` and `accuracy_summary.csv` and
///    returns its alerts and metrics;
/// 2. `publish` writes `OUT/D/alerts.csv`, `alerts.json` and `OUT/metrics.prom` from every
///    step's alerts and metrics.
/// `run` does both, with any `additionalAlerts` added in step 2.
public enum MonitorStage {
  /// What the accuracy step measured and wrote.
  public struct Accuracy: Sendable {
    /// The run date D.
    public var date: Day
    /// The days of actuals scored: the `windowDays` days ending on D.
    public var window: ClosedRange<Day>
    /// `OUT/D`.
    public var directory: String
    public var forecastVsActualPath: String
    public var summaryPath: String
    /// Forecasts joined with an actual, censored ones included (`forecast_vs_actual.csv` holds
    /// those at `detail_horizons`).
    public var rows: Int
    /// Series with at least one row.
    public var seriesMonitored: Int
    public var summary: AccuracySummary
    /// The lines of `accuracy_summary.csv`, regions and store formats judged.
    public var lines: [AccuracySummaryLine]
    /// The backtest WAPE of the fitted set in service (from its training report), if known.
    public var backtestWAPE: Double?
    /// The version of the fitted set in service, if there is one.
    public var modelVersion: String?
    /// The accuracy, bias and subgroup alerts, in report order.
    public var alerts: [Alert]
    /// What the step adds to `metrics.prom` (WAPE and bias by segment, series monitored, the
    /// model version).
    public var metrics: RunMetrics
    /// The forecast-vs-actual charts of `report.html`.
    public var report: ReportCollector
    /// The drift step's reading of every store, made from the panels this step read (when
    /// drift settings were given and valid).
    var drift: DriftReading?
  }

  /// The drift step's view of the chain, its windows, and each store's reduction (store
  /// order), made while the accuracy step reads the stores, so each panel is read once.
  struct DriftReading: Sendable {
    var settings: DriftSettings
    var chain: DriftChain
    var windows: DriftWindows
    var reductions: [StoreReduction] = []
  }

  /// What a whole run wrote.
  public struct Outcome: Sendable {
    public var accuracy: Accuracy
    /// Every alert of the run, in report order.
    public var alerts: [Alert]
    public var metrics: RunMetrics
    public var alertsCSVPath: String
    public var alertsJSONPath: String
    public var metricsPath: String
    /// `OUT/D/report.html`.
    public var reportPath: String

    /// Whether an alert reaches `level` (the `--fail-on` check).
    public func reaches(_ level: FailLevel) -> Bool { level.isReached(by: alerts) }
  }

  /// The stage name in `metrics.prom`.
  public static let stageName = "monitor"

  /// Measures accuracy over the `settings.windowDays` days ending on `date` (default: the last
  /// day with demand), raises the alerts and writes every file of the run.
  ///
  /// On failure `OUT/metrics.prom` is still written, with `last_run_success 0` and the previous
  /// file's last-success timestamp carried over, and the error is rethrown.
  ///
  /// - Parameters:
  ///   - additionalAlerts: alerts of other checks to publish with the accuracy ones.
  ///   - baseMetrics: what earlier stages of the run measured (their durations, rows ingested,
  ///     series forecast); the monitoring's measurements are added to it.
  ///   - now: the wall clock, for the last-success timestamp.
  ///   - modelLife: the report's model-life section (`ModelLifeReport`); `nil` leaves it out.
  /// - Throws: `PipelineError.invalidArgument` for a date after the last day with demand or
  ///   invalid settings; `ForecastError.noHistory` for an empty history; database and file
  ///   errors.
  public static func run(
    workspace: Workspace, date: Day?, settings: MonitoringSettings = MonitoringSettings(),
    drift driftSettings: DriftSettings? = DriftSettings(), outDirectory: String?, logger: Logger,
    additionalAlerts: [Alert] = [], baseMetrics: RunMetrics = RunMetrics(),
    now: @Sendable () -> Date = { Date() }, session: WorkspaceSession? = nil,
    modelLife: ModelLife? = nil
  ) throws -> Outcome {
    let started = ContinuousClock.now
    let base = workspace.outputDirectory(outDirectory)
    let metricsPath = NightFile.metricsPath(under: base)
    do {
      // The drift tests compare days (weekday mix, daily levels): a weekly workspace is
      // monitored for accuracy alone.
      var driftSettings = driftSettings
      if driftSettings != nil, try workspace.grain() != .daily {
        logger.notice("drift tests read days; skipped on a weekly workspace")
        driftSettings = nil
      }
      let accuracy = try measureAccuracy(
        workspace: workspace, date: date, settings: settings, outDirectory: base,
        logger: logger, drift: driftSettings, session: session)
      CrashPoint.hit("monitor.accuracy-written")
      var metrics = baseMetrics
      metrics.modelVersion = accuracy.metrics.modelVersion
      metrics.seriesMonitored = accuracy.metrics.seriesMonitored
      metrics.wapeBySegment = accuracy.metrics.wapeBySegment
      metrics.biasRatioBySegment = accuracy.metrics.biasRatioBySegment
      var alerts = additionalAlerts
      var driftPanel = DriftPanel()
      if let driftSettings {
        let drift = try measureDrift(
          accuracy: accuracy, workspace: workspace, settings: driftSettings, logger: logger)
        alerts += drift.alerts
        driftPanel = drift.panel
        for (key, value) in drift.statistics { metrics.driftStatistics[key] = value }
        for (key, value) in drift.pValues { metrics.driftPValues[key] = value }
      }
      metrics.stageDurationSeconds[stageName] = seconds(since: started)
      metrics.lastRunSucceeded = true
      metrics.lastSuccessTimestampSeconds = now().timeIntervalSince1970
      CrashPoint.hit("monitor.before-publish")
      return try publish(
        accuracy: accuracy, additionalAlerts: alerts, drift: driftPanel, metrics: metrics,
        metricsPath: metricsPath, modelLife: modelLife)
    } catch {
      var failed = baseMetrics
      failed.stageDurationSeconds[stageName] = seconds(since: started)
      failed.lastRunSucceeded = false
      failed.lastSuccessTimestampSeconds = previousLastSuccess(metricsPath)
      do { try MetricsFile.write(failed, to: metricsPath) } catch let writeError {
        logger.error(
          "could not write the failed run's metrics",
          metadata: ["path": "\(metricsPath)", "error": "\(writeError)"])
      }
      throw error
    }
  }

  /// Step 1: joins the archived forecasts with the actuals and writes
  /// `outDirectory/D/forecast_vs_actual.csv` and `accuracy_summary.csv`.
  ///
  /// Each store is read once (`StoreJoin`: forecast blocks, then the demand panel of the window
  /// and of the `scaleHistoryDays` before it for the MASE scale). A store/day without any
  /// demand recorded has not arrived and is not joined.
  ///
  /// - Parameters:
  ///   - drift: the drift step's settings, to reduce each store's panel for it while it is in
  ///     memory (`measureDrift` then reads nothing); `nil` or invalid settings leave the drift
  ///     step to read the stores itself.
  ///   - parallel: join stores on all cores (`false`: one at a time, on this thread); the files
  ///     are the same either way.
  ///   - session: the command's open workspace (the nightly job): its pool, and the version and
  ///     backtest WAPE of the model it serves; without one they are opened and read here.
  public static func measureAccuracy(
    workspace: Workspace, date: Day?, settings: MonitoringSettings, outDirectory: String,
    logger: Logger, drift driftSettings: DriftSettings? = nil, parallel: Bool = true,
    session: WorkspaceSession? = nil
  ) throws -> Accuracy {
    do { try settings.validate() } catch {
      throw PipelineError.invalidArgument("\(error)")
    }
    let database = try session?.database ?? workspace.openDatabase()
    let date = try checkedDay(date, lastDay: try database.lastDemandDay(), option: "--date")
    let grain = try workspace.grain()
    try grain.requireRunDate(date)
    let window = date.adding(days: 1 - settings.windowDays)...date
    let master = try database.masterIndex()
    let categories = Dictionary(
      master.skus.map { ($0.record.id, $0.record.category) }, uniquingKeysWith: { a, _ in a })

    let directory = NightFile.directory(under: outDirectory, night: date)
    try AtomicFile.makeDirectories(directory)
    let forecastVsActualPath = NightFile.forecastVsActual.path(inNightDirectory: directory)
    // Written store by store: at chain scale the file is large even at a few horizons.
    let stream = try AtomicFile.Stream(path: forecastVsActualPath)
    let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
    sink.append(utf8: AccuracyFiles.forecastVsActualHeader)
    try stream.append(sink)
    var summary = AccuracySummary()
    var rowCount = 0
    var seriesMonitored = 0
    var collector = ReportCollector()
    let stores = master.stores.map(\.record)
    let detailHorizons = settings.detailHorizons
    var drift: DriftReading?
    if let driftSettings, (try? driftSettings.validate()) != nil {
      drift = DriftReading(
        settings: driftSettings, chain: try DriftChain(database: database),
        windows: DriftWindows(date: date, settings: driftSettings))
    }
    let plan = drift
    let joinSpan = StoreJoin.span(window: window, scaleHistoryDays: settings.scaleHistoryDays)
    // Stores are joined on all cores (one read transaction each; the pool allows concurrent
    // reads) and added up here in store order, so every sum is made in the same order as on
    // one core and the files are the same to the byte.
    try forEachStore(stores.count, parallel: parallel) { index in
      let store = stores[index]
      var panel: SeriesPanel?
      var reduction: StoreReduction?
      if let plan, let driftSpan = DriftChain.span(of: [plan.windows]) {
        // One read for both steps: the union of their days.
        let read = try database.demandPanel(
          store: store.id, from: min(joinSpan.lowerBound, driftSpan.lowerBound),
          through: max(joinSpan.upperBound, driftSpan.upperBound))
        panel = read
        reduction = plan.chain.reduce(store: index, windows: [plan.windows], panel: read).first
      }
      let join = try StoreJoin(
        database: database, store: store, window: window,
        scaleHistoryDays: settings.scaleHistoryDays, panel: panel,
        daysPerPeriod: grain.daysPerPeriod)
      let part = ByteSink(initialCapacityBytes: 1 << 16, spreadsheetSafe: true)
      AccuracyFiles.appendForecastVsActual(join, horizons: detailHorizons, to: part)
      return StorePart(join: join, detail: part, drift: reduction)
    } consume: { part in
      if let reduction = part.drift { drift?.reductions.append(reduction) }
      let join = part.join
      summary.add(join, categories: join.skus.map { categories[$0] ?? "unknown" })
      collector.add(join, region: join.store.region)
      try stream.append(part.detail)
      rowCount += join.rows.count
      seriesMonitored += join.seriesJoined
    }
    try stream.commit()
    let summaryPath = NightFile.accuracySummary.path(inNightDirectory: directory)
    let lines = summary.lines(check: settings.subgroupCheck)
    try AtomicFile.write(AccuracyFiles.summaryCSV(lines), to: summaryPath)

    let backtestWAPE = servingBacktestWAPE(workspace, session: session)
    let modelVersion =
      session.flatMap { try? $0.serving().modelVersion } ?? servingModelVersion(workspace)
    if rowCount == 0 {
      logger.warning(
        "no archived forecast targets the window; is 'shelfcast forecast' running nightly?",
        metadata: ["window": "\(window.lowerBound.iso) … \(window.upperBound.iso)"])
    }
    if backtestWAPE == nil {
      logger.notice(
        "no backtest WAPE in the training report; accuracy against the backtest not checked",
        metadata: ["path": "\(workspace.trainingReportPath)"])
    }
    let alerts = AccuracyReview.alerts(
      summary: summary, backtestWAPE: backtestWAPE, settings: settings)
    var metrics = RunMetrics(modelVersion: modelVersion, seriesMonitored: seriesMonitored)
    for line in lines
    where line.segment == .chain || SubgroupCheck.levels.contains(line.segment.level) {
      guard let segment = MetricSegment(description: line.segment.description) else { continue }
      metrics.wapeBySegment[segment] = line.score.wape
      metrics.biasRatioBySegment[segment] = line.score.biasPercent / 100
    }
    let chain = summary.chain
    logger.notice(
      "accuracy measured",
      metadata: [
        "rows": "\(rowCount)", "series": "\(seriesMonitored)", "scored": "\(chain.points)",
        "wape": "\(chain.wape)", "bias_pct": "\(chain.biasPercent)", "alerts": "\(alerts.count)",
      ])
    return Accuracy(
      date: date, window: window, directory: directory,
      forecastVsActualPath: forecastVsActualPath, summaryPath: summaryPath, rows: rowCount,
      seriesMonitored: seriesMonitored, summary: summary,
      lines: lines, backtestWAPE: backtestWAPE,
      modelVersion: modelVersion, alerts: alerts, metrics: metrics, report: collector,
      drift: drift)
  }

  /// The drift step, between accuracy and publishing: data drift of the last `recentDays` (28)
  /// against the `referenceDays` (364) before them (`DriftStage`) plus concept drift (the chain's WAPE against the champion's
  /// backtest WAPE), written to `OUT/D/drift.csv`. Every drifted finding is a `drift` warning;
  /// a drifted demand level or accuracy of the whole chain is critical (it calls for a retrain).
  static func measureDrift(
    accuracy: Accuracy, workspace: Workspace, settings: DriftSettings, logger: Logger
  ) throws -> (
    alerts: [Alert], panel: DriftPanel, statistics: [RunMetrics.DriftKey: Double],
    pValues: [RunMetrics.DriftKey: Double]
  ) {
    let evaluation: DriftEvaluation
    if let reading = accuracy.drift, reading.settings == settings,
      reading.reductions.count == reading.chain.stores.count
    {
      evaluation = reading.chain.evaluation(
        windows: reading.windows, stores: reading.reductions,
        detector: DriftDetector(settings: settings))
    } else {
      evaluation = try DriftStage.evaluate(
        workspace: workspace, dates: [accuracy.date], settings: settings)[0]
    }
    var findings = evaluation.findings
    let chain = accuracy.summary.chain
    if let backtest = accuracy.backtestWAPE, chain.points > 0 {
      findings.append(
        DriftDetector(settings: settings).accuracyFinding(
          segment: "chain", recentWAPE: chain.wape, backtestWAPE: backtest))
    }
    try DriftStage.write(findings, to: accuracy.directory)
    var statistics: [RunMetrics.DriftKey: Double] = [:]
    var pValues: [RunMetrics.DriftKey: Double] = [:]
    for finding in findings {
      guard let segment = MetricSegment(description: finding.segment) else { continue }
      let key = RunMetrics.DriftKey(
        segment: segment, feature: finding.feature.rawValue, test: finding.test.rawValue)
      if finding.statistic.isFinite { statistics[key] = finding.statistic }
      if let p = finding.pValue, p.isFinite { pValues[key] = p }
    }
    let alerts = findings.filter(\.drifted).map { finding in
      let chainWide =
        finding.segment == "chain"
        && (finding.feature == .demandLevel || finding.feature == .accuracy)
      return Alert(
        severity: chainWide ? .critical : .warning, kind: .drift, segment: finding.segment,
        value: finding.statistic, threshold: finding.threshold,
        suggestedAction: chainWide
          ? "The next night retrains on this alert (retraining.on_drift) and judges the "
            + "candidate against the champion on days neither saw; to do it now: shelfcast "
            + "retrain --workspace DIR (shelfcast registry show challenger shows the decision)."
          : "Check the segment's recent sales and promotions; retrain if it persists.",
        message:
          "\(finding.feature.rawValue) drifted (\(finding.test.rawValue) "
          + "\(String(format: "%.3f", finding.statistic)) ≥ \(finding.threshold))")
    }
    logger.notice(
      "drift measured",
      metadata: ["tests": "\(findings.count)", "drifted": "\(alerts.count)"])
    let rows = findings.map {
      DriftRow(
        segment: $0.segment, feature: $0.feature.rawValue, test: $0.test.rawValue,
        statistic: $0.statistic, pValue: $0.pValue, threshold: $0.threshold, drifted: $0.drifted)
    }
    let recentStart = accuracy.date.adding(days: 1 - settings.recentDays)
    let panel = DriftPanel(
      rows: rows,
      windows: DriftPanel.Windows(
        reference: recentStart.adding(
          days: -settings.referenceDays)...recentStart.adding(
            days: -1),
        recent: recentStart...accuracy.date, levelBlockDays: settings.levelBlockDays),
      distributions: evaluation.distributions)
    return (alerts, panel, statistics, pValues)
  }

  /// Step 2: writes `alerts.csv` and `alerts.json` beside the accuracy files, with the
  /// accuracy step's alerts and `additionalAlerts`, the analysts' `report.html` (with `drift`,
  /// the drift step's findings), and `metricsPath` from `metrics` with the alert counts filled
  /// in.
  public static func publish(
    accuracy: Accuracy, additionalAlerts: [Alert], drift: DriftPanel = DriftPanel(),
    metrics: RunMetrics,
    metricsPath: String, modelLife: ModelLife? = nil
  ) throws -> Outcome {
    let alerts = Alert.inReportOrder(accuracy.alerts + additionalAlerts)
    let csvPath = NightFile.alertsCSV.path(inNightDirectory: accuracy.directory)
    let jsonPath = NightFile.alertsJSON.path(inNightDirectory: accuracy.directory)
    try AtomicFile.write(AlertFiles.csv(alerts), to: csvPath)
    try AtomicFile.write(AlertFiles.json(alerts), to: jsonPath)
    let reportPath = NightFile.report.path(inNightDirectory: accuracy.directory)
    try ReportRenderer.write(
      reportData(accuracy: accuracy, alerts: alerts, drift: drift, modelLife: modelLife),
      to: reportPath)
    var metrics = metrics
    metrics.countAlerts(alerts)
    try MetricsFile.write(metrics, to: metricsPath)
    return Outcome(
      accuracy: accuracy, alerts: alerts, metrics: metrics, alertsCSVPath: csvPath,
      alertsJSONPath: jsonPath, metricsPath: metricsPath, reportPath: reportPath)
  }

  /// The report's panels from the accuracy step: the charts it collected, accuracy by week and
  /// by horizon bucket, and every judged region and store format beside the chain.
  static func reportData(
    accuracy: Accuracy, alerts: [Alert], drift: DriftPanel = DriftPanel(),
    modelLife: ModelLife? = nil
  ) -> ReportData {
    let lines = accuracy.lines
    func row(_ line: AccuracySummaryLine) -> AccuracyRow {
      AccuracyRow(
        label: line.segment.name, wape: line.score.wape, biasPercent: line.score.biasPercent,
        coverage80: line.score.coverage80Percent / 100, scoredDays: line.score.points)
    }
    let chainWAPE = accuracy.summary.chain.wape
    return ReportData(
      title: "ShelfCast forecast report", runDate: accuracy.date,
      chainName: accuracy.modelVersion.map { "model \($0)" } ?? "no model in service",
      chain: accuracy.report.chainSeries(name: "Chain"),
      regions: accuracy.report.regionSeries(), topMovers: accuracy.report.topMoverSeries(),
      accuracyByWeek: lines.filter { $0.segment.level == .week }.map(row),
      accuracyByHorizon: lines.filter { $0.segment.level == .horizon }.map(row),
      drift: drift.rows, driftWindows: drift.windows, driftDistributions: drift.distributions,
      subgroups: lines.compactMap { line in
        guard let flagged = line.flagged else { return nil }
        return SubgroupRow(
          level: line.segment.level.rawValue, segment: line.segment.name,
          wape: line.score.wape, chainWape: chainWAPE, flagged: flagged)
      },
      alerts: alerts, modelLife: modelLife)
  }

  // MARK: - Stores on all cores

  /// One store's join, its lines of `forecast_vs_actual.csv` and its drift reduction.
  ///
  /// Unchecked `Sendable` for `detail`: the task that fills the sink hands it over with the
  /// part and never touches it again, so one thread at a time owns it (the store's lines reach
  /// the file without a copy: a megabyte or more per store).
  struct StorePart: @unchecked Sendable {
    var join: StoreJoin
    var detail: ByteSink
    /// The store's drift reduction, when the drift step's reading is made here.
    var drift: StoreReduction?
  }

  /// Makes every store's part with `produce` on all cores (`parallel`) or one by one, and hands
  /// them to `consume` on this thread in store order; at most two parts per core wait.
  static func forEachStore(
    _ count: Int, parallel: Bool, produce: @escaping @Sendable (Int) throws -> StorePart,
    consume: (StorePart) throws -> Void
  ) throws {
    guard parallel else {
      for index in 0..<count { try consume(try produce(index)) }
      return
    }
    try concurrentForEachInOrder(
      count, window: 2 * ProcessInfo.processInfo.activeProcessorCount, produce: produce
    ) { _, part in try consume(part) }
  }

  // MARK: - The model in service

  /// The backtest WAPE of the champion in the registry; without a registered champion, the
  /// last training report's; `nil` without either figure.
  static func servingBacktestWAPE(_ workspace: Workspace, session: WorkspaceSession? = nil)
    -> Double?
  {
    if let champion = try? (session?.registry ?? workspace.openRegistry()).champion(),
      let wape = champion.metrics.overall.wape
    {
      return wape
    }
    guard let data = FileManager.default.contents(atPath: workspace.trainingReportPath) else {
      return nil
    }
    return (try? JSONDecoder().decode(TrainingReport.self, from: data))?.backtestWAPE
  }

  /// The version in service: the registry's champion, else (a set never registered) the
  /// version named by the saved fitted set; `nil` when there is none.
  static func servingModelVersion(_ workspace: Workspace) -> String? {
    if let champion = try? workspace.openRegistry().champion() { return champion.id }
    return FileManager.default.contents(atPath: workspace.fittedSetPath).map {
      FittedSetVersion.of(fittedSetBytes: $0, workspace: workspace)
    }
  }

  // MARK: - Helpers

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// The last-success timestamp of the metrics file at `path`, if it has one.
  static func previousLastSuccess(_ path: String) -> Double? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return MetricsFile.lastSuccessTimestampSeconds(inText: String(decoding: data, as: UTF8.self))
  }
}
