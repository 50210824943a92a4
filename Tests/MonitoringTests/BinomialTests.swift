import Monitoring
import XCTest
import _TestSupport

/// P(X ≥ k) against scipy 1.17.1 `binom.sf(k - 1, n, p)` (Fixtures/drift_fixtures.py).
final class BinomialTests: XCTestCase {
  func testUpperTailMatchesScipy() {
    let cases: [(k: Int, n: Int, p: Double, expected: Double)] = [
      (6, 30, 2.5 / 101, 8.185069430196065e-05),  // the far tail, k above the mode
      (250, 1000, 0.3, 0.999801452673767),  // k below the mode: 1 − the lower tail
      (300, 1000, 0.3, 0.5119274840071484),  // k at the mode
      (331, 1000, 0.3, 0.01831242142382108),
      (800, 100_000, 0.0065, 6.566029060377717e-09),  // a level-band size
      (1, 1, 0.5, 0.5),
      (40, 50, 0.5, 1.1930665838377763e-05),
    ]
    for c in cases {
      // The first term is exp of a difference of lgammas near lgamma(n + 1) ≈ 1.05e6 at
      // n = 100,000, which carries an absolute error of about 1e6 · 2⁻⁵² ≈ 2e-10 in the log,
      // so the same relative error in p (observed 1.2e-10 there); 1e-9 leaves room for it.
      assertClose(
        Binomial.upperTail(atLeast: c.k, trials: c.n, probability: c.p), c.expected,
        relativeTolerance: 1e-9, "k \(c.k), n \(c.n), p \(c.p)")
    }
  }

  func testEdges() {
    XCTAssertEqual(Binomial.upperTail(atLeast: 0, trials: 10, probability: 0.3), 1)
    XCTAssertEqual(Binomial.upperTail(atLeast: -2, trials: 10, probability: 0.3), 1)
    XCTAssertEqual(Binomial.upperTail(atLeast: 11, trials: 10, probability: 0.3), 0)
    XCTAssertEqual(Binomial.upperTail(atLeast: 1, trials: 10, probability: 0), 0)
    XCTAssertEqual(Binomial.upperTail(atLeast: 10, trials: 10, probability: 1), 1)
    // P(X = n) = pⁿ exactly: 0.5¹⁰.
    assertClose(
      Binomial.upperTail(atLeast: 10, trials: 10, probability: 0.5), 1.0 / 1024,
      relativeTolerance: 1e-13)
    XCTAssertEqual(Binomial.upperTail(atLeast: 3, trials: 10, probability: 0.999), 1)
  }
}
