import XCTest
import _TestSupport

@testable import Models

/// `LOESS.Plan` keeps each position's weights for a series length; for any series of that
/// length its `smooth` must give, to the bit, what the direct estimate gives at every position
/// with the window STL's Fortran slides (`LOESS.estimate` recomputes the weights each time, and
/// is the path the statsmodels comparisons of `STLDecompositionTests` were first made with).
final class LOESSPlanTests: XCTestCase {
  func testSmoothEqualsTheDirectEstimateToTheBit() {
    var generator = SplitMix64(seed: 7)
    for n in [2, 3, 5, 12, 50, 143] {
      let first = (0..<n).map { _ in Double(generator.below(1000)) / 7 - 40 }
      for window in [3, 5, 11, 53, 91, 201] {
        for degree in [0, 1] {
          let plan = LOESS.Plan(count: n, window: window, degree: degree)
          // A plan serves any series of its length: a second one through the same plan.
          for values in [first, first.map { $0 * 3 + 1 }] {
            let smoothed = plan.smooth(values)
            XCTAssertEqual(smoothed.count, n)
            // The window as the Fortran slides it: all positions when it is wider than the
            // series; otherwise the first `window`, moved one step once past its middle.
            let half = (window + 2) / 2
            var (left, right) = (1, min(window, n))
            for i in 0..<n {
              if window < n && i + 1 > half && right != n { (left, right) = (left + 1, right + 1) }
              let direct =
                LOESS.estimate(
                  values, window: window, degree: degree, at: i + 1, from: left, through: right)
                ?? values[i]
              XCTAssertEqual(
                smoothed[i].bitPattern, direct.bitPattern,
                "n \(n), window \(window), degree \(degree), position \(i + 1)")
            }
          }
        }
      }
    }
  }
}
