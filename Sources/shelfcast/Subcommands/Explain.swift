import ArgumentParser
import DemandCore
import Forecasting
import Pipeline

extension ShelfCast {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain one store/SKU's forecast: the models that made it, part by part.",
      discussion: """
        Makes the forecast issued on D again from the fitted set in service. Each day lists \
        the models whose values made the issued mean (one, or those of a per-day median), each \
        split into its parts (an ETS level, trend and season; a week-of-year index, this \
        store's and the SKU's; the value a season ago; a recent mean; a Croston rate), with \
        [issued] on the one that is the issued mean. Then the category regression's \
        prediction, split exactly: baseline (the level times the category's average, all \
        features at their training means) plus one contribution per feature, coefficient × \
        (value − training mean) × level, in units; marked for reference on days it did not \
        serve. On a weekly workspace D is a week-ending date, --days counts weeks and each \
        target is a week-ending date.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The store id, as in the master data (S001).")
    var store: String

    @Option(help: "The SKU id, as in the master data (P00042).")
    var sku: String

    @Option(help: "The run date (YYYY-MM-DD); default: the last day with demand.")
    var date: Day?

    @Option(help: "Days to explain after the run date; default: the trained horizon.")
    var days: Int?

    @Option(help: "Contributions listed per day, largest first; the rest are summed.")
    var top = 8

    func validate() throws {
      if let days, !(1...ForecastConfiguration.maximumHorizonDays).contains(days) {
        throw ValidationError(
          "Please give --days between 1 and \(ForecastConfiguration.maximumHorizonDays).")
      }
      guard top >= 1 else { throw ValidationError("Please give --top of at least 1.") }
    }

    func run() throws {
      let root = try workspace.existing()
      let explanation: SeriesExplanation
      do {
        explanation = try ExplainStage.explain(
          workspace: root, store: StoreID(store), sku: SKUID(sku),
          date: date, horizonDays: days)
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      } catch let error as ForecastError {
        switch error {
        case .invalidConfiguration, .seriesNotFound: throw UsageFailure.exit("\(error)")
        default: throw error
        }
      }
      print(ExplainText.render(explanation, top: top))
    }
  }
}
