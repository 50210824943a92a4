import DemandCore
import Registry
import XCTest

/// The fair comparison's cut-off rule c = max(D − H, E) and its origins, on days worked out by
/// hand (D = 2026-11-15, a Sunday).
final class HoldoutPlanTests: XCTestCase {
  private let day = Day(iso: "2026-11-15")!

  private func plan(
    championThrough: String, holdout: Int = 14, minimum: Int = 7, step: Int = 7,
    requireNewData: Bool = false
  ) -> Result<HoldoutPlan, HoldoutPlan.Deferral> {
    HoldoutPlan.make(
      runDate: day, championWindowLastDay: Day(iso: championThrough)!, holdoutDays: holdout,
      minimumDays: minimum, originStepDays: step, requireNewData: requireNewData)
  }

  /// E = 2026-10-17, long before D − H = 2026-11-01: c = 11-01, holdout 11-02 … 11-15 (14
  /// days), origins 11-01 and 11-08, horizons 1 … 7.
  func testAnOldChampionGivesTheFullHoldout() throws {
    let plan = try plan(championThrough: "2026-10-17").get()
    XCTAssertEqual(plan.cutOff, Day(iso: "2026-11-01"))
    XCTAssertEqual(plan.firstDay, Day(iso: "2026-11-02"))
    XCTAssertEqual(plan.days, 14)
    XCTAssertEqual(plan.origins, [Day(iso: "2026-11-01")!, Day(iso: "2026-11-08")!])
    XCTAssertEqual(plan.maximumHorizonDays, 7)
    XCTAssertEqual(plan.horizonDays(from: Day(iso: "2026-11-08")!), 7)
  }

  /// The demo's unfair case: a champion trained through 2026-11-08 (later than D − H =
  /// 11-01). c = 11-08: the holdout 11-09 … 11-15 starts after its window, 7 days, one origin.
  func testAChampionTrainedAfterDMinusHMovesTheCutOff() throws {
    let plan = try plan(championThrough: "2026-11-08").get()
    XCTAssertEqual(plan.cutOff, Day(iso: "2026-11-08"))
    XCTAssertEqual(plan.firstDay, Day(iso: "2026-11-09"))
    XCTAssertGreaterThan(plan.firstDay, Day(iso: "2026-11-08")!, "after the champion's window")
    XCTAssertEqual(plan.days, 7)
    XCTAssertEqual(plan.origins, [Day(iso: "2026-11-08")!])
    // Its only origin is E: a challenger with the champion's configuration would see exactly
    // the champion's history. Deferred, unless the configuration differs.
    guard
      case .failure(let deferral) = self.plan(
        championThrough: "2026-11-08", requireNewData: true)
    else { return XCTFail("no new data must defer") }
    XCTAssertEqual(deferral.cause, .noNewData)
    XCTAssertTrue(deferral.reason.contains("no forecast origin"), deferral.reason)
    XCTAssertEqual(deferral.unseenDays, 0)
    // With daily origins the comparison starts at the first one after 11-08: c = 11-09, the
    // candidate trained through it, 6 held-out days (the minimum lowered to 6 to allow it).
    let daily = try self.plan(
      championThrough: "2026-11-08", minimum: 6, step: 1, requireNewData: true
    ).get()
    XCTAssertEqual(daily.cutOff, Day(iso: "2026-11-09"))
    XCTAssertEqual(daily.origins.count, 6)
    // A champion two weeks old under weekly origins: c = E = 11-01 moves to 11-08, one origin,
    // the week 11-09 … 11-15 held out, and one training instead of two.
    let weekly = try self.plan(championThrough: "2026-11-01", requireNewData: true).get()
    XCTAssertEqual(weekly.cutOff, Day(iso: "2026-11-08"))
    XCTAssertEqual(weekly.origins, [Day(iso: "2026-11-08")!])
  }

  /// E = 2026-11-10: 5 unseen days (11-11 … 11-15) < 7: deferred, saying so.
  func testTooFewUnseenDaysDefer() {
    let result = plan(championThrough: "2026-11-10")
    guard case .failure(let deferral) = result else { return XCTFail("\(result)") }
    XCTAssertEqual(
      deferral,
      HoldoutPlan.Deferral(
        championWindowLastDay: Day(iso: "2026-11-10")!, unseenDays: 5, requiredDays: 7))
    XCTAssertTrue(deferral.reason.contains("leaving 5 day(s)"), deferral.reason)
    // A champion trained through D or later leaves nothing.
    guard case .failure(let none) = plan(championThrough: "2026-11-20") else {
      return XCTFail("a champion trained after D cannot be compared")
    }
    XCTAssertEqual(none.unseenDays, 0)
    // With a minimum of 5 the same champion is compared on those 5 days.
    XCTAssertEqual(try plan(championThrough: "2026-11-10", minimum: 5).get().days, 5)
  }

  /// Origins every 4 days over 11 days (c = 11-04): 11-04, 11-08, 11-12; the last scores only
  /// the 3 days to D. A step ≥ H gives one origin, horizons 1 … H.
  func testOriginsStepThroughTheHoldout() throws {
    let plan = try plan(championThrough: "2026-11-04", minimum: 1, step: 4).get()
    XCTAssertEqual(plan.origins.map(\.iso), ["2026-11-04", "2026-11-08", "2026-11-12"])
    XCTAssertEqual(plan.origins.map { plan.horizonDays(from: $0) }, [4, 4, 3])
    XCTAssertEqual(plan.origins.map { plan.horizonDays(from: $0) }.reduce(0, +), plan.days)
    let single = try self.plan(championThrough: "2026-10-01", step: 30).get()
    XCTAssertEqual(single.origins, [Day(iso: "2026-11-01")!])
    XCTAssertEqual(single.maximumHorizonDays, 14)
  }

  /// The drift trigger's shorter holdout: H = 7 instead of 14.
  func testDriftUsesItsOwnHoldout() {
    let settings = RetrainingSettings(holdoutDays: 14, driftHoldoutDays: 7)
    XCTAssertEqual(settings.holdoutDays(for: .drift), 7)
    XCTAssertEqual(settings.holdoutDays(for: .schedule), 14)
    XCTAssertEqual(settings.holdoutDays(for: .accuracy), 14)
    XCTAssertThrowsError(try RetrainingSettings(minimumHoldoutDays: 8).validate())
    XCTAssertThrowsError(try RetrainingSettings(originStepDays: 0).validate())
    XCTAssertNoThrow(try RetrainingSettings().validate())
  }

  /// The rule's decisions are typed: promoted / rejected with their grounds.
  func testTheRuleReturnsTypedDecisions() {
    func decide(_ candidate: Double, _ champion: Double, age: Int = 7, points: Int = 100)
      -> RetrainDecision
    {
      PromotionRule.decide(
        HoldoutComparison(
          firstDay: day.adding(days: -6), lastDay: day, points: points,
          candidateWAPE: candidate, championWAPE: champion, championAgeDays: age),
        settings: RetrainingSettings()
      ).decision
    }
    guard case .promoted(.betterByMargin(let improvement, let margin)) = decide(0.30, 0.40) else {
      return XCTFail("a better candidate is promoted by the margin")
    }
    XCTAssertEqual(improvement, 0.25, accuracy: 1e-12)
    XCTAssertEqual(margin, 0.02)
    XCTAssertEqual(decide(0.44, 0.40, age: 36).kind, .rejected)
    guard case .rejected(.worse(let degradation)) = decide(0.44, 0.40) else {
      return XCTFail("a worse candidate is rejected as worse")
    }
    XCTAssertEqual(degradation, 0.1, accuracy: 1e-12)
    XCTAssertEqual(decide(0, 0, points: 0), .rejected(.nothingScored))
    XCTAssertEqual(decide(0.41, 0.40, age: 36).kind, .promoted)
  }
}
