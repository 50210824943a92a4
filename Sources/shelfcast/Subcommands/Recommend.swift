import ArgumentParser
import DemandCore
import Foundation
import Inventory
import Pipeline

extension ShelfCast {
  struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Recommend what each store should order, most urgent first.",
      discussion: """
        Forecasts from the saved fitted set, starts from the latest stock snapshot on or before \
        D, orders up to the service-level quantile of demand over lead time + review period \
        (A 98 %, B 95 %, C 90 %) in whole case packs, and writes OUT/D/recommendations.csv and \
        OUT/D/store_summary.csv. On a weekly workspace the forecast is weekly: lead time and \
        review period are rounded up to whole weeks and the cover sums those weeks.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The run date (YYYY-MM-DD); default: the last day with demand.")
    var date: Day?

    @Option(help: "Days between two orders of the same SKU (overrides the configuration).")
    var reviewDays: Int?

    @Option(help: "YAML configuration: service levels, review days, costs, category overrides.")
    var config: String?

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    func validate() throws {
      if let reviewDays, !(1...91).contains(reviewDays) {
        throw ValidationError("Please give --review-days between 1 and 91.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.recommend")
      let (workspace, lock) = try self.workspace.locked(command: "recommend", logger: logger)
      defer { lock.release() }
      do {
        var settings = try config.map(ConfigurationFile.inventorySettings) ?? InventorySettings()
        if let reviewDays { settings.reviewDays = reviewDays }
        let outcome = try RecommendStage.run(
          workspace: workspace, date: date, outDirectory: out, settings: settings,
          logger: logger,
          progress: Terminal.progress(enabled: output.showsProgress, label: "recommend"))
        print(
          "Recommendations for \(outcome.date.iso): \(outcome.orderLines) order lines of "
            + "\(outcome.rows) store/SKUs, value \(String(format: "%.2f", outcome.orderValue)): "
            + outcome.recommendationsPath)
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }
}
