import Inventory
import XCTest
import _TestSupport

/// Reference quantiles from scipy 1.17.1:
///
///     from scipy.stats import poisson, nbinom
///     [poisson.ppf(q, 3.5) for q in (0.9, 0.95, 0.98)]           # 6, 7, 8
///     [nbinom.ppf(q, 8, 0.4) for q in (0.9, 0.95, 0.98)]         # 19, 22, 25 (mean 12, var 30)
///     [nbinom.ppf(q, 320, 320/720) for q in (0.9, 0.95, 0.98)]   # 439, 450, 463 (mean 400, var 900)
///
/// scipy's `nbinom(n, p)` has mean n(1−p)/p and variance n(1−p)/p²; NB2 with mean μ and
/// dispersion φ is n = 1/φ, p = n/(n + μ).
final class CoverDemandTests: XCTestCase {
  let levels = [0.9, 0.95, 0.98]

  func testAnIntermittentCoverIsPoissonWhenItsBandsAreNarrowerThanPoisson() {
    // Seven days at 0.5 a day with an integer band 0 … 1: σ² = (1/2.563)² < 0.5, so each day is
    // given the Poisson variance and the cover is Poisson(3.5).
    let cover = CoverDemand(
      mean: [Double](repeating: 0.5, count: 10), p10: [Double](repeating: 0, count: 10),
      p90: [Double](repeating: 1, count: 10), days: 7)
    assertClose(
      [cover.mean, cover.variance, cover.dispersion], [3.5, 3.5, 0], relativeTolerance: 1e-12)
    XCTAssertEqual(levels.map(cover.quantile), [6, 7, 8])
  }

  func testAnOverdispersedCoverIsTheNegativeBinomialWithItsMeanAndVariance() {
    // Four days at 3 a day whose 80 % band is ±1.2816·√7.5: variance 4 × 7.5 = 30.
    let half = 1.2815515655446004 * (7.5).squareRoot()
    let cover = CoverDemand(
      mean: [3, 3, 3, 3], p10: [Double](repeating: 3 - half, count: 4),
      p90: [Double](repeating: 3 + half, count: 4), days: 4)
    assertClose([cover.mean, cover.variance], [12, 30], relativeTolerance: 1e-12)
    assertClose([cover.dispersion], [0.125], relativeTolerance: 1e-12)
    XCTAssertEqual(levels.map(cover.quantile), [19, 22, 25])
  }

  func testAFastMoverKeepsTheNegativeBinomialsSkewNotTheNormalsSymmetry() {
    // The normal would give 438.4, 449.3, 461.6 (400 + 30 z); the NB2 with the same moments
    // gives 439, 450, 463.
    let cover = CoverDemand(mean: 400, variance: 900)
    XCTAssertEqual(levels.map(cover.quantile), [439, 450, 463])
  }

  func testAnEmptyCoverNeedsNothing() {
    let cover = CoverDemand(mean: [0, 0], p10: [0, 0], p90: [0, 0], days: 2)
    XCTAssertEqual(cover.quantile(0.98), 0)
  }
}

extension CoverDemandTests {
  /// scipy 1.17.1: poisson.cdf(4, 3.5) = 0.7254449533096043, poisson.cdf(0, 3.5) =
  /// 0.0301973834223185, nbinom.cdf(15, 8, 0.4) = 0.7627290860617717,
  /// nbinom.cdf(30, 8, 0.4) = 0.9960472435952937.
  func testProbabilityAtMostMatchesScipy() {
    let poisson = CoverDemand(mean: 3.5, variance: 3.5)
    let negativeBinomial = CoverDemand(mean: 12, variance: 30)
    // A sum of at most 31 terms: 1e-12 relative is far above its rounding.
    assertClose(
      [
        poisson.probabilityAtMost(4), poisson.probabilityAtMost(0),
        poisson.probabilityAtMost(4.7), negativeBinomial.probabilityAtMost(15),
        negativeBinomial.probabilityAtMost(30),
      ],
      [
        0.7254449533096043, 0.0301973834223185, 0.7254449533096043, 0.7627290860617717,
        0.9960472435952937,
      ], relativeTolerance: 1e-12)
    XCTAssertEqual(poisson.probabilityAtMost(-1), 0)
    XCTAssertEqual(CoverDemand(mean: 0, variance: 0).probabilityAtMost(0), 1)
  }
}
