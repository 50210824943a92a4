import DemandCore
import Registry
import XCTest

/// The registry's side of shadow runs: which version shadows which, for which nights, the
/// nightly scores, how a run ends, and the rollback rule on hand-computed sums.
final class ShadowLogTests: XCTestCase {
  private let day = Day(iso: "2026-11-15")!

  func testARunCoversItsNightsAndANewPromotionSupersedesIt() throws {
    let fixture = try RegistryFixture()
    let log = ShadowLog(database: fixture.database)
    let run = try log.start(champion: "v0003", shadow: "v0001", firstNight: day, nights: 14)
    XCTAssertEqual(run.lastNight, day.adding(days: 13))
    XCTAssertEqual(run.state, .active)
    XCTAssertEqual(
      try log.start(champion: "v0003", shadow: "v0001", firstNight: day, nights: 14), run,
      "a resumed retraining starts nothing new")
    XCTAssertNil(try log.active(on: day.adding(days: -1)))
    XCTAssertEqual(try log.active(on: day.adding(days: 13))?.id, run.id)
    XCTAssertNil(try log.active(on: day.adding(days: 14)))

    let next = try log.start(
      champion: "v0005", shadow: "v0003", firstNight: day.adding(days: 7), nights: 14)
    XCTAssertEqual(try log.active(on: day.adding(days: 8))?.id, next.id)
    XCTAssertNil(try log.active(on: day), "the first run was superseded")

    try log.record(
      ShadowScore(
        night: day.adding(days: 8), points: 10, championAbsoluteError: 5,
        shadowAbsoluteError: 4, actualUnits: 20), run: next.id)
    XCTAssertEqual(try log.scores(run: next.id).map(\.points), [10])
    try log.end(next.id, as: .rolledBack, reason: "worse in service")
    XCTAssertNil(try log.active(on: day.adding(days: 8)))
    let actions = try fixture.registry.audit.entries().map(\.action.rawValue)
    XCTAssertEqual(actions, ["shadow_start", "shadow_start", "shadow_end"])
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }

  /// Champion Σ|e| 66 vs shadow 60 over Σ actual 200: WAPE 33 % vs 30 %, worse by 10 % > 2 %:
  /// roll back, but only once 7 nights are scored; worse by 1.67 % (61 vs 60) keeps it.
  func testTheRuleRollsBackOnlyOnEnoughNightsAndMoreThanTheMargin() {
    func nights(_ count: Int, champion: Double, shadow: Double) -> [ShadowScore] {
      (0..<count).map {
        ShadowScore(
          night: day.adding(days: $0), points: 5, championAbsoluteError: champion / Double(count),
          shadowAbsoluteError: shadow / Double(count), actualUnits: 200 / Double(count))
      }
    }
    let worse = nights(7, champion: 66, shadow: 60)
    let reason = ShadowRule.rollbackReason(worse, minimumNights: 7, margin: 0.02)
    XCTAssertTrue(
      reason?.contains("WAPE 33.0 % vs the shadow's 30.0 %") ?? false, "\(reason ?? "")")
    XCTAssertNil(ShadowRule.rollbackReason(Array(worse.prefix(6)), minimumNights: 7, margin: 0.02))
    XCTAssertNil(
      ShadowRule.rollbackReason(
        nights(7, champion: 61, shadow: 60), minimumNights: 7, margin: 0.02))
  }
}
