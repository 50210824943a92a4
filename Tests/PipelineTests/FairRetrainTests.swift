import DemandCore
import Forecasting
import Foundation
import Logging
import Registry
import Synthetic
import XCTest
import _TestSupport

@testable import Pipeline

/// The retraining's fair comparison on a small generated chain (2 stores × 8 SKUs × 200 days,
/// run date D = the last day): no score uses a forecast whose model saw the scored day, a
/// champion trained recently defers the retraining, a winner is refitted through D, and a drift
/// trigger judges on its shorter holdout.
final class FairRetrainTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  private var runDate: Day { start.adding(days: 199) }
  private let training = ForecastConfiguration(horizonDays: 14)

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-fair-retrain")
  }

  override func tearDown() { directory = nil }

  private var logger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
  }

  /// A workspace with the whole history and a champion trained through `championThrough`.
  private func workspace(championThrough: Day) throws -> Workspace {
    let chain = directory.path("chain")
    let configuration = ChainConfiguration(
      storeCount: 2, skuCount: 8, start: start, dayCount: 200, transactionDayCount: 0, seed: 5)
    _ = try ChainGenerator(configuration: configuration).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"], asOf: runDate,
      logger: logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: championThrough, configuration: training, logger: logger)
    return workspace
  }

  private func retrain(
    _ workspace: Workspace, on day: Day? = nil, trigger: RetrainTrigger = .schedule,
    _ settings: RetrainingSettings
  ) throws -> RetrainStage.Outcome {
    try RetrainStage.run(
      workspace: workspace, runDate: day ?? runDate,
      firing: TriggerFiring(trigger: trigger, reason: "test"), training: training,
      settings: settings, logger: logger)
  }

  /// The demo's unfair case: the champion was trained through D − 3, later than D − H
  /// (H = 14). The comparison starts at the first origin after its window (c = D − 2, holdout
  /// D − 1 … D); with daily origins the challenger is the candidate trained through c, then
  /// retrained through D − 1 for the day after it. Every scored day is at least one day
  /// after the last training day of the model that forecast it. Offered the old holdout
  /// (cut-off D − 14), the evaluation refuses the champion before scoring anything.
  func testNoScoreUsesAForecastWhoseModelSawTheScoredDay() throws {
    let championEnd = runDate.adding(days: -3)
    let workspace = try workspace(championThrough: championEnd)
    let settings = RetrainingSettings(
      weekday: nil, holdoutDays: 14, minimumHoldoutDays: 2, originStepDays: 1, newSeriesShare: 0)
    let outcome = try retrain(workspace, settings)
    let comparison = try XCTUnwrap(outcome.comparison, "\(outcome.decision)")
    XCTAssertEqual(comparison.championWindowLastDay, championEnd)
    XCTAssertEqual(comparison.firstDay, runDate.adding(days: -1))
    XCTAssertGreaterThan(comparison.firstDay, comparison.championWindowLastDay)
    XCTAssertGreaterThan(comparison.firstDay, comparison.candidateWindowLastDay)
    XCTAssertEqual(comparison.origins, [-2, -1].map { runDate.adding(days: $0) })
    XCTAssertEqual(comparison.maximumHorizonDays, 1)
    XCTAssertEqual(comparison.minimumDaysAfterTraining, 1)
    XCTAssertGreaterThan(comparison.points, 0)
    let candidate = try XCTUnwrap(outcome.candidate)
    let cutOff = runDate.adding(days: -2)
    XCTAssertEqual(candidate.windowLastDay, cutOff)
    XCTAssertEqual(candidate.evaluationWindowLastDay, cutOff)

    // Score again with the two registered sets, point by point: the closest a scored day
    // comes to a model's window.
    let registry = try workspace.openRegistry()
    let sets = [
      try registry.loadFittedSet(candidate.id),
      try registry.loadFittedSet(try XCTUnwrap(comparison.championVersion)),
    ]
    XCTAssertEqual(sets.map(\.lastTrainingDay), [cutOff, championEnd])
    let source = try HistoryStoreSource(database: try workspace.openDatabase())
    let plan = HoldoutPlan(runDate: runDate, cutOff: cutOff, originStepDays: 7)
    let scores = try HoldoutEvaluation(source: source, plan: plan).scores(
      sets, names: ["candidate", "champion"])
    XCTAssertEqual(scores.map(\.minimumDaysAfterTraining), [1, 2])
    XCTAssertEqual(scores[0].points, scores[1].points)

    // A model trained after its origin is refused: here the champion at the old cut-off.
    let unfair = HoldoutPlan(
      runDate: runDate, cutOff: runDate.adding(days: -14), originStepDays: 7)
    XCTAssertThrowsError(
      try HoldoutEvaluation(source: source, plan: unfair).scores(
        [sets[1]], names: ["champion"])
    ) { error in
      XCTAssertEqual(
        error as? RetrainError,
        .modelSawHoldout(
          version: "champion", windowLastDay: championEnd,
          firstScoredDay: runDate.adding(days: -13)))
    }
    // And so is a challenger offered at an origin before its window's end.
    XCTAssertThrowsError(
      try HoldoutEvaluation(source: source, plan: plan).scores(names: ["late"]) { origin in
        [
          try StandardModels.trainer(configuration: self.training).train(
            source: source, lastDay: origin.adding(days: 1)
          ).fittedSet
        ]
      })
  }

  /// With the default minimum of 7 days, the champion trained through D − 3 leaves 3 unseen
  /// days: deferred, nothing trained, the champion stays, the audit log says so.
  func testTooFewUnseenDaysDeferWithoutTraining() throws {
    let workspace = try workspace(championThrough: runDate.adding(days: -3))
    let outcome = try retrain(workspace, RetrainingSettings(weekday: nil, newSeriesShare: 0))
    XCTAssertEqual(
      outcome.decision,
      .deferred(
        HoldoutPlan.Deferral(
          championWindowLastDay: runDate.adding(days: -3), unseenDays: 3, requiredDays: 7)))
    XCTAssertNil(outcome.candidate)
    XCTAssertFalse(outcome.promoted)
    let registry = try workspace.openRegistry()
    XCTAssertEqual(try registry.list().map(\.id), ["v0001"])
    XCTAssertEqual(try registry.champion()?.id, "v0001")
    XCTAssertEqual(try registry.audit.entries().last?.action, .retrainDeferred)
  }

  /// A winner (a stale champion and a generous tolerance make any candidate win) is refitted
  /// through D; the refit serves with both windows; run again, nothing more is trained.
  func testAWinnerIsRefittedThroughTheRunDateBeforeItServes() throws {
    let workspace = try workspace(championThrough: runDate.adding(days: -20))
    let settings = RetrainingSettings(
      weekday: nil, maximumChampionAgeDays: 1, maximumDegradation: 10, newSeriesShare: 0)
    let outcome = try retrain(workspace, settings)
    XCTAssertEqual(outcome.decision.kind, .promoted)
    let judged = try XCTUnwrap(outcome.candidate)
    let refit = try XCTUnwrap(outcome.refit)
    XCTAssertEqual(judged.windowLastDay, runDate.adding(days: -14))
    XCTAssertEqual(outcome.comparison?.origins.count, 2, "origins D − 14 and D − 7")
    XCTAssertEqual(outcome.comparison?.minimumDaysAfterTraining, 1)
    XCTAssertEqual(refit.windowLastDay, runDate)
    XCTAssertEqual(refit.evaluationWindowLastDay, runDate.adding(days: -14))
    XCTAssertEqual(refit.refitOf, judged.id)
    XCTAssertEqual(refit.status, .champion)
    XCTAssertEqual(outcome.champion?.id, refit.id)
    XCTAssertEqual(judged.status, .candidate)
    XCTAssertTrue(outcome.decisionReason.contains("serving as its refit"), outcome.decisionReason)
    let registry = try workspace.openRegistry()
    XCTAssertEqual(try registry.resolve("previous"), "v0001")
    // The replaced champion forecasts in shadow for the 14 nights from D.
    let shadow = try XCTUnwrap(try ShadowLog(database: registry.database).active(on: runDate))
    XCTAssertEqual([shadow.champion, shadow.shadow], [refit.id, "v0001"])
    XCTAssertEqual(shadow.lastNight, runDate.adding(days: 13))

    let again = try retrain(workspace, settings)
    XCTAssertTrue(again.resumed)
    XCTAssertEqual(again.decision, outcome.decision)
    XCTAssertEqual(again.refit?.id, refit.id)
    XCTAssertEqual(try registry.list().count, 3, "the champion, the judged one, its refit")
  }

  /// A drift trigger judges on `drift_holdout_days` (7): the candidate is trained through
  /// D − 7, not D − 14, so a change older than a week is in its training. A loser is rejected.
  func testADriftTriggerUsesTheShorterHoldout() throws {
    let workspace = try workspace(championThrough: runDate.adding(days: -20))
    let settings = RetrainingSettings(
      weekday: nil, holdoutDays: 14, driftHoldoutDays: 7, minimumImprovement: 0.99,
      newSeriesShare: 0)
    let outcome = try retrain(workspace, trigger: .drift, settings)
    XCTAssertEqual(outcome.comparison?.firstDay, runDate.adding(days: -6))
    XCTAssertEqual(outcome.candidate?.windowLastDay, runDate.adding(days: -7))
    XCTAssertEqual(outcome.decision.kind, .rejected)
    XCTAssertEqual(outcome.candidate?.status, .rejected)
    XCTAssertEqual(try workspace.openRegistry().champion()?.id, "v0001")
  }
}
