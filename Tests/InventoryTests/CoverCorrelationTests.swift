import Inventory
import XCTest
import _TestSupport

/// Two days with mean 1 and 80 % bands of ±1.2816 · 2 and ±1.2816 · 3 (σ 2 and 3, variances 4
/// and 9): independent days sum to 13; fully correlated ones to (2 + 3)² = 25; at ρ = 0.5,
/// 0.5 · 13 + 0.5 · 25 = 19.
final class CoverCorrelationTests: XCTestCase {
  let z = 1.2815515655446004

  func cover(_ correlation: Double) -> CoverDemand {
    CoverDemand(
      mean: [1, 1], p10: [1 - 2 * z, 1 - 3 * z], p90: [1 + 2 * z, 1 + 3 * z], days: 2,
      correlation: correlation)
  }

  func testSharedVarianceWidensTheCover() {
    // σ goes through (p90 − p10) / (2z): a few ulps from 2 and 3.
    assertClose(cover(0).variance, 13, relativeTolerance: 1e-14)
    assertClose(cover(1).variance, 25, relativeTolerance: 1e-14)
    assertClose(cover(0.5).variance, 19, relativeTolerance: 1e-14)
    XCTAssertEqual(cover(0.5).mean, 2)
    // The default is the independent sum, bit for bit.
    let (p10, p90) = ([1 - 2 * z, 1 - 3 * z], [1 + 2 * z, 1 + 3 * z])
    XCTAssertEqual(CoverDemand(mean: [1, 1], p10: p10, p90: p90, days: 2), cover(0))
  }
}
