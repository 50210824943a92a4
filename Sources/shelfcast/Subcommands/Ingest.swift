import ArgumentParser
import DemandCore
import Foundation
import Pipeline

extension ShelfCast {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Take CSV files into the workspace's demand history.",
      discussion: """
        Each file is recognised by its header: transactions, daily demand, inventory snapshots, \
        stores, SKUs, calendar or promotions. Master data is loaded first. Bad rows go to \
        DIR/quarantine/<file>.rejected.csv; a file with too many is refused whole. Ingesting the \
        same file again does nothing. A manifest is written to DIR/manifests/.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Refuse rows dated after this day (YYYY-MM-DD); default: today (UTC).")
    var asOf: Day?

    @Option(help: "Refuse a whole file when more than this share of its rows is bad (0 to 1).")
    var maxRejectShare = 0.01

    @Flag(help: "Supersede an ingested file of the same name but different content.")
    var replace = false

    @Argument(help: "CSV files or folders of them.")
    var paths: [String]

    func validate() throws {
      guard (0...1).contains(maxRejectShare) else {
        throw ValidationError("Please give --max-reject-share between 0 and 1, e.g. 0.01 for 1 %.")
      }
      guard !paths.isEmpty else {
        throw ValidationError("Please name at least one file or folder.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.ingest")
      let (workspace, lock) = try self.workspace.locked(
        command: "ingest", logger: logger, create: true)
      defer { lock.release() }
      let report = try IngestStage.run(
        workspace: workspace, paths: paths, asOf: asOf ?? Clock.today(),
        maximumRejectShare: maxRejectShare, replace: replace, logger: logger,
        progress: Terminal.progress(enabled: output.showsProgress, label: "ingest"))
      print(IngestSummaryText.render(report))
      if report.hasRejectedFiles { throw ExitCode(ExitStatus.inputRefused.rawValue) }
    }
  }
}
