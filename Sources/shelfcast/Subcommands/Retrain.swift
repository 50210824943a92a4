import ArgumentParser
import DemandCore
import Foundation
import Pipeline
import Registry

extension ShelfCast {
  struct Retrain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train a candidate; if it beats the champion on unseen days, refit and promote.",
      discussion: """
        The comparison's cut-off is c = max(D − retraining.holdout_days, the champion's \
        training end): the candidate is trained on the history up to c, and it and the champion \
        forecast c+1 … D from the same origins (every retraining.origin_step_days), each from \
        the history up to the origin, scored by WAPE on the same store/SKU/days. Fewer than \
        retraining.min_holdout_days days after c: deferred, nothing trained. It wins when \
        better by retraining.minimum_improvement, or when the champion is older than \
        retraining.maximum_champion_age_days and the candidate not much worse; a winner is \
        refitted on the history up to D and the refit serves. Otherwise it is rejected. The \
        registry records the decision, the holdout, the horizons and the points.
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
        let (workspace, lock) = try self.workspace.locked(
          command: "retrain", logger: logger, dailyOnly: true)
        defer { lock.release() }
        guard let last = try workspace.openDatabase().lastDemandDay() else {
          throw PipelineError.invalidArgument("the workspace holds no demand; ingest first.")
        }
        let training = try configuration.training.forecastConfiguration()
        let runDate = asOf ?? last
        let outcome = try StopRequest.during(
          "a training of the retraining for \(runDate.iso)",
          done: "what the registry records for that date (a judged candidate, its refit)",
          resume: "the next 'shelfcast retrain --as-of \(runDate.iso)' resumes from what is "
            + "registered and trains nothing twice"
        ) {
          try RetrainStage.run(
            workspace: workspace, runDate: runDate,
            firing: TriggerFiring(trigger: .manual, reason: reason), training: training,
            settings: configuration.retraining, logger: logger,
            progress: Terminal.progress(enabled: output.showsProgress, label: "retrain"))
        }
        print(
          (outcome.version.map { "\($0.id) " } ?? "") + "\(outcome.decision.kind.rawValue): "
            + outcome.decisionReason)
        print("Champion: \(outcome.champion?.id ?? "none")")
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }
}
