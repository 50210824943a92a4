import DemandCore
import Forecasting
import Foundation
import Logging
import Registry
import Tabular

/// `shelfcast retrain` and the nightly job's retraining: a candidate judged against the
/// champion on days neither model was trained on, promoted only by the rules of
/// `PromotionRule`, then refitted on all the history before it serves.
///
/// **No champion yet.** A candidate is trained on the history up to D and promoted as the
/// first model (`RetrainDecision.firstModel`).
///
/// **The fair comparison** (`HoldoutPlan`). With E the champion's window end and H the holdout
/// (`holdout_days`; `drift_holdout_days` for a drift trigger), the cut-off is
/// c = max(D − H, E). Fewer than `min_holdout_days` days after c, or no origin after E (with
/// the champion's configuration the challenger would learn nothing new): deferred, nothing
/// trained. Otherwise a candidate is trained on the history up to c and registered; the
/// champion (as registered) and the challenger forecast the holdout c + 1 … D from the origins
/// c, c + s, … (s = `origin_step_days`), each from the history up to its origin only: the
/// champion re-filtered, the challenger retrained at each origin (the registered candidate at c,
/// in memory at the later ones), as the retraining would have done on that day. Their medians
/// are scored by WAPE on the same uncensored store/SKU/days at the same horizons.
/// `HoldoutEvaluation` refuses a model trained after its origin, so no score uses a forecast
/// whose model saw the scored day.
///
/// **Promotion, then refit.** A winner is recorded as judged, then trained again with the same
/// configuration on the history up to D; that refit (window end D, evaluation window end c,
/// `refitOf` the judged one) is what is promoted and serves. A loser is rejected.
///
/// **Killed and run again.** Every version is registered with its run date D: the judged
/// candidate (window end c < D), then its refit (window end D). A second run for D resumes from
/// what is there (judge, refit, link, promote) and trains nothing twice; once decided it only
/// rewrites the files that follow the decision and returns the recorded decision.
public enum RetrainStage {
  public struct Outcome: Sendable {
    public var runDate: Day
    public var trigger: RetrainTrigger
    /// Why the retraining ran (the trigger's sentence).
    public var reason: String
    public var decision: RetrainDecision
    /// The decision's sentence, with the holdout, both WAPEs and the points when compared.
    public var decisionReason: String
    /// The candidate judged (window end c), or the first model; `nil` when deferred.
    public var candidate: ModelVersion?
    /// After a promotion, the judged candidate's refit on the history up to D: the champion.
    public var refit: ModelVersion?
    /// `nil` for the first model and a deferral.
    public var comparison: HoldoutComparison?
    /// The champion after the run.
    public var champion: ModelVersion?
    /// Seconds spent training the candidate, scoring the holdout, and refitting.
    public var trainingSeconds: Double
    public var evaluationSeconds: Double
    public var refitSeconds: Double
    /// Whether an earlier run for the same date had registered a version.
    public var resumed: Bool

    /// Whether the run changed the champion (`firstModel` or `promoted`).
    public var promoted: Bool { decision.changesChampion }
    /// The version the night reports: the refit after a promotion, else the candidate.
    public var version: ModelVersion? { refit ?? candidate }
  }

  /// Retrains for run date `runDate` (see the type's documentation).
  /// - Throws: `PipelineError.invalidArgument` when a setting is out of range, the holdout is
  ///   longer than the training horizon or the history does not reach `runDate`; `RetrainError`; training, registry
  ///   and artifact errors (the champion stays in service whatever fails).
  public static func run(
    workspace: Workspace, runDate: Day, firing: TriggerFiring, training: ForecastConfiguration,
    settings: RetrainingSettings, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    do { try settings.validate() } catch { throw PipelineError.invalidArgument("\(error)") }
    let holdoutDays = settings.holdoutDays(for: firing.trigger)
    guard holdoutDays <= training.horizonDays else {
      throw PipelineError.invalidArgument(
        "the retraining's holdout of \(holdoutDays) days is longer than the training horizon "
          + "\(training.horizonDays) days.")
    }
    var run = Run(
      workspace: workspace, registry: try workspace.openRegistry(), runDate: runDate,
      firing: firing, training: training, settings: settings, logger: logger, progress: progress)
    return try run.retrain(holdoutDays: holdoutDays)
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
    try RegistryStage.writeServingFiles(workspace, try registry.loadFittedSet(version.id))
  }
}

extension RetrainStage {
  /// One retraining's state, step by step.
  struct Run {
    var workspace: Workspace
    var registry: ModelRegistry
    var runDate: Day
    var firing: TriggerFiring
    var training: ForecastConfiguration
    var settings: RetrainingSettings
    var logger: Logger
    var progress: (@Sendable (Int, Int, String) -> Void)?
    var trainingSeconds = 0.0
    var evaluationSeconds = 0.0
    var refitSeconds = 0.0
    var resumed = false

    mutating func retrain(holdoutDays: Int) throws -> Outcome {
      let registered = try registry.versions(registeredOn: runDate)
      resumed = !registered.isEmpty
      if resumed {
        logger.notice(
          "retraining resumed", metadata: ["versions": "\(registered.map(\.id))"])
      }
      var judged = registered.first { $0.windowLastDay < runDate }
      let full = registered.last { $0.windowLastDay >= runDate }
      if judged == nil {
        guard full == nil, let champion = try registry.champion() else {
          return try firstModel(registered: full)
        }
        try checkHistory()
        switch plan(champion: champion, holdoutDays: holdoutDays) {
        case .failure(let deferral):
          return try postpone(deferral, champion: champion)
        case .success(let plan):
          let start = ContinuousClock.now
          judged = try train(through: plan.cutOff)
          trainingSeconds = MonitorStage.seconds(since: start)
        }
      }
      guard var judged else { preconditionFailure("a candidate was trained or found") }
      CrashPoint.hit("retrain.registered")
      if judged.decision == nil {
        guard let champion = try registry.champion() else { throw RegistryError.noChampion }
        judged = try judge(judged, champion: champion, holdoutDays: holdoutDays)
      }
      guard let judgement = judged.decision, judgement.kind == .promoted else {
        // Rejected, now or by an earlier run killed before it wrote the card.
        try completeDecision(judged, workspace: workspace, registry: registry)
        return outcome(candidate: judged, refit: nil)
      }
      return try refitAndPromote(judged, refit: full)
    }

    /// `registered` (an earlier run's), or a version trained now on the history up to D, with
    /// the seconds that training took (0 when found).
    func foundOrTrainedThroughRunDate(_ registered: ModelVersion?) throws -> (ModelVersion, Double)
    {
      if let registered { return (registered, 0) }
      try checkHistory()
      let start = ContinuousClock.now
      let version = try train(through: runDate)
      return (version, MonitorStage.seconds(since: start))
    }

    /// No champion: the version trained on everything up to D serves.
    mutating func firstModel(registered: ModelVersion?) throws -> Outcome {
      var version: ModelVersion
      (version, trainingSeconds) = try foundOrTrainedThroughRunDate(registered)
      CrashPoint.hit("retrain.registered")
      if version.promotedAt == nil, try registry.champion() == nil {
        version =
          try RegistryStage.promote(workspace: workspace, id: version.id, reason: "first model")
          .champion
      } else {
        try completeDecision(version, workspace: workspace, registry: registry)
      }
      var result = outcome(candidate: version, refit: nil)
      result.decision = version.decision ?? .firstModel
      result.decisionReason = "first model"
      return result
    }

    /// Too few unseen days: nothing is trained; recorded in the audit log.
    func postpone(_ deferral: HoldoutPlan.Deferral, champion: ModelVersion) throws -> Outcome {
      logger.notice(
        "retraining deferred",
        metadata: ["champion": "\(champion.id)", "reason": "\(deferral.reason)"])
      try registry.recordDeferral(runDate: runDate, championID: champion.id, deferral)
      return Outcome(
        runDate: runDate, trigger: firing.trigger, reason: firing.reason,
        decision: .deferred(deferral), decisionReason: deferral.reason, candidate: nil,
        refit: nil, comparison: nil, champion: champion, trainingSeconds: 0,
        evaluationSeconds: 0, refitSeconds: 0, resumed: false)
    }

    /// Scores `candidate` and `champion` on the plan's holdout and records the decision (a
    /// loser is rejected in the same transaction).
    mutating func judge(_ candidate: ModelVersion, champion: ModelVersion, holdoutDays: Int)
      throws -> ModelVersion
    {
      let planned = plan(champion: champion, holdoutDays: holdoutDays)
      guard case .success(let plan) = planned, plan.cutOff == candidate.windowLastDay else {
        let cutOff = (try? planned.get().cutOff) ?? champion.windowLastDay
        throw RetrainError.cutOffChanged(
          version: candidate.id, trainedThrough: candidate.windowLastDay, cutOff: cutOff)
      }
      let start = ContinuousClock.now
      let evaluation = HoldoutEvaluation(
        source: try HistoryStoreSource(database: try workspace.openDatabase()), plan: plan)
      let registered = try registry.loadFittedSet(candidate.id)
      let championSet = try registry.loadFittedSet(champion.id)
      let scores = try evaluation.scores(names: [candidate.id, champion.id]) { origin in
        [origin == plan.cutOff ? registered : try challenger(through: origin), championSet]
      }
      let comparison = HoldoutComparison(
        firstDay: plan.firstDay, lastDay: runDate, points: scores[0].points,
        candidateWAPE: scores[0].wape, championWAPE: scores[1].wape,
        championAgeDays: champion.windowLastDay.days(to: runDate), origins: plan.origins,
        maximumHorizonDays: plan.maximumHorizonDays,
        candidateWindowLastDay: candidate.windowLastDay,
        championWindowLastDay: champion.windowLastDay, candidateVersion: candidate.id,
        championVersion: champion.id,
        minimumDaysAfterTraining: scores.compactMap(\.minimumDaysAfterTraining).min())
      let verdict = PromotionRule.decide(comparison, settings: settings)
      evaluationSeconds = MonitorStage.seconds(since: start)
      CrashPoint.hit("retrain.before-decision")
      logger.notice(
        "retraining judged",
        metadata: [
          "candidate": "\(candidate.id)", "champion": "\(champion.id)",
          "decision": "\(verdict.decision.kind.rawValue)", "reason": "\(verdict.reason)",
        ])
      let judged = try registry.recordJudgement(
        candidate.id,
        Judgement(
          evaluationWindowLastDay: plan.cutOff, comparison: comparison,
          decision: verdict.decision, reason: verdict.reason))
      CrashPoint.hit("retrain.judged")
      return judged
    }

    /// Trains the winner again on the history up to D (unless an earlier run did), links the
    /// refit to it and promotes the refit.
    mutating func refitAndPromote(_ judged: ModelVersion, refit registered: ModelVersion?)
      throws -> Outcome
    {
      var refit: ModelVersion
      (refit, refitSeconds) = try foundOrTrainedThroughRunDate(registered)
      CrashPoint.hit("retrain.refit-registered")
      refit = try registry.linkRefit(refit.id, to: judged.id)
      let reason =
        (judged.comparison.map { PromotionRule.decide($0, settings: settings).reason }
          ?? "won its comparison")
        + "; evaluated as \(judged.id) (trained through \(judged.windowLastDay.iso)), serving "
        + "as its refit through \(refit.windowLastDay.iso)"
      if refit.promotedAt == nil, refit.status == .candidate {
        let promotion = try RegistryStage.promote(
          workspace: workspace, id: refit.id, reason: reason)
        refit = promotion.champion
        try startShadow(behind: refit, replaced: promotion.replaced?.id)
      } else {
        try completeDecision(refit, workspace: workspace, registry: registry)
        if refit.status == .champion {
          try startShadow(behind: refit, replaced: judged.comparison?.championVersion)
        }
      }
      let judgedNow = try registry.show(judged.id)
      try RegistryStage.writeCard(workspace, judgedNow)
      var result = outcome(candidate: judgedNow, refit: refit)
      result.decisionReason = refit.promotionReason ?? reason
      return result
    }

    /// Records that `replaced` forecasts in shadow behind `champion` on the `shadow_nights` run
    /// dates from this one (whose forecast the new champion makes; see `ShadowLog`). Idempotent,
    /// so a resumed run calls it again.
    func startShadow(behind champion: ModelVersion, replaced: String?) throws {
      guard settings.shadowNights > 0, let replaced else { return }
      CrashPoint.hit("retrain.before-shadow")
      try ShadowLog(database: registry.database).start(
        champion: champion.id, shadow: replaced, firstNight: runDate,
        nights: settings.shadowNights)
    }

    /// The plan for `runDate` against `champion` (new data required unless the training
    /// configuration differs from the champion's).
    func plan(champion: ModelVersion, holdoutDays: Int) -> Result<HoldoutPlan, HoldoutPlan.Deferral>
    {
      let championConfiguration = try? JSONDecoder().decode(
        ForecastConfiguration.self, from: Data(champion.configurationJSON.utf8))
      return HoldoutPlan.make(
        runDate: runDate, championWindowLastDay: champion.windowLastDay,
        holdoutDays: holdoutDays, minimumDays: settings.minimumHoldoutDays,
        originStepDays: settings.originStepDays,
        requireNewData: championConfiguration == training)
    }

    /// The challenger at a later origin: trained in memory on the history up to `day`, with
    /// the candidate's configuration, registered nowhere.
    func challenger(through day: Day) throws -> FittedSet {
      logger.notice(
        "retraining the challenger at a later origin", metadata: ["origin": "\(day.iso)"])
      let source = try HistoryStoreSource(database: try workspace.openDatabase())
      return try StandardModels.trainer(configuration: training).train(
        source: source, lastDay: day, cancellation: StopRequest.cancellation
      ) { done, total in
        progress?(done, total, "stores (origin \(day.iso))")
      }.fittedSet
    }

    /// Trains on the history up to `day` and registers the candidate for `runDate`.
    func train(through day: Day) throws -> ModelVersion {
      try TrainStage.trainAndRegister(
        workspace: workspace, asOf: day, configuration: training, logger: logger,
        registration: .init(trigger: firing.trigger, reason: firing.reason), runDate: runDate,
        progress: progress
      ).version
    }

    /// - Throws: `PipelineError.invalidArgument` unless the history reaches `runDate`.
    func checkHistory() throws {
      let last = try workspace.openDatabase().lastDemandDay()
      guard let last, last >= runDate else {
        throw PipelineError.invalidArgument(
          "cannot retrain for \(runDate.iso): the history ends on \(last?.iso ?? "no day").")
      }
    }

    /// The outcome of a decided candidate (and its refit), from what the registry recorded.
    func outcome(candidate: ModelVersion, refit: ModelVersion?) -> Outcome {
      let decision = candidate.decision ?? .failed(error: "no decision recorded")
      let reason: String
      switch decision.kind {
      case .rejected: reason = candidate.statusReason ?? ""
      case .promoted: reason = refit?.promotionReason ?? ""
      default: reason = ""
      }
      return Outcome(
        runDate: runDate, trigger: firing.trigger, reason: firing.reason, decision: decision,
        decisionReason: reason, candidate: candidate, refit: refit,
        comparison: candidate.comparison, champion: try? registry.champion(),
        trainingSeconds: trainingSeconds, evaluationSeconds: evaluationSeconds,
        refitSeconds: refitSeconds, resumed: resumed)
    }
  }
}
