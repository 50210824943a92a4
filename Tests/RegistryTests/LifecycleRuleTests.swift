import DemandCore
import Foundation
import Registry
import XCTest

/// The champion/challenger rule and the retraining triggers, on cases worked out by hand.
final class LifecycleRuleTests: XCTestCase {
  private let settings = RetrainingSettings()  // 2 % margin, 35 days, 5 % degradation
  private let day = Day(iso: "2026-11-15")!  // a Sunday

  private func comparison(candidate: Double, champion: Double, age: Int = 7, points: Int = 100)
    -> HoldoutComparison
  {
    HoldoutComparison(
      firstDay: day.adding(days: -13), lastDay: day, points: points, candidateWAPE: candidate,
      championWAPE: champion, championAgeDays: age)
  }

  /// 0.30 vs 0.40: (0.40 − 0.30) / 0.40 = 25 % ≥ 2 %, promoted.
  func testABetterCandidateIsPromoted() {
    let decision = PromotionRule.decide(
      comparison(candidate: 0.30, champion: 0.40), settings: settings)
    XCTAssertTrue(decision.promote)
    XCTAssertTrue(decision.reason.contains("better by 25.0 %"), decision.reason)
  }

  /// 0.395 vs 0.40: 1.25 % < 2 %, refused; 0.392 vs 0.40 is exactly 2 %, promoted.
  func testTheMarginIsRequired() {
    let small = PromotionRule.decide(
      comparison(candidate: 0.395, champion: 0.40), settings: settings)
    XCTAssertFalse(small.promote)
    XCTAssertTrue(small.reason.contains("better by only 1.25 %"), small.reason)
    XCTAssertTrue(
      PromotionRule.decide(comparison(candidate: 0.392, champion: 0.40), settings: settings)
        .promote)
  }

  /// A worse candidate is refused, and says by how much: (0.40 − 0.44) / 0.40 = −10 %.
  func testAWorseCandidateIsRefused() {
    let decision = PromotionRule.decide(
      comparison(candidate: 0.44, champion: 0.40), settings: settings)
    XCTAssertFalse(decision.promote)
    XCTAssertTrue(decision.reason.contains("worse by 10.0 %"), decision.reason)
    XCTAssertTrue(decision.reason.contains("champion kept"))
  }

  /// A champion 36 days old (> 35) is replaced by a candidate up to 5 % worse, not by one 10 %
  /// worse; at exactly 35 days it is not stale.
  func testAStaleChampionIsReplacedUnlessTheCandidateIsMuchWorse() {
    let stale = PromotionRule.decide(
      comparison(candidate: 0.41, champion: 0.40, age: 36), settings: settings)
    XCTAssertTrue(stale.promote)
    XCTAssertTrue(stale.reason.contains("36 days old"), stale.reason)
    XCTAssertFalse(
      PromotionRule.decide(comparison(candidate: 0.44, champion: 0.40, age: 36), settings: settings)
        .promote)
    XCTAssertFalse(
      PromotionRule.decide(comparison(candidate: 0.41, champion: 0.40, age: 35), settings: settings)
        .promote)
  }

  func testNothingScoredRefuses() {
    XCTAssertFalse(
      PromotionRule.decide(comparison(candidate: 0, champion: 0, points: 0), settings: settings)
        .promote)
  }

  private func previous(
    _ date: Day, driftCritical: Int = 0, driftWarning: Int = 0, accuracy: Int = 0
  )
    -> NightRecord
  {
    NightRecord(
      runDate: date, outcome: .completed, modelVersion: "v0001", driftCritical: driftCritical,
      driftWarning: driftWarning, accuracyDegraded: accuracy, manifest: "m",
      startedAt: "2026-11-14T02:00:00Z", finishedAt: "2026-11-14T02:01:00Z")
  }

  private func inputs(
    _ date: Day, previous: NightRecord? = nil, lastRetrain: Day? = nil, active: Int = 100,
    unknown: Int = 0
  ) -> TriggerInputs {
    TriggerInputs(
      runDate: date, previousNight: previous, lastRetrainDay: lastRetrain,
      fittableSeries: active, seriesUnknownToChampion: unknown)
  }

  func testTheScheduleFiresOnItsWeekdayOnly() {
    XCTAssertEqual(RetrainTriggers.evaluate(inputs(day), settings: settings)?.trigger, .schedule)
    XCTAssertNil(RetrainTriggers.evaluate(inputs(day.adding(days: 1)), settings: settings))
    var off = settings
    off.weekday = nil
    XCTAssertNil(RetrainTriggers.evaluate(inputs(day), settings: off))
  }

  /// Drift the night before fires on a Wednesday; warnings only with `on_drift: warning`; not
  /// within 3 days of the last retraining; not when the previous night is older than D − 1.
  func testDriftFiresAfterTheCooldownFromTheNightBefore() {
    let wednesday = day.adding(days: 3)
    let tuesday = wednesday.adding(days: -1)
    XCTAssertEqual(
      RetrainTriggers.evaluate(
        inputs(wednesday, previous: previous(tuesday, driftCritical: 1), lastRetrain: day),
        settings: settings)?.trigger, nil, "3 days after Sunday's retraining: cooling down")
    let thursday = wednesday.adding(days: 1)
    XCTAssertEqual(
      RetrainTriggers.evaluate(
        inputs(thursday, previous: previous(wednesday, driftCritical: 1), lastRetrain: day),
        settings: settings)?.trigger, .drift)
    XCTAssertNil(
      RetrainTriggers.evaluate(
        inputs(thursday, previous: previous(wednesday, driftWarning: 2), lastRetrain: day),
        settings: settings), "warnings do not count at on_drift: critical")
    var warning = settings
    warning.onDrift = .warning
    XCTAssertEqual(
      RetrainTriggers.evaluate(
        inputs(thursday, previous: previous(wednesday, driftWarning: 2), lastRetrain: day),
        settings: warning)?.trigger, .drift)
    XCTAssertNil(
      RetrainTriggers.evaluate(
        inputs(thursday, previous: previous(tuesday, driftCritical: 1), lastRetrain: day),
        settings: settings), "a night older than D − 1 describes older data")
  }

  func testAccuracyAndNewDataTriggers() {
    let thursday = day.adding(days: 4)
    XCTAssertEqual(
      RetrainTriggers.evaluate(
        inputs(thursday, previous: previous(thursday.adding(days: -1), accuracy: 1)),
        settings: settings)?.trigger, .accuracy)
    // 5 of 100 = 5 % ≥ 5 %: fires; 4 of 100 does not.
    XCTAssertEqual(
      RetrainTriggers.evaluate(inputs(thursday, unknown: 5), settings: settings)?.trigger,
      .newData)
    XCTAssertNil(RetrainTriggers.evaluate(inputs(thursday, unknown: 4), settings: settings))
  }

  /// The schedule wins and the other triggers are named in its reason.
  func testSeveralTriggersNameTheFirstAndListTheRest() throws {
    let firing = try XCTUnwrap(
      RetrainTriggers.evaluate(
        inputs(day, previous: previous(day.adding(days: -1), driftCritical: 2), unknown: 10),
        settings: settings))
    XCTAssertEqual(firing.trigger, .schedule)
    XCTAssertTrue(firing.reason.contains("also drift: 2 drift alert(s)"), firing.reason)
    XCTAssertTrue(firing.reason.contains("10 of 100 series"), firing.reason)
  }

  func testSettingsOutOfRangeAreRefused() {
    // A weekday or drift level that is not one cannot be represented: refused when read.
    for json in [#"{"weekday": "sundae"}"#, #"{"on_drift": "sometimes"}"#] {
      XCTAssertThrowsError(
        try JSONDecoder().decode(RetrainingSettings.self, from: Data(json.utf8)), json)
    }
    XCTAssertEqual(
      try JSONDecoder().decode(RetrainingSettings.self, from: Data(#"{"weekday": "Sunday"}"#.utf8))
        .weekday, .sunday)
    var bad = settings
    bad.minimumImprovement = 1.5
    XCTAssertThrowsError(try bad.validate())
    XCTAssertNoThrow(try settings.validate())
  }
}
