import DemandCore
import Forecasting
import Foundation
import Logging
import Tabular

/// `shelfcast backtest`: hold out the last days, train on the rest, score every family.
public enum BacktestStage {
  public struct Outcome: Sendable {
    public var result: Backtester.Result
    public var directory: String
    public var hasTruth: Bool
    /// Whether the truth has the true quantiles (`p10,p50,p90`, realistic chains), which the
    /// oracle then forecasts.
    public var hasTruthQuantiles = false
    /// The workspace's grain: the counts of the text (held out, apart, ahead) are days or
    /// weeks.
    public var grain: Grain = .daily
  }

  /// Runs the backtest and writes `metrics.csv`, `windows.csv`, `horizons.csv`, `holdout.csv`
  /// and `series.csv` to `outDirectory/backtest/` (default `DIR/reports/backtest/`).
  ///
  /// - Parameters:
  ///   - windows: forecast origins, ≥ 1; the last window's holdout ends on the last day with
  ///     demand, and the models are trained through the day before the first window's.
  ///   - stepDays: days between origins (default `holdoutDays`).
  public static func run(
    workspace: Workspace, holdoutDays: Int, windows: Int = 1, stepDays: Int? = nil,
    truthPath: String?, outDirectory: String?,
    configuration: ForecastConfiguration, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    let database = try workspace.openDatabase()
    let source = try HistoryStoreSource(database: database)
    let grain = try workspace.grain()
    if grain != .daily {
      return try runPeriods(
        workspace: workspace, source: source, grain: grain, holdoutPeriods: holdoutDays,
        windows: windows, stepPeriods: stepDays, truthPath: truthPath,
        outDirectory: outDirectory, configuration: configuration, logger: logger,
        progress: progress)
    }
    let lastDay = try checkedDay(nil, source: source, option: "--holdout-days")
    let step = stepDays ?? holdoutDays
    let scoredDays = holdoutDays + (windows - 1) * step
    let firstHoldoutDay = lastDay.adding(days: 1 - scoredDays)
    let truth = try truthPath.map {
      try TruthTable(path: $0, first: firstHoldoutDay, dayCount: scoredDays)
    }
    var configuration = configuration
    configuration.horizonDays = holdoutDays
    let backtester = Backtester(trainer: StandardModels.trainer(configuration: configuration))
    var lookup: (@Sendable (SeriesKey) -> [Double]?)?
    var quantileLookup: (@Sendable (SeriesKey) -> [[Double]]?)?
    if let truth {
      lookup = { key in truth.path(key) }
      if truth.hasQuantiles { quantileLookup = { key in truth.quantiles(key) } }
    }
    let holdout = try BacktestHoldoutFile(
      path: directory(workspace, outDirectory) + "/holdout.csv", withTruth: truth != nil)
    let result = try backtester.run(
      source: source, lastDay: lastDay, holdoutDays: holdoutDays, windows: windows,
      stepDays: step, truth: lookup, truthQuantiles: quantileLookup,
      holdoutSink: holdout.append,
      cancellation: StopRequest.cancellation,
      progress: { done, total in progress?(done, total, "stores") })
    return try write(
      result, holdout: holdout, workspace: workspace, outDirectory: outDirectory,
      withTruth: truth != nil, hasTruthQuantiles: truth?.hasQuantiles ?? false, logger: logger)
  }

  /// Where the backtest's files go: `OUT/backtest` (`DIR/reports/backtest` by default).
  static func directory(_ workspace: Workspace, _ outDirectory: String?) -> String {
    workspace.outputDirectory(outDirectory) + "/backtest"
  }

  /// Writes the backtest's files (`holdout.csv` already streamed into `holdout`, renamed into
  /// place here) and returns its outcome.
  static func write(
    _ result: Backtester.Result, holdout: BacktestHoldoutFile, workspace: Workspace,
    outDirectory: String?, withTruth: Bool, hasTruthQuantiles: Bool, logger: Logger
  ) throws -> Outcome {
    let directory = directory(workspace, outDirectory)
    try AtomicFile.makeDirectories(directory)
    try AtomicFile.write(ForecastFiles.metricsCSV(result.metrics), to: directory + "/metrics.csv")
    try AtomicFile.write(ForecastFiles.windowsCSV(result.windows), to: directory + "/windows.csv")
    try AtomicFile.write(
      ForecastFiles.horizonsCSV(result.horizons), to: directory + "/horizons.csv")
    try holdout.commit()
    try AtomicFile.write(ForecastFiles.seriesCSV(result.series), to: directory + "/series.csv")
    try AtomicFile.write(
      try TrainStage.reportJSON(result.report), to: directory + "/training-report.json")
    logger.notice("backtest written", metadata: ["directory": "\(directory)"])
    return Outcome(
      result: result, directory: directory, hasTruth: withTruth,
      hasTruthQuantiles: hasTruthQuantiles)
  }
}

/// The backtest's metrics as a table for the terminal.
public enum BacktestText {
  public static func render(_ outcome: BacktestStage.Outcome) -> String {
    let result = outcome.result
    let windows = result.windows.count
    let unit = outcome.grain.periodsName
    var lines = [
      "Backtest: trained through \(result.lastTrainingDay.iso), held out "
        + (windows == 1
          ? "\(result.holdoutDays) \(unit)"
          : "\(result.holdoutDays) \(unit) from each of \(windows) origins \(result.stepDays) "
            + "\(unit) apart (same models, history re-read to each origin)")
        + "; absolute errors score p50, squared errors and bias the mean.",
      "",
      pad("model", 16) + pad("scope", 6) + pad("points", 10, right: true)
        + ["WAPE", "MAE", "RMSE", "MASE", "RMSSE", "bias %", "cov 80", "WAPEmean"].map {
          pad($0, 9, right: true)
        }
        .joined(),
    ]
    for row in result.metrics {
      let m = row.metrics
      lines.append(
        pad(row.model, 16) + pad(row.scope.rawValue, 6) + pad("\(m.points)", 10, right: true)
          + [
            m.wape, m.mae, m.rmse, m.mase, m.rmsse, m.biasPercent, m.coverage80 * 100,
            m.wapeOfMean,
          ]
          .map { pad($0.isFinite ? String(format: "%.3f", $0) : "n/a", 9, right: true) }.joined())
    }
    lines.append("")
    lines.append(
      outcome.grain == .daily
        ? "Selected mix per week ahead (horizons.csv has every day):"
        : "Selected mix by weeks ahead (horizons.csv has every week):")
    lines.append(
      pad("\(unit) ahead", 16) + pad("points", 10, right: true)
        + ["WAPE", "bias %", "cov 80"].map { pad($0, 9, right: true) }.joined())
    for row in result.horizons where row.horizonDays.count > 1 || result.holdoutDays == 1 {
      let m = row.metrics
      lines.append(
        pad("\(row.horizonDays.lowerBound)–\(row.horizonDays.upperBound)", 16)
          + pad("\(m.points)", 10, right: true)
          + [m.wape, m.biasPercent, m.coverage80 * 100]
          .map { pad($0.isFinite ? String(format: "%.3f", $0) : "n/a", 9, right: true) }.joined())
    }
    if windows > 1 {
      lines.append("")
      lines.append("Selected mix per window (windows.csv):")
      for row in result.windows {
        let m = row.metrics
        lines.append(
          pad("\(row.window) from \(row.origin.iso)", 26) + pad("\(m.points)", 10, right: true)
            + [m.wape, m.biasPercent, m.coverage80 * 100]
            .map { pad($0.isFinite ? String(format: "%.3f", $0) : "n/a", 9, right: true) }
            .joined())
      }
    }
    lines.append("")
    lines.append(
      "Written to \(outcome.directory)/ (metrics.csv, windows.csv, horizons.csv, holdout.csv, "
        + "series.csv).")
    if outcome.hasTruthQuantiles {
      lines.append(
        "oracle = the generator's true distribution (p10, p50 and p90 from the truth, mean = "
          + "expected units).")
    } else if outcome.hasTruth {
      lines.append(
        "oracle = the generator's true expected demand (its coverage uses Poisson bands).")
    }
    return lines.joined(separator: "\n")
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    guard text.count < width else { return text + " " }
    let fill = String(repeating: " ", count: width - text.count)
    return right ? fill + text : text + fill
  }
}
