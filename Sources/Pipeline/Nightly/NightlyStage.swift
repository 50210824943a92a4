import DemandCore
import Foundation
import Logging
import Registry
import Tabular

/// `shelfcast nightly`: one night of the chain's batch, end to end.
///
/// 1. ingest every new file of the inbox (already ingested ones are recognised and skipped);
/// 2. check the run date's sales (and stock) arrived: without any sales the night stops with
///    `inputMissing` after publishing its alert;
/// 3. retrain when a trigger fires (`RetrainTriggers`, `RetrainStage`); a failed retraining is
///    logged and recorded, and the champion forecasts as before;
/// 4. forecast with the model in service: one `ChainForecast`, archived and written;
/// 5. recommendations and 6. explanations, both from that forecast (nothing is forecast twice);
/// 7. monitoring: accuracy, drift, alerts (with the night's input, rejection and time-budget
///    alerts), `report.html`, `metrics.prom` (every stage's duration);
/// 8. the run manifest, then the `night` record that marks the date done.
///
/// The workspace is opened once (`WorkspaceSession`): one database pool, the history source and
/// the model in service are shared by every stage. Every file is written to a temporary name
/// and renamed; a night killed at any point leaves the earlier nights' outputs intact and is
/// completed by running it again (ingest and archiving are idempotent, a registered candidate
/// is found again). A night already finished, with its outputs in place, is not run again. The
/// caller holds the workspace's `RunLock`.
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
    /// True when the night had already finished and nothing was run (`manifest` is the one
    /// that night wrote).
    public var alreadyFinished: Bool = false
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
    /// Allow a run date before the serving model's training end: the night is then run with
    /// the registry version that was in service on that date, without retraining.
    public var backfill: Bool

    public init(
      workspace: Workspace, configuration: NightlyConfiguration, configurationPath: String?,
      logger: Logger, progress: (@Sendable (Int, Int, String) -> Void)? = nil,
      now: @escaping @Sendable () -> Date = { Date() }, backfill: Bool = false
    ) {
      self.workspace = workspace
      self.configuration = configuration
      self.configurationPath = configurationPath
      self.logger = logger
      self.progress = progress
      self.now = now
      self.backfill = backfill
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
  /// - Throws: `PipelineError.invalidArgument` for a run date before the serving model's
  ///   training end without `backfill` (exit 64); what a stage throws that the night cannot go
  ///   on without (database, disk, configuration): the metrics file then says the run failed.
  ///   On a full disk, a `PipelineError.workspaceUnusable` saying so (`DiskSpace.explained`).
  ///   `HistoryError.damaged` when the database fails `PRAGMA quick_check` (checked first:
  ///   nothing is run); `PipelineError.interrupted` when SIGINT or SIGTERM stopped the night
  ///   between two stages (its manifest then records `interrupted`).
  ///
  /// A night that ends with its `night` record is followed by a copy of the database
  /// (`DatabaseBackups`, `backup_keep`).
  public static func run(_ context: Context, runDate: Day) throws -> Outcome {
    try DatabaseBackups.check(context.workspace)
    let session = try WorkspaceSession(workspace: context.workspace)
    if let finished = try finishedNight(runDate, session: session, logger: context.logger) {
      // A night killed between its record and its copy: the copy is taken now.
      if !FileManager.default.fileExists(
        atPath: DatabaseBackups.path(context.workspace, night: runDate))
      {
        try backUp(session, context: context, runDate: runDate)
      }
      return finished
    }
    let served = try ServedModel.choose(
      for: runDate, session: session, backfill: context.backfill)
    // The copy of the database starts now, beside the stages, and is brought up to date after
    // the night's record (DatabaseBackups.Draft); a night that ends otherwise removes it.
    let draft = DatabaseBackups.startDraft(
      session.database, workspace: context.workspace, night: runDate,
      keep: context.configuration.backupKeep)
    defer { draft?.discard() }
    var night = Night(context: context, session: session, runDate: runDate, served: served)
    let outcome: Outcome
    do {
      outcome = try night.run()
    } catch PipelineError.interrupted(let signal, let summary) {
      night.recordInterruption(signal, summary: summary)
      throw PipelineError.interrupted(signal: signal, summary: summary)
    } catch {
      night.recordFailure(error)
      throw DiskSpace.explained(error, workspace: context.workspace)
    }
    // With a stop pending the copy waits: the night run again finds it missing and takes it.
    if outcome.status != .inputMissing, StopRequest.signal == nil {
      do { try backUp(session, context: context, runDate: runDate, draft: draft) } catch {
        throw DiskSpace.explained(error, workspace: context.workspace)
      }
    }
    return outcome
  }

  /// The night's copy of the database (`DatabaseBackups`), per `backup_keep`.
  static func backUp(
    _ session: WorkspaceSession, context: Context, runDate: Day,
    draft: DatabaseBackups.Draft? = nil
  ) throws {
    try DatabaseBackups.take(
      session.database, workspace: context.workspace, night: runDate,
      keep: context.configuration.backupKeep, logger: context.logger, draft: draft)
    CrashPoint.hit("nightly.backed-up")
  }

  /// The outcome of `runDate`'s night when it already finished and every file its manifest
  /// lists is still there: re-running it would only rewrite the same files. `nil` otherwise
  /// (never run, not finished, or an output missing: the night is run again, idempotently).
  static func finishedNight(_ runDate: Day, session: WorkspaceSession, logger: Logger) throws
    -> Outcome?
  {
    guard let record = try NightLog(database: session.registry.database).night(runDate),
      let data = FileManager.default.contents(atPath: record.manifest),
      let manifest = try? JSONDecoder().decode(NightlyManifest.self, from: data)
    else { return nil }
    let root = session.workspace.root + "/"
    let missing = manifest.outputs.filter {
      !FileManager.default.fileExists(atPath: $0.hasPrefix("/") ? $0 : root + $0)
    }
    guard missing.isEmpty else {
      logger.notice(
        "the night finished before but outputs are missing; running it again",
        metadata: ["run_date": "\(runDate.iso)", "missing": "\(missing.joined(separator: ", "))"])
      return nil
    }
    logger.notice(
      "night already finished; nothing to do",
      metadata: [
        "run_date": "\(runDate.iso)", "finished_at": "\(record.finishedAt)",
        "manifest": "\(record.manifest)",
      ])
    return Outcome(
      runDate: runDate, status: .success, manifest: manifest, manifestPath: record.manifest,
      ordersLines: 0, orderValue: 0, seriesForecast: 0, chainWAPE: nil,
      retraining: manifest.retraining, seconds: 0, alreadyFinished: true)
  }
}
