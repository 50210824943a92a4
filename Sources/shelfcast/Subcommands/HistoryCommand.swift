import ArgumentParser
import DemandCore
import Pipeline

extension ShelfCast {
  struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Print the daily demand history of one SKU in one store, as CSV.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Store id, as in stores.csv.")
    var store: String

    @Option(help: "SKU id, as in skus.csv.")
    var sku: String

    @Option(help: "First day to print (YYYY-MM-DD).")
    var from: Day?

    @Option(help: "Last day to print (YYYY-MM-DD).")
    var to: Day?

    @Flag(help: "Print a '# STORE / SKU: N days (first … last)' line before the CSV header.")
    var comment = false

    func run() throws {
      do {
        let text = try HistoryText.render(
          workspace: try workspace.existing(), store: StoreID(store), sku: SKUID(sku), from: from,
          to: to, comment: comment)
        print(text, terminator: "")
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }

  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Summarise what the workspace holds: master data, files, days and demand.")

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Print the counts as JSON, for scripts.")
    var json = false

    func run() throws {
      let workspace = try workspace.existing()
      print(
        json
          ? try StatusText.json(workspace: workspace) : try StatusText.render(workspace: workspace))
    }
  }
}
