import Monitoring
import XCTest

/// The distributions handed to the report: the bins of each feature counted by hand on a tiny
/// segment.
final class DriftDistributionTests: XCTestCase {
  /// Weekday units, price days and level scores chosen so every bin is checked by hand.
  static func sample() -> SegmentSample {
    var sample = SegmentSample(segment: "region=West")
    sample.weekdayReference = [10, 10, 10, 10, 10, 30, 20]
    sample.weekdayRecent = [5, 5, 5, 5, 5, 15, 60]
    // Full price, 10 % off and 50 % off; recent: full, 15 % off, exactly 20 % off, 30 % off.
    sample.priceReference = [1.0: 80, 0.9: 15, 0.5: 5]
    sample.priceRecent = [1.0: 50, 0.85: 20, 0.8: 10, 0.7: 20]
    sample.levelReference = [0.2, -0.7, 1.2, -1.7, 2.5, 3.0, -4]
    sample.levelRecent = [0.4, 3.5, -3.2, 1.0]
    return sample
  }

  func testEachFeaturesBinsCountWhatItsTestsCompared() throws {
    let sample = Self.sample()
    let level = try XCTUnwrap(DriftDistribution.of(sample, feature: .demandLevel))
    XCTAssertEqual(level.bins, ["0–0.5", "0.5–1", "1–1.5", "1.5–2", "2–3", "≥ 3"])
    // |z| 0.2, 0.7, 1.2, 1.7, 2.5, 3.0 and 4: one in each bin, the last two at 3 or more.
    XCTAssertEqual(level.reference, [1, 1, 1, 1, 1, 2])
    // 0.4; 1.0 opens the 1–1.5 bin; 3.5 and 3.2 at 3 or more.
    XCTAssertEqual(level.recent, [1, 0, 1, 0, 0, 2])
    XCTAssertEqual(level.recentShares, [0.25, 0, 0.25, 0, 0, 0.5])

    let weekday = try XCTUnwrap(DriftDistribution.of(sample, feature: .weekdayProfile))
    XCTAssertEqual(weekday.bins, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    XCTAssertEqual(weekday.referenceShares, [0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.2])
    XCTAssertEqual(weekday.recentShares, [0.05, 0.05, 0.05, 0.05, 0.05, 0.15, 0.6])

    let price = try XCTUnwrap(DriftDistribution.of(sample, feature: .price))
    XCTAssertEqual(price.bins, ["full price", "up to 20 % off", "over 20 % off"])
    XCTAssertEqual(price.reference, [80, 15, 5])
    // 0.85 and 0.8 (exactly 20 % off) are "up to 20 % off"; 0.7 is over.
    XCTAssertEqual(price.recent, [50, 30, 20])

    let promotion = try XCTUnwrap(DriftDistribution.of(sample, feature: .promotionShare))
    XCTAssertEqual(promotion.bins, ["on promotion", "not on promotion"])
    XCTAssertEqual(promotion.reference, [20, 80])
    XCTAssertEqual(promotion.recent, [50, 50])
    XCTAssertEqual(promotion.counted, "store/SKU/days")

    XCTAssertNil(DriftDistribution.of(sample, feature: .accuracy))
  }

  /// Only drifted findings, one chart per segment and feature (a feature with three drifted tests
  /// is one distribution), in the findings' order, at most eight.
  func testOnlyDriftedFindingsOncePerSegmentAndFeatureAtMostEight() {
    func finding(
      _ segment: String, _ feature: DriftFinding.Feature, _ test: DriftFinding.Test,
      drifted: Bool
    ) -> DriftFinding {
      DriftFinding(
        segment: segment, feature: feature, test: test, statistic: 1, pValue: nil, threshold: 0.5,
        drifted: drifted)
    }
    var samples = [Self.sample()]
    var findings = [
      finding("region=West", .demandLevel, .ks, drifted: true),
      finding("region=West", .demandLevel, .psi, drifted: true),
      finding("region=West", .price, .ks, drifted: false),
      finding("region=West", .weekdayProfile, .chiSquare, drifted: true),
      finding("chain", .accuracy, .wapeRatio, drifted: true),
    ]
    let picked = DriftDistribution.ofDrifted(findings, samples: samples)
    XCTAssertEqual(picked.map(\.feature), [.demandLevel, .weekdayProfile])

    for index in 0..<12 {
      var sample = Self.sample()
      sample.segment = "category=c\(index)"
      samples.append(sample)
      findings.append(finding(sample.segment, .price, .psi, drifted: true))
    }
    let capped = DriftDistribution.ofDrifted(findings, samples: samples)
    XCTAssertEqual(capped.count, 8)
    XCTAssertEqual(capped.last?.segment, "category=c5")
  }
}
