import ArgumentParser
import DemandCore
import Foundation
import Pipeline
import Registry

extension ShelfCast {
  struct Retrain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train a candidate and promote it only if it beats the champion on a holdout.",
      discussion: """
        The candidate is trained on the history up to D minus retraining.holdout_days; it and \
        the champion forecast the held-out days from the same history and are scored by WAPE \
        on the same store/SKU/days. It is promoted when better by retraining.\
        minimum_improvement, or when the champion is older than \
        retraining.maximum_champion_age_days and the candidate not much worse; otherwise it \
        is rejected. Either way the registry records why.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The run date (YYYY-MM-DD); default: the last day with demand.")
    var asOf: Day?

    @Option(help: "Why, for the registry and the audit log.")
    var reason = "retrained by hand"

    @Option(help: "The nightly configuration (YAML) for the training and retraining sections.")
    var config: String?

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.retrain")
      do {
        let configuration = try config.map(ConfigurationFile.nightly) ?? NightlyConfiguration()
        let (workspace, lock) = try self.workspace.locked(command: "retrain", logger: logger)
        defer { lock.release() }
        guard let last = try workspace.openDatabase().lastDemandDay() else {
          throw PipelineError.invalidArgument("the workspace holds no demand; ingest first.")
        }
        let outcome = try RetrainStage.run(
          workspace: workspace, runDate: asOf ?? last,
          firing: TriggerFiring(trigger: .manual, reason: reason),
          training: try configuration.training.forecastConfiguration(),
          settings: configuration.retraining, logger: logger,
          progress: Terminal.progress(enabled: output.showsProgress, label: "retrain"))
        print(
          "\(outcome.candidate.id) \(outcome.promoted ? "promoted" : "rejected"): "
            + outcome.decisionReason)
        print("Champion: \(outcome.champion?.id ?? "none")")
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }
}
