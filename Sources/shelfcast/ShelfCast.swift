import ArgumentParser
import Pipeline
import Tabular

/// The `shelfcast` command: a thin shell over the Pipeline library.
@main
struct ShelfCast: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shelfcast",
    abstract: "Forecast retail demand per store and SKU, and recommend what to order.",
    discussion: """
      Exit codes: 0 success; 1 internal error; 2 input refused (a file failed or had too many \
      bad rows, nothing of it stored); 3 an alert reached its fail level (monitor --fail-on; \
      nightly: fail_on_operational, fail_on); 4 the run date's sales are missing (nightly: \
      nothing forecast); 5 audit log broken (audit verify); 64 usage error (a --workspace that is not a workspace, a run date \
      the model in service was trained on); 75 another run holds the workspace lock; 130 and \
      143 stopped by SIGINT or SIGTERM after the current step.
      """,
    subcommands: [
      Generate.self, Import.self, Init.self, Ingest.self, HistoryCommand.self, Status.self,
      Train.self, Forecast.self, Recommend.self, Explain.self, Simulate.self, Backtest.self,
      Monitor.self, Retrain.self, Nightly.self, Intraday.self, Demo.self, Prune.self,
      RegistryCommand.self, Audit.self, ConfigCommand.self, Version.self, Restore.self, Serve.self,
      TokenCommand.self,
    ])

  /// Runs the command with SIGINT and SIGTERM turned into stop requests (`StopSignals`): a
  /// command they stop between two steps, or that finishes while one is pending, exits with
  /// 130 (SIGINT) or 143 (SIGTERM) and one line saying what was done and what comes next. A
  /// `PipelineError.invalidArgument` that no command handled exits with the usage code, 64.
  static func main() {
    StopSignals.install()
    do {
      var command = try parseAsRoot()
      try command.run()
      if let signal = StopRequest.signal {
        let summary = "the command finished its work before stopping; nothing is left to do"
        exit(withError: StopSignals.stopped(signal, summary: summary))
      }
    } catch PipelineError.interrupted(let signal, let summary) {
      exit(withError: StopSignals.stopped(signal, summary: summary))
    } catch PipelineError.invalidArgument(let message) {
      // A request the workspace cannot honour (a grain it cannot take, a date outside its
      // history), found while running: a usage error, whichever command met it.
      exit(withError: UsageFailure.exit(message))
    } catch is Cancelled {
      // A long computation stopped part-way that no command named (each names its own).
      let summary =
        "stopped part-way (the work under way was dropped; nothing half-written is left); "
        + "run the command again to do it"
      exit(withError: StopSignals.stopped(StopRequest.signal ?? .interrupt, summary: summary))
    } catch {
      exit(withError: error)
    }
  }
}
