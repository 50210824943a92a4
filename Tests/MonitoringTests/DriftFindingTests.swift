import Foundation
import Monitoring
import XCTest

/// The decision rule, the settings and the drift.csv file.
final class DriftFindingTests: XCTestCase {
  func decided(_ statistic: Double, _ pValue: Double?) -> Bool {
    DriftFinding(
      segment: "chain", feature: .demandLevel, test: .ks, statistic: statistic, pValue: pValue,
      threshold: 0.05, alpha: 0.001
    ).drifted
  }

  /// Drifted = p < alpha AND statistic ≥ threshold; without a p-value, statistic ≥ threshold.
  func testDecisionRule() {
    XCTAssertTrue(decided(0.06, 1e-9))
    XCTAssertTrue(decided(0.05, 1e-9), "the threshold itself counts")
    XCTAssertFalse(decided(0.049, 1e-30), "a tiny p-value alone is not drift")
    XCTAssertFalse(decided(0.9, 0.01), "a large effect in a small sample is not drift")
    XCTAssertFalse(decided(0.9, 0.001), "p must be below alpha")
    XCTAssertTrue(decided(0.05, nil))
    XCTAssertFalse(decided(0.04, nil))
    XCTAssertFalse(decided(.nan, nil))
    XCTAssertFalse(decided(0.9, .nan))
  }

  func testSegmentNames() {
    XCTAssertEqual(DriftSegment.chain, "chain")
    XCTAssertEqual(DriftSegment.region("North"), "region=North")
    XCTAssertEqual(DriftSegment.category("personal care"), "category=personal care")
  }

  /// Golden bytes: p-values with 3 significant digits (empty without one), statistics with 6 decimals,
  /// a formula-like segment defused and quoted where needed.
  func testCSV() {
    let findings = [
      DriftFinding(
        segment: "chain", feature: .demandLevel, test: .ks, statistic: 0.0712345678,
        pValue: 9.906189417994954e-17, threshold: 0.05, drifted: true),
      DriftFinding(
        segment: "region==cmd", feature: .price, test: .psi, statistic: 0.1, pValue: nil,
        threshold: 0.25, drifted: false),
      DriftFinding(
        segment: "category=a, b", feature: .weekdayProfile, test: .chiSquare, statistic: .infinity,
        pValue: 0.5, threshold: 0.1, drifted: true),
    ]
    let text = String(decoding: DriftFiles.csv(findings), as: UTF8.self)
    XCTAssertEqual(
      text,
      """
      segment,feature,test,statistic,p_value,threshold,drifted
      chain,demand_level,ks,0.071235,9.91e-17,0.050000,1
      region==cmd,price,psi,0.100000,,0.250000,0
      "category=a, b",weekday_profile,chi_square,inf,0.500,0.100000,1

      """)
    let defused = DriftFinding(
      segment: "=HYPERLINK(\"x\")", feature: .accuracy, test: .wapeRatio, statistic: 1,
      pValue: nil, threshold: 1.1, drifted: false)
    XCTAssertTrue(
      String(decoding: DriftFiles.csv([defused]), as: UTF8.self).contains("\"'=HYPERLINK"))
  }

  /// Missing keys keep their defaults; the keys are snake_case.
  func testSettingsDecodeWithDefaults() throws {
    let json = #"{"alpha": 0.01, "level_ks_threshold": 0.08, "minimum_series": 50}"#
    let settings = try JSONDecoder().decode(DriftSettings.self, from: Data(json.utf8))
    var expected = DriftSettings()
    expected.alpha = 0.01
    expected.levelKSThreshold = 0.08
    expected.minimumSeries = 50
    XCTAssertEqual(settings, expected)
    let roundTrip = try JSONDecoder().decode(
      DriftSettings.self, from: JSONEncoder().encode(expected))
    XCTAssertEqual(roundTrip, expected)
    XCTAssertTrue(DriftSettings.keys.contains("psi_threshold"))
    XCTAssertEqual(DriftSettings.keys.count, 18)
  }

  func testSettingsValidation() throws {
    XCTAssertNoThrow(try DriftSettings().validate())
    XCTAssertEqual(DriftSettings().referenceBlockCount, 52)
    XCTAssertThrowsError(try DriftSettings(referenceDays: 365).validate()) { error in
      XCTAssertEqual(
        "\(error)",
        "drift setting reference_days is 365; expected a multiple of level_block_days (7) "
          + "from 4 blocks to 3,660 days.")
    }
    XCTAssertThrowsError(try DriftSettings(alpha: 0).validate())
    XCTAssertThrowsError(try DriftSettings(levelBand: 2).validate())
    XCTAssertThrowsError(try DriftSettings(recentDays: 28, levelBlockDays: 29).validate())
    XCTAssertThrowsError(try DriftSettings(minimumSeries: 1).validate())
    XCTAssertThrowsError(try DriftSettings(wapeTolerance: -0.1).validate())
  }
}
