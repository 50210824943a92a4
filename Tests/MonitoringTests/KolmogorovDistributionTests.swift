import Monitoring
import XCTest
import _TestSupport

/// The one-sample Kolmogorov and Smirnov distributions against scipy 1.17.1 (`kstwo.sf`,
/// `special.smirnov`, `kstwobign.sf`; `Fixtures/ks_fixtures.py`), over points in every region of
/// Simard & L'Ecuyer's scheme for n from 1 to 150 000.
final class KolmogorovDistributionTests: XCTestCase {
  func testFiniteSampleSurvivalMatchesScipyKstwo() throws {
    let reference = try KSReference.load()
    XCTAssertGreaterThan(reference.kstwo.count, 500)
    for row in reference.kstwo {
      let n = try XCTUnwrap(row[0])
      let d = try XCTUnwrap(row[1])
      let expected = try XCTUnwrap(row[2])
      let observed = KolmogorovDistribution.survival(d, sampleSize: Int(n))
      // Relative 1e-10: where P(D_n < d) is near 1 the survival 1 − P keeps ~15 absolute
      // digits, and Durbin's matrix (here) and Pomeranz's recursion (scipy, n ≤ 140) round
      // differently (1.1e-11 relative at n = 140, d = 0.169). Absolute 1e-15 admits the few
      // subnormal results (~1e-321) near n d² = 370, which carry no relative precision.
      assertClose(
        observed, expected, relativeTolerance: 1e-10, absoluteTolerance: 1e-15,
        "kstwo.sf(\(d), \(Int(n)))")
    }
  }

  func testOneSidedSurvivalMatchesScipySmirnov() throws {
    let reference = try KSReference.load()
    for row in reference.smirnov {
      let n = try XCTUnwrap(row[0])
      let d = try XCTUnwrap(row[1])
      let expected = try XCTUnwrap(row[2])
      let observed = SmirnovDistribution.survival(d, sampleSize: Int(n))
      // The same series as scipy's; the compensated logarithms agree to ~1e-12 relative.
      assertClose(
        observed, expected, relativeTolerance: 1e-11, absoluteTolerance: 1e-300,
        "smirnov(\(Int(n)), \(d))")
    }
  }

  func testLimitingSurvivalMatchesScipyKstwobign() throws {
    let reference = try KSReference.load()
    for row in reference.kstwobign {
      let x = try XCTUnwrap(row[0])
      let expected = try XCTUnwrap(row[1])
      // Both series converge to full precision in a few terms.
      assertClose(
        KolmogorovDistribution.limitingSurvival(x), expected, relativeTolerance: 1e-12,
        absoluteTolerance: 1e-300, "kstwobign.sf(\(x))")
    }
  }

  /// Closed forms at the edges of the support: P(D_n ≥ d) = 1 below 1/(2n), 0 from 1 on;
  /// for n = 1, D₁ = max(U, 1 − U) so P(D₁ ≥ d) = 2 − 2d on [1/2, 1]; for t = n d ≥ n − 1,
  /// 2(1 − d)ⁿ (Ruben & Gambino 1982).
  func testClosedFormsAtTheEdges() {
    XCTAssertEqual(KolmogorovDistribution.survival(0, sampleSize: 10), 1)
    XCTAssertEqual(KolmogorovDistribution.survival(0.05, sampleSize: 10), 1)
    XCTAssertEqual(KolmogorovDistribution.survival(1, sampleSize: 10), 0)
    XCTAssertEqual(KolmogorovDistribution.survival(1.5, sampleSize: 10), 0)
    XCTAssertTrue(KolmogorovDistribution.survival(.nan, sampleSize: 10).isNaN)
    assertClose(KolmogorovDistribution.survival(0.7, sampleSize: 1), 0.6, relativeTolerance: 1e-15)
    // n = 5, d = 0.85: t = 4.25 ≥ 4, so 2 · 0.15⁵ = 2 · 7.59375e-5 = 1.51875e-4.
    assertClose(
      KolmogorovDistribution.survival(0.85, sampleSize: 5), 1.51875e-4, relativeTolerance: 1e-12)
    // The one-sided tail for n = 1 is 1 − d; for d ≥ 1 − 1/n it is (1 − d)ⁿ: 0.1³ = 0.001.
    assertClose(SmirnovDistribution.survival(0.25, sampleSize: 1), 0.75, relativeTolerance: 1e-15)
    assertClose(SmirnovDistribution.survival(0.9, sampleSize: 3), 0.001, relativeTolerance: 1e-12)
    XCTAssertEqual(KolmogorovDistribution.limitingSurvival(0), 1)
    XCTAssertEqual(KolmogorovDistribution.limitingSurvival(-1), 1)
  }

  /// The finite-n distribution approaches the limit: P(D_n ≥ x/√n) → P(K > x).
  func testFiniteSampleApproachesTheLimit() {
    for x in [0.6, 1.0, 1.36, 1.8] {
      let n = 100_000
      let finite = KolmogorovDistribution.survival(x / Double(n).squareRoot(), sampleSize: n)
      // The leading correction is of order 1/√n ≈ 0.003.
      XCTAssertEqual(finite, KolmogorovDistribution.limitingSurvival(x), accuracy: 0.005, "x=\(x)")
    }
  }
}
