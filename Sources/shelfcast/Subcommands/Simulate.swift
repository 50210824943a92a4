import ArgumentParser
import DemandCore
import Foundation
import Inventory
import Pipeline

extension SimulateStage.PolicyName: ExpressibleByArgument {}

extension ShelfCast {
  struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Replay days under each ordering policy and compare stock-outs and carrying cost.",
      discussion: """
        Each simulated morning the policy orders, orders arrive after each SKU's lead time, and \
        the day's demand is drawn from the generator's true expected demand: negative binomial \
        with each SKU's dispersion (--dispersion), Poisson without one; the seed fixes the \
        draws, the same for every policy. Sales are capped by stock and unmet demand is \
        lost. shelfcast forecasts every night from the saved fitted set and the history so far, \
        real then simulated, and orders as 'recommend' does; baseline orders weekly up to the \
        4-week average × (lead time + 7 days) + one week; oracle orders from the true demand. \
        Writes OUT/simulation/summary.csv, stores.csv, comparison.csv and tail_coverage.csv.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "First simulated day; default: the day after the fitted set's last training day.")
    var from: Day?

    @Option(help: "Last simulated day; default: 13 weeks (91 days) from --from.")
    var to: Day?

    @Option(
      help: "Policy to simulate: shelfcast, baseline or oracle (repeatable; default: all three).")
    var policy: [SimulateStage.PolicyName] = []

    @Option(help: "The chain's truth/expected_demand.csv (true expected demand per day).")
    var truth: String

    @Option(
      help: ArgumentHelp(
        "The chain's truth/demand_dispersion.csv; default: beside --truth when it exists, else Poisson draws.",
        valueName: "file"))
    var dispersion: String?

    @Option(help: "Seed of the demand draws.")
    var seed: UInt64 = 1

    @Option(help: "Nights between two forecasts of the shelfcast policy (1: every night).")
    var forecastEvery: Int = 1

    @Flag(
      help:
        "Also run the oracle at a range of service levels to read its carrying cost at shelfcast's fill rate."
    )
    var oracleFrontier = false

    @Flag(
      help:
        "Also run shelfcast at a range of service levels to read its carrying cost at the baseline's fill rate and its stock-outs at the baseline's carrying cost (one more simulation per level)."
    )
    var shelfcastFrontier = false

    @Option(help: "YAML configuration: service levels, review days, costs, category overrides.")
    var config: String?

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    func validate() throws {
      if !(1...28).contains(forecastEvery) {
        throw ValidationError("Please give --forecast-every between 1 and 28.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.simulate")
      let (workspace, lock) = try self.workspace.locked(
        command: "simulate", logger: logger, dailyOnly: true)
      defer { lock.release() }
      do {
        var options = SimulateStage.Options(truthPath: truth)
        options.from = from
        options.to = to
        if !policy.isEmpty { options.policies = policy }
        options.dispersionPath = dispersion
        options.seed = seed
        options.forecastEveryDays = forecastEvery
        options.oracleFrontier = oracleFrontier
        options.shelfcastFrontier = shelfcastFrontier
        options.outDirectory = out
        if let config { options.settings = try ConfigurationFile.inventorySettings(path: config) }
        let outcome = try StopRequest.during(
          "the simulation", done: "nothing (no file under simulation/ written)",
          resume: "the next 'shelfcast simulate' runs it again from the start"
        ) {
          try SimulateStage.run(
            workspace: workspace, options: options, logger: logger,
            progress: Terminal.progress(enabled: output.showsProgress, label: "simulate"))
        }
        print(SimulationText.render(outcome))
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }
}
