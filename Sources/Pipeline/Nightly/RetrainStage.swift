import DemandCore
import Forecasting
import Foundation
import Logging
import Registry
import Tabular

/// `shelfcast retrain` and the nightly job's retraining: a candidate trained on the history
/// before a recent holdout, judged against the champion on that holdout, promoted only by the
/// rules of `PromotionRule`; otherwise rejected, with the reason in the registry either way.
///
/// **No champion yet.** The candidate is trained on the history up to D and promoted as the
/// first model.
///
/// **The holdout.** The candidate is trained on the history up to D − H (H =
/// `holdout_days`); both it and the champion forecast D − H + 1 … D from the history up to
/// D − H, and their medians are scored on the same uncensored store/SKU/days. The version
/// promoted is the one evaluated: it never saw the holdout. (Each night's forecast still reads
/// the history up to its run date, so the last H days inform its states, not its parameters.)
///
/// **Killed and run again.** The candidate is registered with its run date D. A second run for
/// D finds it: still a candidate, it is judged without training again; already promoted or
/// rejected, nothing is done and the recorded decision is returned.
public enum RetrainStage {
  public struct Outcome: Sendable {
    public var runDate: Day
    public var trigger: RetrainTrigger
    public var reason: String
    /// The version trained, as it stands after the decision.
    public var candidate: ModelVersion
    /// `nil` when there was no champion to compare with (the candidate was promoted as the
    /// first model) or the decision had been made by an earlier run.
    public var comparison: HoldoutComparison?
    public var promoted: Bool
    /// Why it was promoted or rejected.
    public var decisionReason: String
    /// The champion after the run.
    public var champion: ModelVersion?
    public var trainingSeconds: Double
    public var evaluationSeconds: Double
    /// Whether an earlier run for the same date had registered the candidate.
    public var resumed: Bool
  }

  /// Retrains for run date `runDate` (see the type's documentation).
  /// - Throws: `PipelineError.invalidArgument` when the history is shorter than the holdout or
  ///   does not reach `runDate`; training, registry and artifact errors (the champion stays
  ///   in service whatever fails).
  public static func run(
    workspace: Workspace, runDate: Day, firing: TriggerFiring, training: ForecastConfiguration,
    settings: RetrainingSettings, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    guard settings.holdoutDays <= training.horizonDays else {
      throw PipelineError.invalidArgument(
        "retraining.holdout_days \(settings.holdoutDays) is longer than the training horizon "
          + "\(training.horizonDays) days.")
    }
    let registry = try workspace.openRegistry()
    let trainingStart = ContinuousClock.now
    let origin = runDate.adding(days: -settings.holdoutDays)
    // Without a champion there is nothing to judge against: train on everything up to D.
    let trainingDay = try registry.champion() == nil ? runDate : origin
    var candidate: ModelVersion
    var resumed = false
    if let earlier = try registry.version(registeredOn: runDate) {
      candidate = earlier
      resumed = true
      logger.notice(
        "retraining resumed", metadata: ["version": "\(earlier.id)", "status": "\(earlier.status)"])
      if earlier.status != .candidate {
        try completeDecision(earlier, workspace: workspace, registry: registry)
        let promoted = earlier.status == .champion || earlier.promotedAt != nil
        return Outcome(
          runDate: runDate, trigger: earlier.trigger, reason: earlier.reason,
          candidate: earlier, comparison: nil, promoted: promoted,
          decisionReason: (promoted ? earlier.promotionReason : earlier.statusReason) ?? "",
          champion: try registry.champion(), trainingSeconds: 0, evaluationSeconds: 0,
          resumed: true)
      }
    } else {
      let database = try workspace.openDatabase()
      let last = try database.lastDemandDay()
      guard let last, last >= runDate else {
        throw PipelineError.invalidArgument(
          "cannot retrain for \(runDate.iso): the history ends on \(last?.iso ?? "no day").")
      }
      candidate = try TrainStage.trainAndRegister(
        workspace: workspace, asOf: trainingDay, configuration: training, logger: logger,
        registration: .init(trigger: firing.trigger, reason: firing.reason), runDate: runDate,
        progress: progress
      ).version
    }
    CrashPoint.hit("retrain.registered")
    let trainingSeconds = MonitorStage.seconds(since: trainingStart)
    let evaluationStart = ContinuousClock.now
    guard let champion = try registry.champion() else {
      let promotion = try RegistryStage.promote(
        workspace: workspace, id: candidate.id, reason: "first model")
      return Outcome(
        runDate: runDate, trigger: firing.trigger, reason: firing.reason,
        candidate: promotion.champion, comparison: nil, promoted: true,
        decisionReason: "first model", champion: promotion.champion,
        trainingSeconds: trainingSeconds, evaluationSeconds: 0, resumed: resumed)
    }
    let evaluation = HoldoutEvaluation(
      source: try HistoryStoreSource(database: try workspace.openDatabase()), origin: origin,
      days: settings.holdoutDays)
    let scores = try evaluation.scores([
      try registry.loadFittedSet(candidate.id), try registry.loadFittedSet(champion.id),
    ])
    let comparison = HoldoutComparison(
      firstDay: origin.adding(days: 1), lastDay: runDate, points: scores[0].points,
      candidateWAPE: scores[0].wape, championWAPE: scores[1].wape,
      championAgeDays: champion.windowLastDay.days(to: runDate))
    let decision = PromotionRule.decide(comparison, settings: settings)
    CrashPoint.hit("retrain.before-decision")
    logger.notice(
      "retraining judged",
      metadata: [
        "candidate": "\(candidate.id)", "champion": "\(champion.id)",
        "promoted": "\(decision.promote)", "reason": "\(decision.reason)",
      ])
    if decision.promote {
      candidate =
        try RegistryStage.promote(workspace: workspace, id: candidate.id, reason: decision.reason)
        .champion
    } else {
      candidate = try RegistryStage.reject(
        workspace: workspace, id: candidate.id, reason: decision.reason)
    }
    return Outcome(
      runDate: runDate, trigger: firing.trigger, reason: firing.reason, candidate: candidate,
      comparison: comparison, promoted: decision.promote, decisionReason: decision.reason,
      champion: try registry.champion(), trainingSeconds: trainingSeconds,
      evaluationSeconds: MonitorStage.seconds(since: evaluationStart), resumed: resumed)
  }

  /// Writes again the files that follow a decision, for a version an earlier run for the same
  /// date promoted or rejected: that run may have been killed after committing the decision and
  /// before writing them. Its model card; for a promotion, the card of the version it replaced
  /// (retired at the moment of the promotion) and `models/selection.csv`. Each file is
  /// rewritten whole from the registry, so writing it twice changes nothing.
  static func completeDecision(
    _ version: ModelVersion, workspace: Workspace, registry: ModelRegistry
  ) throws {
    try RegistryStage.writeCard(workspace, version)
    guard version.status == .champion, let promotedAt = version.promotedAt else { return }
    if let replaced = try registry.list().first(where: {
      $0.id != version.id && $0.retiredAt == promotedAt
    }) {
      try RegistryStage.writeCard(workspace, replaced)
    }
    try AtomicFile.write(
      ForecastFiles.selectionCSV(try registry.loadFittedSet(version.id).series),
      to: workspace.selectionPath)
  }
}
