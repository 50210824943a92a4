import ArgumentParser

/// The `shelfcast` command: a thin shell over the Pipeline library.
@main
struct ShelfCast: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shelfcast",
    abstract: "Forecast retail demand per store and SKU, and recommend what to order.",
    discussion: """
      Exit codes: 0 success; 1 internal error; 2 input refused (a file failed or had too many \
      bad rows, nothing of it stored); 3 an alert reached the --fail-on level (monitor); 5 \
      audit log broken (audit verify); 64 usage error; 75 another run holds the workspace lock.
      """,
    subcommands: [
      Generate.self, Ingest.self, HistoryCommand.self, Status.self, Train.self, Forecast.self,
      Recommend.self, Simulate.self,
      Backtest.self, Monitor.self, RegistryCommand.self, Audit.self, Prune.self, Version.self,
    ])
}
