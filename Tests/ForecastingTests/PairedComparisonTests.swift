import XCTest

@testable import Forecasting

/// The one-sided paired test that lets a per-series model replace the category incumbent.
/// References computed by hand (and equal to `scipy.stats.ttest_rel(b, c, alternative="greater")`
/// statistics: 5.196 and 0.2255).
final class PairedComparisonTests: XCTestCase {
  func testAConsistentImprovementIsSignificant() {
    // d = 1, 2, 1, 2: mean 1.5, sd √(1/3), t = 1.5 / (√(1/3) / 2) = 5.196 > 1.645.
    XCTAssertTrue(PairedComparison.significantlyLower([1, 2, 3, 4], than: [2, 4, 4, 6]))
  }

  func testALuckyMeanIsNot() {
    // d = 3, −2, 1, −1: mean 0.25, sd √(14.75 / 3) = 2.217, t = 0.2255 < 1.645, though the
    // challenger's total squared error is lower.
    XCTAssertFalse(PairedComparison.significantlyLower([1, 6, 2, 4], than: [4, 4, 3, 3]))
  }

  func testWorseOrUnpairedIsNeverSignificant() {
    XCTAssertFalse(PairedComparison.significantlyLower([2, 4, 4, 6], than: [1, 2, 3, 4]))
    XCTAssertFalse(PairedComparison.significantlyLower([1, 2], than: [2, 3, 4]))
    XCTAssertFalse(PairedComparison.significantlyLower([1], than: [5]))
    XCTAssertTrue(
      PairedComparison.significantlyLower([1, 1, 1], than: [2, 2, 2]), "better by 1 everywhere")
  }

  /// The critical value shared among k challengers (Bonferroni): the standard normal's
  /// 1 − 0.05 / k point, `scipy.stats.norm.ppf(1 - 0.05 / k)` (scipy 1.17.1): 1.959964 for 2,
  /// 2.393980 for 6. A statistic of 2.108 (the independent-points case below) passes one test
  /// at 5 % but not when six challengers share it.
  func testSeveralChallengersShareTheFivePercent() {
    XCTAssertEqual(PairedComparison.criticalValue(challengers: 1), 1.645)
    XCTAssertEqual(PairedComparison.criticalValue(challengers: 2), 1.959964, accuracy: 1e-5)
    XCTAssertEqual(PairedComparison.criticalValue(challengers: 6), 2.393980, accuracy: 1e-5)
    let d: [Double] = [3, 3, 3, 3, -1, -1, -1, -1, 1, 1, 1, 1.5]
    let baseline = d.map { $0 + 10 }
    let challenger = [Double](repeating: 10, count: d.count)
    XCTAssertTrue(PairedComparison.significantlyLower(challenger, than: baseline))
    XCTAssertFalse(
      PairedComparison.significantlyLower(
        challenger, than: baseline,
        critical: PairedComparison.criticalValue(challengers: 6)))
  }

  /// Errors of consecutive days that share their origin's level error: d is 3 for four
  /// points, −1 for four, then about 1. As independent points the improvement looks
  /// significant (t = 2.108); with the Newey–West variance over 3 lags it is not (t = 1.509).
  /// References: `scipy.stats.ttest_1samp(d, 0)` and `statsmodels.api.OLS(d, ones(12)).fit(
  /// cov_type="HAC", cov_kwds={"maxlags": 3, "use_correction": False})` (params / bse),
  /// statsmodels 0.15.0.
  func testAutocorrelatedDifferencesNeedMoreEvidence() throws {
    let d: [Double] = [3, 3, 3, 3, -1, -1, -1, -1, 1, 1, 1, 1.5]
    let baseline = d.map { $0 + 10 }
    let challenger = [Double](repeating: 10, count: d.count)
    let plain = try XCTUnwrap(PairedComparison.statistic(challenger, than: baseline))
    XCTAssertEqual(plain, 2.108099932744714, accuracy: 1e-12)
    let corrected = try XCTUnwrap(
      PairedComparison.statistic(challenger, than: baseline, autocorrelationLags: 3))
    XCTAssertEqual(corrected, 1.5087955105822841, accuracy: 1e-12)
    XCTAssertTrue(PairedComparison.significantlyLower(challenger, than: baseline))
    XCTAssertFalse(
      PairedComparison.significantlyLower(challenger, than: baseline, autocorrelationLags: 3))
  }

  /// One window of h = L + 1 points (one backtest origin): the challenger is better on every
  /// point, by amounts that vary, yet the points hold one draw of the origin's level error, and
  /// the long-run variance of their deviations is 0 by construction (they sum to zero), so
  /// there is no test. Two such windows are a test: both are better by the same pattern.
  func testOneWindowOfAutocorrelatedPointsIsNoEvidence() throws {
    let d: [Double] = [5, 4, 6, 3, 7, 2, 8, 4, 6, 5, 3, 7, 5]
    let baseline = d.map { $0 + 10 }
    let challenger = [Double](repeating: 10, count: d.count)
    // Demeaned, the lag sums γ₀ + 2 Σ γₗ over all 12 lags cancel to 0 (by hand: (Σ dev)² / n).
    let mean = d.reduce(0, +) / Double(d.count)
    let deviations = d.map { $0 - mean }
    var longRun = 0.0
    for lag in 0..<d.count {
      var covariance = 0.0
      for i in lag..<d.count { covariance += deviations[i] * deviations[i - lag] }
      longRun += (lag == 0 ? 1 : 2) * covariance / Double(d.count)
    }
    XCTAssertEqual(longRun, 0, accuracy: 1e-12)
    XCTAssertNil(PairedComparison.statistic(challenger, than: baseline, autocorrelationLags: 12))
    XCTAssertFalse(
      PairedComparison.significantlyLower(challenger, than: baseline, autocorrelationLags: 12))
    // The same pattern over two windows.
    XCTAssertTrue(
      PairedComparison.significantlyLower(
        challenger + challenger, than: baseline + baseline, autocorrelationLags: 12))
    // Without lags (independent points, the pooled test) 13 points are a test.
    XCTAssertNotNil(PairedComparison.statistic(challenger, than: baseline))
  }
}
