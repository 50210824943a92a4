import Monitoring
import XCTest

/// `--fail-on`: which sets of alerts make a run fail, and the severity order behind it.
final class FailLevelTests: XCTestCase {
  func alert(_ severity: Alert.Severity) -> Alert {
    Alert(
      severity: severity, kind: .drift, segment: "chain", value: 1, threshold: 1,
      suggestedAction: "", message: "")
  }

  func testSeveritiesAreOrdered() {
    XCTAssertLessThan(Alert.Severity.info, .warning)
    XCTAssertLessThan(Alert.Severity.warning, .critical)
    XCTAssertEqual(Alert.Severity.allCases.sorted(), [.info, .warning, .critical])
    XCTAssertEqual([Alert.Severity.critical, .info, .warning].max(), .critical)
  }

  func testWhichAlertsReachEachLevel() {
    // (alerts, reaches warning, reaches critical), enumerated by hand.
    let cases: [([Alert.Severity], Bool, Bool)] = [
      ([], false, false),
      ([.info], false, false),
      ([.info, .info], false, false),
      ([.warning], true, false),
      ([.info, .warning], true, false),
      ([.critical], true, true),
      ([.info, .warning, .critical], true, true),
    ]
    for (severities, warning, critical) in cases {
      let alerts = severities.map(alert)
      XCTAssertEqual(FailLevel.warning.isReached(by: alerts), warning, "\(severities)")
      XCTAssertEqual(FailLevel.critical.isReached(by: alerts), critical, "\(severities)")
    }
  }

  func testLevelsParseFromTheirOptionWords() {
    XCTAssertEqual(FailLevel(rawValue: "warning"), .warning)
    XCTAssertEqual(FailLevel(rawValue: "critical"), .critical)
    XCTAssertNil(FailLevel(rawValue: "info"))
    XCTAssertEqual(FailLevel.warning.minimumSeverity, .warning)
    XCTAssertEqual(FailLevel.critical.minimumSeverity, .critical)
  }

  func testCountsBySeverity() {
    let counts = Alert.Severity.counts(of: [.warning, .critical, .warning].map(alert))
    XCTAssertEqual(counts, [.info: 0, .warning: 2, .critical: 1])
    XCTAssertEqual(Alert.Severity.counts(of: []), [.info: 0, .warning: 0, .critical: 0])
  }
}
