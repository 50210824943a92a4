import Models
import XCTest
import _TestSupport

final class NormalQuantileTests: XCTestCase {
  /// References: python3 -c "from scipy.stats import norm; print([repr(norm.ppf(p)) for p in
  /// (0.001, 0.1, 0.5, 0.9, 0.975, 0.999)])" (scipy 1.x).
  func testMatchesScipyNormPpf() {
    let levels = [0.001, 0.1, 0.5, 0.9, 0.975, 0.999]
    let expected = [
      -3.090232306167813, -1.2815515655446004, 0, 1.2815515655446004, 1.959963984540054,
      3.090232306167813,
    ]
    // One Halley step leaves errors near 1e-15; 1e-12 relative is well above that.
    assertClose(
      levels.map(standardNormalQuantile), expected, relativeTolerance: 1e-12,
      absoluteTolerance: 1e-14)
  }

  func testGaussianQuantilesClipAtZeroAndStayOrdered() {
    let paths = gaussianQuantiles(mean: [0.2, 5], sigma: [1, 1], levels: [0.9, 0.1, 0.5])
    XCTAssertEqual(paths.map(\.level), [0.1, 0.5, 0.9])
    XCTAssertEqual(paths[0].values[0], 0)
    assertClose([paths[2].values[1]], [5 + 1.2815515655446004], relativeTolerance: 1e-12)
    for day in 0..<2 {
      XCTAssertLessThanOrEqual(paths[0].values[day], paths[1].values[day])
      XCTAssertLessThanOrEqual(paths[1].values[day], paths[2].values[day])
    }
  }
}
