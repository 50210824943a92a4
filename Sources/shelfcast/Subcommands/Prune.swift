import ArgumentParser
import DemandCore
import Foundation
import Pipeline

extension ShelfCast {
  struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete reports, forecasts, manifests and quarantine files older than N days.",
      discussion: """
        Deletes DIR/reports/D/ folders dated before today - N, the archived forecasts whose \
        target days are all before it, and manifests and quarantine files dated before it (by \
        the date in their name, else their modification time). Model cards and artifacts go \
        only when their version has been out of service for three years (1,096 days) and N \
        days; never the champion's or the rollback target's. The audit log, the ledger and \
        demand history, and models/fitted-set.json are never pruned. An audit entry records \
        each prune before anything is deleted. Fewer than 56 days leaves monitoring short \
        (28 days of actuals against forecasts up to 28 days older): a warning is printed.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Days to keep, 1 to 36500 (56 or more keeps what monitoring reads).")
    var keepDays: Int

    @Option(help: "The day ages are counted from (YYYY-MM-DD); default: today (UTC).")
    var today: Day?

    @Flag(help: "List what would be deleted, and delete nothing.")
    var dryRun = false

    func validate() throws {
      guard (1...36_500).contains(keepDays) else {
        throw ValidationError(
          "Please give --keep-days from 1 to 36500 (56 or more for monitoring).")
      }
      let now = Clock.today()
      if let today, today > now.adding(days: 1) {
        throw ValidationError(
          "Please give a --today that is not after today (\(now.iso)): counting ages from a "
            + "later day would delete reports that are still current.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.prune")
      // A dry run only reads; a real one keeps another writer from running meanwhile.
      let workspace: Workspace
      var lock: RunLock?
      if dryRun {
        workspace = try self.workspace.existing()
      } else {
        (workspace, lock) = try self.workspace.locked(command: "prune", logger: logger)
      }
      defer { lock?.release() }
      let report: PruneReport
      do {
        report = try PruneStage.run(
          workspace: workspace, keepDays: keepDays, today: today ?? Clock.today(),
          dryRun: dryRun, logger: logger)
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
      print(PruneText.render(report, workspace: workspace, listing: dryRun))
    }
  }
}
