import Forecasting
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

  /// A fitted set's measured cover ratios multiply the variance by the ratio of the cover's
  /// length: 1.5 for 2 days here (13 · 1.5 = 19.5), and past the measured lengths
  /// 1 + ρ (n − 1) with ρ = 0.5 from the longest: 2 for 3 days.
  func testMeasuredCoverRatiosWidenTheCover() {
    let spread = CoverSpread(ratios: [1, 1.5], points: [100, 100])
    let (p10, p90) = ([1 - 2 * z, 1 - 3 * z, 1 - z], [1 + 2 * z, 1 + 3 * z, 1 + z])
    let two = CoverDemand(mean: [1, 1, 1], p10: p10, p90: p90, days: 2, spread: spread)
    assertClose(two.variance, 19.5, relativeTolerance: 1e-14)
    let three = CoverDemand(mean: [1, 1, 1], p10: p10, p90: p90, days: 3, spread: spread)
    assertClose(three.variance, (4 + 9 + 1) * 2, relativeTolerance: 1e-14)
    // The order-up-to level reads the widened cover: a policy with the ratios orders up to the
    // quantile of the same cover built by hand with the ratio applied.
    let policy = ReplenishmentPolicy(
      leadTimeDays: 1, reviewDays: 1, serviceLevel: 0.95,
      rounding: OrderRounding(casePack: 1, minimumOrderUnits: 0), coverSpread: spread)
    let decision = policy.decide(mean: [1, 1, 1], p10: p10, p90: p90, onHand: 0, onOrder: 0)
    XCTAssertEqual(decision.orderUpTo, CoverDemand(mean: 2, variance: 19.5).quantile(0.95))
    XCTAssertGreaterThan(
      decision.orderUpTo, CoverDemand(mean: 2, variance: 13).quantile(0.95),
      "wider than independent days")
  }
}
