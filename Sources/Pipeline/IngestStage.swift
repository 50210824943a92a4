import DemandCore
import Foundation
import History
import Ingest
import Logging
import Registry
import Tabular

/// The ingest stage as the CLI and the nightly job call it.
public enum IngestStage {
  /// Ingests `paths` into `workspace`.
  ///
  /// - Parameters:
  ///   - asOf: rows dated later are refused; the caller passes today when the user gave no date.
  ///   - maximumRejectShare: refusal threshold per file, 0…1.
  ///   - runDate: the nightly job's run date, recorded in the ledger with every file taken in.
  ///     A file an earlier attempt of the same night committed (the night was killed and is
  ///     run again) comes back as `ingested` with the counts the ledger recorded, instead of
  ///     `alreadyIngested`, so the night accounts for it exactly once.
  ///   - session: the command's open workspace, when it has one (the nightly job); otherwise the
  ///     database is opened for this call.
  public static func run(
    workspace: Workspace, paths: [String], asOf: Day, maximumRejectShare: Double = 0.01,
    replace: Bool = false, runDate: Day? = nil, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() },
    progress: (@Sendable (Int, Int, String) -> Void)? = nil, session: WorkspaceSession? = nil
  ) throws -> IngestReport {
    let database = try session?.database ?? workspace.openDatabase()
    var options = IngestOptions(
      asOf: asOf, quarantineDirectory: workspace.quarantineDirectory,
      manifestDirectory: workspace.manifestDirectory, maximumRejectShare: maximumRejectShare,
      replace: replace, clock: clock, logger: logger, progress: progress)
    options.runDate = runDate
    options.grain = try grain(of: workspace, paths: paths, database: database)
    // Ledger rows up to this id were committed before this call: the same bytes given twice in
    // this call are a duplicate, not a resumed night.
    let ledgerBefore = try database.ledger().last?.id ?? 0
    var report = try IngestRunner(database: database, options: options).run(paths: paths)
    var resumed = Set<Int64>()
    if let runDate {
      resumed = try resumeNight(
        &report, runDate: runDate, ledgerBefore: ledgerBefore, database: database,
        options: options)
    }
    CrashPoint.hit("ingest.before-audit")
    try audit(
      report, resumed: resumed, ledgerBefore: ledgerBefore,
      audit: try session?.registry.audit ?? workspace.openRegistry().audit, database: database)
    session?.historyChanged()
    return report
  }

  /// The workspace's grain; when none is fixed and no demand is stored yet, the grain of the
  /// first daily-demand file among `paths` (in the order ingest reads them), fixed from now on.
  /// - Throws: `PipelineError.invalidArgument` when that file mixes daily and weekly rows.
  static func grain(of workspace: Workspace, paths: [String], database: HistoryDatabase) throws
    -> Grain
  {
    if let stored = try workspace.storedGrain() { return stored }
    guard try database.lastDemandDay() == nil else { return .daily }
    for path in IngestRunner.inputFiles(paths) {
      do {
        guard let grain = try GrainInference.infer(path: path) else { continue }
        try workspace.fix(grain: grain, hasDemand: false)
        return grain
      } catch let error as GrainInference.MixedGrain {
        throw PipelineError.invalidArgument(error.description)
      } catch is ImportError {
        continue  // unreadable: ingest reports it with the file's other problems
      }
    }
    return .daily
  }

  /// Reports the files an earlier, killed attempt of the night of `runDate` committed as
  /// ingested, with the ledger's counts.
  /// - Returns: their ledger ids.
  static func resumeNight(
    _ report: inout IngestReport, runDate: Day, ledgerBefore: Int64, database: HistoryDatabase,
    options: IngestOptions
  ) throws -> Set<Int64> {
    var resumed = Set<Int64>()
    for index in report.files.indices where report.files[index].outcome == .alreadyIngested {
      guard let id = report.files[index].ledgerID, id <= ledgerBefore,
        let entry = try database.ledgerEntry(id: id), entry.runDate == runDate,
        entry.status == .ingested
      else { continue }
      var file = report.files[index]
      file.outcome = .ingested
      file.message =
        "ingested as \(entry.fileName) at \(entry.recordedAt) by an earlier attempt of the "
        + "night of \(runDate.iso) that did not finish"
      file.rowsRead = entry.rowsRead
      file.rowsValid = entry.rowsStored
      file.rowsStored = entry.rowsStored
      file.rowsQuarantined = entry.rowsQuarantined
      file.rowsDuplicate = entry.rowsDuplicate
      file.firstDay = entry.firstDay
      file.lastDay = entry.lastDay
      if entry.rowsQuarantined + entry.rowsDuplicate > 0 {
        file.quarantineFile = options.quarantinePath(for: entry.fileName)
      }
      report.files[index] = file
      resumed.insert(id)
    }
    if !resumed.isEmpty {
      options.logger.notice(
        "files committed by an earlier attempt of this night counted once",
        metadata: ["files": "\(resumed.count)", "run_date": "\(runDate.iso)"])
      report.total()
    }
    return resumed
  }

  /// One `ingest` audit entry per file stored or refused, naming its SHA-256 and row counts.
  ///
  /// A run killed between a file's commit (or refusal) and its audit entry leaves the ledger
  /// row without one; the next run finds the file already ingested (or, in the nightly job,
  /// resumed, or refused by the same night) and appends the missing entry, from the ledger's
  /// counts, instead of skipping it. Entries already in the log are not repeated.
  static func audit(
    _ report: IngestReport, resumed: Set<Int64>, ledgerBefore: Int64, audit: AuditLog,
    database: HistoryDatabase
  ) throws {
    let candidates = report.files.filter { $0.outcome != .failed }
    guard !candidates.isEmpty else { return }
    // Per SHA-256, the `ingest` entries in the log by outcome; read once when first needed.
    var logged: [String: [String: Int]]?
    func entries(_ sha: String?, _ outcome: FileReport.Outcome) throws -> Int {
      guard let sha else { return .max }
      if logged == nil {
        var counts: [String: [String: Int]] = [:]
        for entry in try audit.entries() where entry.action == .ingest {
          guard
            let details = try? JSONDecoder().decode(
              [String: String].self, from: Data(entry.details.utf8)),
            let sha = details["sha256"], let outcome = details["outcome"]
          else { continue }
          counts[sha, default: [:]][outcome, default: 0] += 1
        }
        logged = counts
      }
      return logged?[sha]?[outcome.rawValue] ?? 0
    }
    for file in candidates {
      var counts = file
      switch file.outcome {
      case .ingested where file.ledgerID.map(resumed.contains) ?? false:
        guard try entries(file.sha256, .ingested) == 0 else { continue }
      case .refused where (file.ledgerID ?? .max) <= ledgerBefore:
        // A refusal recorded by a killed attempt of this night: its entry is missing when the
        // log has fewer refusals of these bytes than the ledger.
        let refusals = try database.ledger().filter {
          $0.sha256 == file.sha256 && $0.status == .refused
        }.count
        guard try entries(file.sha256, .refused) < refusals else { continue }
      case .ingested, .refused:
        break
      case .alreadyIngested:
        guard try entries(file.sha256, .ingested) == 0, let id = file.ledgerID,
          let entry = try database.ledgerEntry(id: id)
        else { continue }
        counts.outcome = .ingested
        counts.rowsRead = entry.rowsRead
        counts.rowsStored = entry.rowsStored
        counts.rowsQuarantined = entry.rowsQuarantined
        counts.rowsDuplicate = entry.rowsDuplicate
        counts.fileName = entry.fileName
      case .failed:
        continue
      }
      try audit.append(
        .ingest, subject: counts.fileName,
        details: [
          "outcome": counts.outcome.rawValue, "sha256": counts.sha256 ?? "",
          "kind": counts.kind?.rawValue ?? "", "rows_read": String(counts.rowsRead),
          "rows_stored": String(counts.rowsStored),
          "rows_quarantined": String(counts.rowsQuarantined),
          "rows_duplicate": String(counts.rowsDuplicate),
        ])
      // The log as read above now has this entry too: a copy of the same bytes later in the
      // call (`alreadyIngested`) must find it, not add a second entry for one delivery.
      if let sha = counts.sha256, logged != nil {
        logged?[sha, default: [:]][counts.outcome.rawValue, default: 0] += 1
      }
      CrashPoint.hit("ingest.audited", detail: counts.fileName)
    }
  }
}
