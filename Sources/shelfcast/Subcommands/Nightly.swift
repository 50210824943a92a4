import ArgumentParser
import DemandCore
import Foundation
import Pipeline

extension ShelfCast {
  struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the nightly batch: ingest, retrain if due, forecast, recommend, monitor.",
      discussion: """
        Ingests the new files of the inbox (DIR/inbox by default), retrains when a trigger \
        fires (weekly schedule, drift, accuracy, new series) and promotes the candidate only \
        if it beats the champion on a common holdout, forecasts with the champion, writes \
        DIR/reports/D/ (forecast, recommendations, explanations, forecast vs actual, alerts, \
        report.html), DIR/reports/metrics.prom and the manifest DIR/manifests/nightly-D.json. \
        Holds the workspace lock. A night already finished, with its outputs in place, is not \
        run again. Exit codes: 0 ok (model-quality alerts are in the reports; they fail the \
        job only with fail_on); 2 an input file was refused (the night still ran); 3 an alert \
        reached its fail level (by default an operational critical: rejected rows, time \
        budget); 4 the run date's sales are missing (nothing forecast); 1 internal error; 64 \
        usage (not a workspace, a run date the model in service was trained on); 75 another \
        run holds the lock.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(
      help: "The run date: the day whose sales are in (YYYY-MM-DD); default: yesterday (UTC).")
    var date: Day?

    @Option(
      help: "The nightly configuration (YAML, see jobs/nightly.yaml); default: built-in defaults.")
    var config: String?

    @Flag(help: "Also run every missed night since the last finished one, oldest first.")
    var catchUp = false

    @Flag(
      help: """
        Allow a run date before the training end of the model in service: the night uses the \
        version that was in service then, and does not retrain.
        """)
    var backfill = false

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.nightly")
      let configuration: NightlyConfiguration
      do {
        configuration = try config.map(ConfigurationFile.nightly) ?? NightlyConfiguration()
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
      let (workspace, lock) = try self.workspace.locked(
        command: "nightly", logger: logger, dailyOnly: true)
      defer { lock.release() }
      let runDate = date ?? Clock.today().adding(days: -1)
      let context = NightlyStage.Context(
        workspace: workspace, configuration: configuration, configurationPath: config,
        logger: logger,
        progress: Terminal.progress(enabled: output.showsProgress, label: "nightly"),
        backfill: backfill)
      let dates =
        catchUp ? try NightlyStage.catchUpDates(workspace: workspace, through: runDate) : [runDate]
      var worst = ExitStatus.success
      for day in dates {
        if day != dates.first {
          try StopRequest.checkpoint(
            next: "the night of \(day.iso)", done: "the nights before it",
            resume: "'shelfcast nightly --catch-up --date \(runDate.iso)' runs the rest")
        }
        let outcome: NightlyStage.Outcome
        do {
          outcome = try NightlyStage.run(context, runDate: day)
        } catch PipelineError
          .invalidArgument(let message)
        {
          throw UsageFailure.exit(message)
        }
        if !output.quiet { print(NightlyText.line(outcome)) }
        worst = NightlyText.worse(worst, outcome.status)
        if outcome.status == .inputMissing { break }
      }
      if worst != .success { throw ExitCode(worst.rawValue) }
    }
  }
}
