import Monitoring
import XCTest
import _TestSupport

/// The detector's decisions on hand-computed samples. Effect sizes are derived in the comments;
/// p-values are scipy's (Fixtures/drift_fixtures.py, which prints every number used here).
final class DriftDetectorTests: XCTestCase {
  func finding(
    _ findings: [DriftFinding], _ feature: DriftFinding.Feature, _ test: DriftFinding.Test
  ) throws -> DriftFinding {
    try XCTUnwrap(findings.first { $0.feature == feature && $0.test == test })
  }

  // MARK: - Demand level

  /// Reference scores: 98 at 1, one at −4, one at +4; recent: 24 at 1, three at +4.5, three
  /// at −4.5 (30 series).
  func levelSample() -> SegmentSample {
    var sample = SegmentSample(segment: "chain")
    sample.levelReference = Array(repeating: 1, count: 98) + [-4, 4]
    sample.levelRecent = Array(repeating: 1, count: 24) + [4.5, 4.5, 4.5, -4.5, -4.5, -4.5]
    return sample
  }

  /// |z|: F_ref(1) = 0.98 and F_rec(1) = 0.8; F_ref(4) = 1, F_rec(4) = 0.8, so D = 0.2 (scipy:
  /// p = 0.27786580423983565). Band ±3: 2 of 100 reference scores beyond, e = 2.5/101; 6 of 30
  /// recent, r = 0.2: V = (r − e)/√(e (1 − e)) = 1.127937788542584, p = P(X ≥ 6) for
  /// X ~ Binomial(30, e) = 8.185069430196065e-05 (scipy `binom.sf(5, 30, e)`).
  /// PSI over the reference's deciles of z: every decile edge is 1, so the bins are (−∞, 1]
  /// and (1, ∞), with shares (0.99, 0.01) → (0.9, 0.1):
  /// PSI = −0.09 ln(0.9/0.99) + 0.09 ln 10 = 0.2158105745518534.
  func testLevelStatisticsByHand() throws {
    let detector = DriftDetector()
    let findings = detector.findings(levelSample())
    XCTAssertEqual(findings.map(\.test), [.ks, .binomial, .psi])
    let ks = try finding(findings, .demandLevel, .ks)
    assertClose(ks.statistic, 0.2, relativeTolerance: 1e-15)
    assertClose(try XCTUnwrap(ks.pValue), 0.27786580423983565, relativeTolerance: 1e-10)
    let band = try finding(findings, .demandLevel, .binomial)
    let e = 2.5 / 101
    assertClose(band.statistic, (0.2 - e) / (e * (1 - e)).squareRoot(), relativeTolerance: 1e-13)
    assertClose(band.statistic, 1.127937788542584, relativeTolerance: 1e-13)
    assertClose(try XCTUnwrap(band.pValue), 8.185069430196065e-05, relativeTolerance: 1e-10)
    let psi = try finding(findings, .demandLevel, .psi)
    assertClose(
      psi.statistic, -0.09 * log(0.9 / 0.99) + 0.09 * log(10.0), relativeTolerance: 1e-13)
    assertClose(psi.statistic, 0.2158105745518534, relativeTolerance: 1e-13)
    XCTAssertNil(psi.pValue)
  }

  /// With 30 series the KS effect (0.2 ≥ 0.05) is large but not significant (p = 0.28): no
  /// drift. The band test is both (V 1.13, p 8.2e-5 < 0.001), but not at alpha 1e-5. The PSI
  /// needs no p-value: 0.216 counts at a threshold of 0.2, not at 0.25.
  func testLevelDecisionsNeedBothConditions() throws {
    let strict = DriftDetector().findings(levelSample())
    XCTAssertFalse(try finding(strict, .demandLevel, .ks).drifted)
    XCTAssertTrue(try finding(strict, .demandLevel, .binomial).drifted)
    XCTAssertFalse(try finding(strict, .demandLevel, .psi).drifted)
    let stricter = DriftDetector(settings: DriftSettings(alpha: 1e-5)).findings(levelSample())
    XCTAssertFalse(try finding(stricter, .demandLevel, .binomial).drifted)
    let loose = DriftDetector(settings: DriftSettings(alpha: 0.5, psiThreshold: 0.2))
      .findings(levelSample())
    XCTAssertTrue(try finding(loose, .demandLevel, .ks).drifted)
    XCTAssertTrue(try finding(loose, .demandLevel, .psi).drifted)
    let large = DriftDetector(settings: DriftSettings(levelBandThreshold: 1.2))
      .findings(levelSample())
    XCTAssertFalse(try finding(large, .demandLevel, .binomial).drifted)
  }

  /// Fewer scored series than `minimumSeries` give no level findings at all.
  func testLevelNeedsMinimumSeries() {
    XCTAssertEqual(
      DriftDetector(settings: DriftSettings(minimumSeries: 31)).findings(levelSample()).count, 0)
    XCTAssertEqual(
      DriftDetector(settings: DriftSettings(minimumSeries: 30)).findings(levelSample()).count, 3)
  }

  /// Scores of exactly ±3 are within the band; just beyond, they count. Reference: 99 zeros and
  /// a 5, e = 1.5/101. Recent: 18 zeros and ±3 (none beyond: V = 0, p = 1), then 18 zeros and
  /// ±3.000001 (2 of 20 beyond, r = 0.1): V = (0.1 − e)/√(e (1 − e)) = 0.70394913780025,
  /// p = P(X ≥ 2), X ~ Binomial(20, e) = 0.035103287026024756 (scipy).
  func testBandEdgesCountInward() throws {
    var sample = SegmentSample(segment: "chain")
    sample.levelReference = Array(repeating: 0, count: 99) + [5]
    sample.levelRecent = [-3, 3] + Array(repeating: 0, count: 18)
    let detector = DriftDetector(settings: DriftSettings(minimumSeries: 20))
    let within = try finding(detector.findings(sample), .demandLevel, .binomial)
    XCTAssertEqual(within.statistic, 0)
    XCTAssertEqual(within.pValue, 1)
    sample.levelRecent = [-3.000001, 3.000001] + Array(repeating: 0, count: 18)
    let beyond = try finding(detector.findings(sample), .demandLevel, .binomial)
    assertClose(beyond.statistic, 0.70394913780025, relativeTolerance: 1e-13)
    assertClose(try XCTUnwrap(beyond.pValue), 0.035103287026024756, relativeTolerance: 1e-10)
  }

  // MARK: - Weekday profile

  /// Reference 100 units every weekday, recent (10, 10, 10, 10, 10, 30, 20). Shares e = 1/7,
  /// r − e = −0.3/7 five times, +1.1/7 and +0.4/7: Σ (r − e)²/e = (5 · 0.09 + 1.21 + 0.16)/7 =
  /// 0.26, V = √(0.26/6). scipy: p = 0.0018003085616915392 (passes alpha 0.01, not 0.001).
  func testWeekdayByHand() throws {
    var sample = SegmentSample(segment: "region:North")
    sample.addWeekdayUnits([100, 100, 100, 100, 100, 100, 100], recent: false)
    sample.addWeekdayUnits([10, 10, 10, 10, 10, 30, 20], recent: true)
    let detector = DriftDetector(settings: DriftSettings(alpha: 0.01, minimumUnits: 100))
    let weekday = try finding(detector.findings(sample), .weekdayProfile, .chiSquare)
    assertClose(weekday.statistic, (0.26 / 6).squareRoot(), relativeTolerance: 1e-13)
    assertClose(try XCTUnwrap(weekday.pValue), 0.0018003085616915392, relativeTolerance: 1e-10)
    XCTAssertEqual(weekday.threshold, 0.1)
    XCTAssertEqual(weekday.segment, "region:North")
    XCTAssertTrue(weekday.drifted)
    XCTAssertFalse(
      try finding(
        DriftDetector(settings: DriftSettings(minimumUnits: 100)).findings(sample),
        .weekdayProfile, .chiSquare
      ).drifted, "p = 0.0018 is not below the default alpha 0.001")
    XCTAssertTrue(
      DriftDetector(settings: DriftSettings(minimumUnits: 100.5)).findings(sample).isEmpty,
      "100 recent units are below a minimum of 100.5")
  }

  // MARK: - Price and promotion share

  /// Reference: 900 days at full price, 100 at 20 % off; recent: 700 full, 200 at 20 % off,
  /// 100 at 30 % off.
  func priceSample() -> SegmentSample {
    var sample = SegmentSample(segment: "category:dairy")
    sample.addPriceDays(relativePrice: 1, days: 900, recent: false)
    sample.addPriceDays(relativePrice: 0.8, days: 100, recent: false)
    sample.addPriceDays(relativePrice: 1, days: 700, recent: true)
    sample.addPriceDays(relativePrice: 0.8, days: 200, recent: true)
    sample.addPriceDays(relativePrice: 0.7, days: 100, recent: true)
    return sample
  }

  /// KS: F_ref(0.8) = 0.1 against F_rec(0.8) = 0.3, D = 0.2 (scipy p = 6.6131216618004355e-18).
  /// Promotion share 0.1 → 0.3: V = 0.2/√(0.1 · 0.9) = 2/3 (scipy p = 5.08946897381438e-29).
  /// Price bands (full price, up to 20 % off, more): (0.9, 0.1, 0) → (0.7, 0.2, 0.1), the empty
  /// share floored at 1e-4: PSI = −0.2 ln(7/9) + 0.1 ln 2 + (0.1 − 1e-4) ln(0.1/1e-4).
  func testPriceAndPromotionByHand() throws {
    let findings = DriftDetector().findings(priceSample())
    let ks = try finding(findings, .price, .ks)
    assertClose(ks.statistic, 0.2, relativeTolerance: 1e-14)
    assertClose(try XCTUnwrap(ks.pValue), 6.6131216618004355e-18, relativeTolerance: 1e-8)
    XCTAssertTrue(ks.drifted)
    let psi = try finding(findings, .price, .psi)
    let expected = -0.2 * log(7.0 / 9) + 0.1 * log(2.0) + (0.1 - 1e-4) * log(0.1 / 1e-4)
    assertClose(psi.statistic, expected, relativeTolerance: 1e-13)
    assertClose(psi.statistic, 0.8096623560824914, relativeTolerance: 1e-13)
    XCTAssertTrue(psi.drifted)
    let promotion = try finding(findings, .promotionShare, .chiSquare)
    assertClose(promotion.statistic, 2.0 / 3, relativeTolerance: 1e-13)
    assertClose(try XCTUnwrap(promotion.pValue), 5.08946897381438e-29, relativeTolerance: 1e-8)
    XCTAssertTrue(promotion.drifted)
  }

  /// The same promotion mix in both windows: nothing moves, nothing is flagged.
  func testUnchangedPricesAreNotDrift() throws {
    var sample = SegmentSample(segment: "chain")
    sample.addPriceDays(relativePrice: 1, days: 9000, recent: false)
    sample.addPriceDays(relativePrice: 0.8, days: 1000, recent: false)
    sample.addPriceDays(relativePrice: 1, days: 900, recent: true)
    sample.addPriceDays(relativePrice: 0.8, days: 100, recent: true)
    let findings = DriftDetector().findings(sample)
    XCTAssertEqual(findings.count, 3)
    XCTAssertEqual(try finding(findings, .price, .ks).statistic, 0, accuracy: 1e-15)
    XCTAssertEqual(try finding(findings, .promotionShare, .chiSquare).statistic, 0, accuracy: 1e-7)
    XCTAssertFalse(findings.contains(where: \.drifted))
  }

  /// Two categories: V = |r − e| / √(e (1 − e)); a category the reference never saw: +∞.
  func testMixEffect() {
    assertClose(
      DriftDetector.mixEffect(reference: [10, 90], recent: [20, 80]), 0.1 / 0.3,
      relativeTolerance: 1e-13)
    XCTAssertEqual(DriftDetector.mixEffect(reference: [10, 0], recent: [5, 5]), .infinity)
    XCTAssertTrue(DriftDetector.mixEffect(reference: [0, 0], recent: [5, 5]).isNaN)
  }

  // MARK: - Concept drift

  /// The WAPE ratio against 1 + tolerance (1.1 by default); no p-value.
  func testAccuracyFinding() {
    let detector = DriftDetector()
    let worse = detector.accuracyFinding(segment: "chain", recentWAPE: 0.36, backtestWAPE: 0.30)
    assertClose(worse.statistic, 1.2, relativeTolerance: 1e-14)
    XCTAssertEqual(worse.threshold, 1.1)
    XCTAssertNil(worse.pValue)
    XCTAssertTrue(worse.drifted)
    XCTAssertEqual(worse.feature, .accuracy)
    XCTAssertEqual(worse.test, .wapeRatio)
    let same = detector.accuracyFinding(segment: "chain", recentWAPE: 0.31, backtestWAPE: 0.30)
    XCTAssertFalse(same.drifted)
    let loose = DriftDetector(settings: DriftSettings(wapeTolerance: 0.25))
    XCTAssertFalse(
      loose.accuracyFinding(segment: "chain", recentWAPE: 0.36, backtestWAPE: 0.30).drifted)
    let fromZero = detector.accuracyFinding(segment: "chain", recentWAPE: 0.1, backtestWAPE: 0)
    XCTAssertEqual(fromZero.statistic, .infinity)
    XCTAssertTrue(fromZero.drifted)
    let unknown = detector.accuracyFinding(segment: "chain", recentWAPE: .nan, backtestWAPE: 0.3)
    XCTAssertTrue(unknown.statistic.isNaN)
    XCTAssertFalse(unknown.drifted)
  }
}
