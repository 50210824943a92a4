import DemandCore
import Foundation
import History
import Ingest
import Logging

/// The ingest stage as the CLI and the nightly job call it.
public enum IngestStage {
  /// Ingests `paths` into `workspace`.
  ///
  /// - Parameters:
  ///   - asOf: rows dated later are refused; the caller passes today when the user gave no date.
  ///   - maximumRejectShare: refusal threshold per file, 0…1.
  public static func run(
    workspace: Workspace, paths: [String], asOf: Day, maximumRejectShare: Double = 0.01,
    replace: Bool = false, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() },
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> IngestReport {
    let database = try workspace.openDatabase()
    let options = IngestOptions(
      asOf: asOf, quarantineDirectory: workspace.quarantineDirectory,
      manifestDirectory: workspace.manifestDirectory, maximumRejectShare: maximumRejectShare,
      replace: replace, clock: clock, logger: logger, progress: progress)
    let report = try IngestRunner(database: database, options: options).run(paths: paths)
    try audit(report, workspace: workspace)
    return report
  }

  /// One `ingest` audit entry per file stored or refused (files already ingested are not
  /// repeated), naming its SHA-256 and row counts.
  static func audit(_ report: IngestReport, workspace: Workspace) throws {
    let files = report.files.filter { $0.outcome == .ingested || $0.outcome == .refused }
    guard !files.isEmpty else { return }
    let audit = try workspace.openRegistry().audit
    for file in files {
      try audit.append(
        .ingest, subject: file.fileName,
        details: [
          "outcome": file.outcome.rawValue, "sha256": file.sha256 ?? "",
          "kind": file.kind?.rawValue ?? "", "rows_read": String(file.rowsRead),
          "rows_stored": String(file.rowsStored),
          "rows_quarantined": String(file.rowsQuarantined),
          "rows_duplicate": String(file.rowsDuplicate),
        ])
    }
  }
}
