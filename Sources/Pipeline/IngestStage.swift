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
    return try IngestRunner(database: database, options: options).run(paths: paths)
  }
}
