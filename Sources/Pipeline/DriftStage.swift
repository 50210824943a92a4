import DemandCore
import Forecasting
import Foundation
import History
import Monitoring
import Tabular
import _Parallel

/// Data drift of the demand history: the last `recentDays` days up to the run date against the
/// `referenceDays` before them, per segment (the chain, each region, each category), decided by
/// ``DriftDetector`` and written to `reports/<day>/drift.csv`.
///
/// What is compared, from what the workspace holds:
/// - **demand level**: each store/SKU's units in the newest `levelBlockDays` days against its
///   own reference level and the same SKU in its region's other stores (``LevelShiftScorer``);
///   stock-out days are left out of both;
/// - **weekday profile**: units sold on uncensored days by weekday, over all the segment's
///   store/SKUs;
/// - **price** and **promotion share**: the daily-demand history has no transaction prices, so
///   the offered price of a store/SKU/day is its list price less the discount of the promotion
///   covering it (the promotions table; the largest discount when several overlap), and price
///   is compared relative to list: 1 − discount. A list-price change is therefore not seen; a
///   change in how much and how deeply the chain promotes is.
///
/// A store/SKU counts from its first sale or stock-out in the window read (and not before its
/// store opened), so days before a launch are not read as days without demand.
///
/// Each store's history is read once, over the union of the windows of all the dates asked
/// for, on all cores; results are gathered in store order, so the same history gives the same
/// findings.
public enum DriftStage {
  /// The findings of one run date and the per-series level scores behind them.
  public typealias Evaluation = DriftEvaluation

  /// The drift findings of `date` (default: the last day with demand).
  ///
  /// - Throws: `ForecastError.noHistory` for an empty history, `PipelineError.invalidArgument`
  ///   for a date after the last day with demand or invalid settings.
  public static func run(
    workspace: Workspace, date: Day? = nil, settings: DriftSettings = DriftSettings()
  ) throws -> [DriftFinding] {
    let database = try workspace.openDatabase()
    let day = try runDate(date, database: database)
    return try evaluate(database: database, dates: [day], settings: settings)[0].findings
  }

  /// Findings and series scores of each of `dates`, reading each store's history once.
  ///
  /// - Throws: as ``run(workspace:date:settings:)``, for any of the dates.
  public static func evaluate(
    workspace: Workspace, dates: [Day], settings: DriftSettings = DriftSettings()
  ) throws -> [Evaluation] {
    let database = try workspace.openDatabase()
    for date in dates { _ = try runDate(date, database: database) }
    return try evaluate(database: database, dates: dates, settings: settings)
  }

  /// Writes `reports/<day>/drift.csv` under `directory` (default `DIR/reports`), atomically.
  /// - Returns: The path written.
  @discardableResult
  public static func write(
    _ findings: [DriftFinding], date: Day, workspace: Workspace, outDirectory: String? = nil
  ) throws -> String {
    try write(findings, to: workspace.nightDirectory(date, out: outDirectory))
  }

  /// Writes `drift.csv` into `directory` (created if missing), atomically.
  /// - Returns: The path written.
  @discardableResult
  public static func write(_ findings: [DriftFinding], to directory: String) throws -> String {
    try AtomicFile.makeDirectories(directory)
    let path = NightFile.drift.path(inNightDirectory: directory)
    try AtomicFile.write(DriftFiles.csv(findings), to: path)
    return path
  }

  /// `date`, or the last day with demand, after checking the history reaches it.
  static func runDate(_ date: Day?, database: HistoryDatabase) throws -> Day {
    guard let last = try database.lastDemandDay() else {
      throw ForecastError.noHistory(reason: "the workspace holds no demand; ingest history first")
    }
    guard let date else { return last }
    guard date <= last else {
      throw PipelineError.invalidArgument(
        "--date \(date.iso) is after the last day with demand in the workspace "
          + "(\(last.iso)); ingest that day's sales first, or give an earlier day.")
    }
    return date
  }

  static func evaluate(database: HistoryDatabase, dates: [Day], settings: DriftSettings) throws
    -> [Evaluation]
  {
    do { try settings.validate() } catch {
      throw PipelineError.invalidArgument("\(error)")
    }
    guard !dates.isEmpty else { return [] }
    let chain = try DriftChain(database: database)
    let windows = dates.map { DriftWindows(date: $0, settings: settings) }
    let perStore = try concurrentMap(chain.stores.count) { index in
      try chain.reduce(store: index, windows: windows)
    }
    let detector = DriftDetector(settings: settings)
    return windows.indices.map { w in
      chain.evaluation(
        windows: windows[w], stores: perStore.map { $0[w] }, detector: detector)
    }
  }
}
