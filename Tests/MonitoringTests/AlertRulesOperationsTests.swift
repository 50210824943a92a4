import Monitoring
import XCTest

/// Missing inputs, ingest rejections, time budgets and drift at their thresholds.
final class AlertRulesOperationsTests: XCTestCase {
  func testInputMissing() throws {
    XCTAssertNil(AlertRules.inputMissing(path: "inbox/sales.csv", isPresent: true))
    let required = try XCTUnwrap(AlertRules.inputMissing(path: "inbox/sales.csv", isPresent: false))
    XCTAssertEqual(required.severity, .critical)
    XCTAssertEqual(required.kind, .inputMissing)
    XCTAssertEqual(required.segment, "inbox/sales.csv")
    XCTAssertEqual(required.value, 0)
    XCTAssertEqual(required.threshold, 1)
    XCTAssertEqual(required.message, "inbox/sales.csv: expected required input is missing.")
    let optional = AlertRules.inputMissing(
      path: "inbox/promotions.csv", isPresent: false, isRequired: false)
    XCTAssertEqual(optional?.severity, .warning)
  }

  func testIngestRejectionBoundaries() throws {
    // maxShare 0.25 over 4 rows: 1/4 = 0.25 is at the limit, 2/4 = 0.5 at the critical limit
    // 2 · 0.25, 3/4 = 0.75 beyond it.
    func rule(_ rejected: Int) -> Alert? {
      AlertRules.ingestRejections(rejected: rejected, total: 4, maxShare: 0.25)
    }
    XCTAssertNil(rule(0))
    XCTAssertNil(rule(1))
    let warning = try XCTUnwrap(rule(2))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.value, 0.5)
    XCTAssertEqual(warning.threshold, 0.25)
    XCTAssertEqual(warning.segment, "ingest")
    XCTAssertEqual(warning.kind, .ingestRejections)
    let critical = try XCTUnwrap(rule(3))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 0.5)
    XCTAssertEqual(
      critical.message, "ingest: 3 of 4 rows (75.0 %) were quarantined; more than 50.0 %.")
    XCTAssertNil(AlertRules.ingestRejections(rejected: 0, total: 0), "nothing read")
  }

  func testIngestRejectionDefaultsMatchIngestsRefusalShare() {
    // Default 0.005: 5/1000 and 10/1000 round to the doubles nearest 0.005 and 0.01, which are
    // the warning limit and twice it (doubling is exact), i.e. ingest's 1 % refusal share.
    func rule(_ rejected: Int) -> Alert? {
      AlertRules.ingestRejections(segment: "sales.csv", rejected: rejected, total: 1000)
    }
    XCTAssertNil(rule(5))
    XCTAssertEqual(rule(6)?.severity, .warning)
    XCTAssertEqual(rule(10)?.severity, .warning)
    XCTAssertEqual(rule(11)?.severity, .critical)
    XCTAssertEqual(rule(11)?.threshold, 0.01)
    XCTAssertEqual(rule(11)?.segment, "sales.csv")
  }

  func testTimeBudgetBoundaries() throws {
    // Budget 600 s: warning beyond 600, critical beyond 1200.
    func rule(_ seconds: Double) -> Alert? {
      AlertRules.timeBudget(stage: "train", seconds: seconds, budgetSeconds: 600)
    }
    XCTAssertNil(rule(599.5))
    XCTAssertNil(rule(600))
    let warning = try XCTUnwrap(rule(600.5))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.threshold, 600)
    XCTAssertEqual(warning.segment, "train")
    XCTAssertEqual(warning.message, "train: took 600.5 s, over the 600.0 s budget.")
    XCTAssertEqual(rule(1200)?.severity, .warning)
    let critical = try XCTUnwrap(rule(1200.5))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 1200)
    XCTAssertNil(rule(.nan))
    XCTAssertEqual(AlertRules.timeBudget(seconds: 61, budgetSeconds: 60)?.segment, "run")
  }

  func testDriftBoundaries() throws {
    // Default PSI bands: warning beyond 0.1, critical beyond 0.25.
    func rule(_ statistic: Double) -> Alert? {
      AlertRules.drift(segment: "S001", feature: "price", test: "psi", statistic: statistic)
    }
    XCTAssertNil(rule(0.05))
    XCTAssertNil(rule(0.1))
    let warning = try XCTUnwrap(rule(0.1.nextUp))
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.threshold, 0.1)
    XCTAssertEqual(warning.kind, .drift)
    XCTAssertEqual(rule(0.25)?.severity, .warning)
    let critical = try XCTUnwrap(rule(0.3))
    XCTAssertEqual(critical.severity, .critical)
    XCTAssertEqual(critical.threshold, 0.25)
    XCTAssertEqual(critical.message, "S001: psi for price is 0.300, above 0.250.")
    XCTAssertNil(rule(.nan))
    // Custom levels for another statistic.
    let ks = AlertRules.drift(
      feature: "units", test: "ks", statistic: 0.2, warningAbove: 0.15, criticalAbove: 0.3)
    XCTAssertEqual(ks?.severity, .warning)
    XCTAssertEqual(ks?.segment, "chain")
  }
}
