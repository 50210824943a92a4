import Monitoring
import XCTest

/// Accuracy, bias and subgroup rules at, just below and just above their thresholds.
///
/// Thresholds are chosen so that the hand-computed limits are exact in binary (0.25 · 1.25 =
/// 0.3125, 0.25 · 1.5 = 0.375), and "just above" is the next representable `Double`
/// (`nextUp`), so each boundary is tested at its exact edge.
final class AlertRulesAccuracyTests: XCTestCase {
  func testAccuracyBoundaries() throws {
    // baseline 0.25, tolerance 0.25: warning above 0.25 · 1.25 = 0.3125, critical above
    // 0.25 · (1 + 2 · 0.25) = 0.375.
    func rule(_ wape: Double) -> Alert? {
      AlertRules.accuracy(wape: wape, baselineWAPE: 0.25, tolerance: 0.25)
    }
    XCTAssertNil(rule(0.2), "better than the baseline")
    XCTAssertNil(rule(0.3125.nextDown))
    XCTAssertNil(rule(0.3125), "exactly at the tolerance is not beyond it")
    let warning = try XCTUnwrap(rule(0.3125.nextUp))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.threshold, 0.3125)
    XCTAssertEqual(warning.value, 0.3125.nextUp)
    XCTAssertEqual(warning.kind, .accuracyDegraded)
    XCTAssertEqual(warning.segment, "chain")
    XCTAssertEqual(rule(0.375)?.severity, .warning)
    let critical = try XCTUnwrap(rule(0.375.nextUp))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 0.375)
  }

  func testAccuracyDefaultsAndUnjudgeableInput() {
    // Default tolerance 0.10 on a baseline of 0.5: 0.5 · 1.1 is the double nearest 0.55, and
    // 0.5 · 1.2 the double nearest 0.6 (halving is exact), so the literals sit on the limits.
    XCTAssertNil(AlertRules.accuracy(wape: 0.55, baselineWAPE: 0.5))
    XCTAssertEqual(AlertRules.accuracy(wape: 0.56, baselineWAPE: 0.5)?.severity, .warning)
    XCTAssertEqual(AlertRules.accuracy(wape: 0.6, baselineWAPE: 0.5)?.severity, .warning)
    XCTAssertEqual(AlertRules.accuracy(wape: 0.61, baselineWAPE: 0.5)?.severity, .critical)
    XCTAssertNil(AlertRules.accuracy(wape: .nan, baselineWAPE: 0.5))
    XCTAssertNil(AlertRules.accuracy(wape: 0.9, baselineWAPE: 0))
    XCTAssertNil(AlertRules.accuracy(wape: 0.9, baselineWAPE: .nan))
  }

  func testAccuracyMessage() {
    // 0.35 / 0.25 − 1 = 0.4 → "40.0 %"; 0.35 is between 0.3125 and 0.375: a warning.
    let alert = AlertRules.accuracy(
      segment: "S001", wape: 0.35, baselineWAPE: 0.25, tolerance: 0.25)
    XCTAssertEqual(
      alert?.message,
      "S001: WAPE 0.350 is 40.0 % worse than the baseline 0.250 (tolerance 25.0 %).")
    XCTAssertEqual(alert?.segment, "S001")
  }

  func testBiasBoundariesBothWays() throws {
    // Limit 10 %: warning beyond ±10, critical beyond ±20.
    func rule(_ percent: Double) -> Alert? { AlertRules.bias(percent: percent, limitPercent: 10) }
    XCTAssertNil(rule(0))
    XCTAssertNil(rule(10))
    XCTAssertNil(rule(-10))
    let high = try XCTUnwrap(rule(10.0.nextUp))
    XCTAssertEqual(high.severity, .warning)
    XCTAssertEqual(high.threshold, 0.1, "a ratio, as every share in alerts.csv")
    XCTAssertEqual(high.kind, .bias)
    let low = try XCTUnwrap(rule(-(10.0.nextUp)))
    XCTAssertEqual(low.severity, .warning)
    XCTAssertEqual(low.threshold, -0.1, "the threshold carries the bias's sign")
    XCTAssertEqual(rule(20)?.severity, .warning)
    XCTAssertEqual(rule(-20)?.severity, .warning)
    let critical = try XCTUnwrap(rule(-25))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, -0.2)
    XCTAssertEqual(critical.value, -0.25)
    XCTAssertTrue(critical.suggestedAction.hasPrefix("Forecasts run low"))
    XCTAssertEqual(critical.message, "chain: bias -25.0 % is beyond ±20.0 %.")
    XCTAssertTrue(try XCTUnwrap(rule(20.0.nextUp)).suggestedAction.hasPrefix("Forecasts run high"))
    XCTAssertEqual(rule(20.0.nextUp)?.severity, .critical)
    XCTAssertNil(rule(.nan))
    // The default limit is 10 %.
    XCTAssertNil(AlertRules.bias(percent: 10))
    XCTAssertEqual(AlertRules.bias(percent: 10.5)?.severity, .warning)
  }

  func testSubgroupBoundaries() throws {
    // Chain WAPE 0.25, margin 0.5: warning above 0.25 · 1.5 = 0.375, critical above
    // 0.25 · (1 + 2 · 0.5) = 0.5.
    func rule(_ wape: Double) -> Alert? {
      AlertRules.subgroup(segment: "S009", wape: wape, chainWAPE: 0.25, margin: 0.5)
    }
    XCTAssertNil(rule(0.375))
    let warning = try XCTUnwrap(rule(0.375.nextUp))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.threshold, 0.375)
    XCTAssertEqual(warning.kind, .subgroupGap)
    XCTAssertEqual(warning.segment, "S009")
    XCTAssertEqual(rule(0.5)?.severity, .warning)
    let critical = try XCTUnwrap(rule(0.5.nextUp))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 0.5)
    // 0.6 / 0.25 − 1 = 1.4 → "140.0 %".
    XCTAssertEqual(
      rule(0.6)?.message,
      "S009: WAPE 0.600 is 140.0 % worse than the chain's 0.250 (margin 50.0 %).")
    XCTAssertNil(AlertRules.subgroup(segment: "S009", wape: 0.6, chainWAPE: 0))
    // Default margin 0.5.
    XCTAssertNil(AlertRules.subgroup(segment: "S009", wape: 0.375, chainWAPE: 0.25))
    XCTAssertEqual(
      AlertRules.subgroup(segment: "S009", wape: 0.4, chainWAPE: 0.25)?.severity, .warning)
  }

  /// With MASEs on both sides the gap is judged on them, not on WAPE: the demo chain's
  /// convenience format on 2026-11-21 (WAPE 0.631 against the chain's 0.409, 54 % worse; MASE
  /// 0.898 against 0.821, 9.4 % worse) is within a 25 % margin, where WAPE alone made it
  /// critical every night. Thresholds by hand: 0.821 · 1.25 = 1.02625, 0.821 · 1.5 = 1.2315.
  func testSubgroupGapsAreJudgedOnMASEWhenBothHaveIt() throws {
    func rule(_ mase: Double, wape: Double = 0.631) -> Alert? {
      AlertRules.subgroup(
        segment: "store_format=convenience", wape: wape, chainWAPE: 0.409, mase: mase,
        chainMASE: 0.821, margin: 0.25)
    }
    XCTAssertNil(rule(0.898))
    XCTAssertEqual(
      AlertRules.subgroup(
        segment: "store_format=convenience", wape: 0.631, chainWAPE: 0.409, margin: 0.25)?
        .severity, .critical, "WAPE alone")
    let warning = try XCTUnwrap(rule(1.1))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.threshold, 1.02625, accuracy: 1e-12)
    XCTAssertEqual(warning.value, 1.1)
    let critical = try XCTUnwrap(rule(1.3))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 1.2315, accuracy: 1e-12)
    XCTAssertTrue(critical.message.hasPrefix("store_format=convenience: MASE 1.300 is "))
    // A MASE that is not finite on either side falls back to WAPE.
    XCTAssertEqual(
      AlertRules.subgroup(
        segment: "S", wape: 0.631, chainWAPE: 0.409, mase: .nan, chainMASE: 0.821,
        margin: 0.25)?.severity, .critical)
  }
}
