import Inventory
import XCTest
import _TestSupport

/// `service_levels: cost` against a newsvendor reference computed with scipy 1.17.1
/// (Benchmarks/.venv after `Benchmarks/venv.sh`), by this command:
///
///     Benchmarks/.venv/bin/python -c '
///     from scipy.stats import nbinom, poisson
///     cases = [(4.0, 2.5, 0.25, 7, None, 40.0, 90.0), (4.0, 2.5, 0.25, 7, 0.2, 40.0, 90.0),
///              (10.5, 10.0, 0.5, 14, None, 12.0, 30.0), (3.0, 2.9, 2.0, 28, None, 5.0, 5.0)]
///     for price, cost, rate, review, pen, m, v in cases:
///       cu = pen * price if pen is not None else price - cost
///       co = cost * rate * review / 365
///       r = cu / (cu + co); lvl = min(0.995, max(0.5, r))
///       if v > m: n = m * m / (v - m); q = nbinom.ppf(lvl, n, n / (n + m))
///       else: q = poisson.ppf(lvl, m)
///       print(repr(r), repr(lvl), q)'
///
/// (price, cost, holding_cost_rate, review days, stockout_penalty, cover mean, cover variance)
/// → (critical ratio, bounded level, order-up-to):
///
///     0.9920724801812004  0.9920724801812004  66
///     0.9852382960776044  0.9852382960776044  63
///     0.7227722772277227  0.7227722772277227  15
///     0.18350930115636008 0.5                 5
final class CostServiceLevelTests: XCTestCase {
  struct Case {
    var price, cost, rate: Double
    var reviewDays: Int
    var penalty: Double?
    var mean, variance: Double
    var ratio, level, orderUpTo: Double
  }

  let cases = [
    Case(
      price: 4, cost: 2.5, rate: 0.25, reviewDays: 7, penalty: nil, mean: 40, variance: 90,
      ratio: 0.9920724801812004, level: 0.9920724801812004, orderUpTo: 66),
    Case(
      price: 4, cost: 2.5, rate: 0.25, reviewDays: 7, penalty: 0.2, mean: 40, variance: 90,
      ratio: 0.9852382960776044, level: 0.9852382960776044, orderUpTo: 63),
    Case(
      price: 10.5, cost: 10, rate: 0.5, reviewDays: 14, penalty: nil, mean: 12, variance: 30,
      ratio: 0.7227722772277227, level: 0.7227722772277227, orderUpTo: 15),
    Case(
      price: 3, cost: 2.9, rate: 2, reviewDays: 28, penalty: nil, mean: 5, variance: 5,
      ratio: 0.18350930115636008, level: 0.5, orderUpTo: 5),
  ]

  func settings(_ c: Case) -> InventorySettings {
    InventorySettings(
      reviewDays: c.reviewDays, serviceLevels: .init(mode: .cost), holdingCostRate: c.rate,
      stockoutPenalty: c.penalty)
  }

  func testCriticalRatioMatchesTheNewsvendorReference() {
    for c in cases {
      let s = settings(c)
      let ratio = NewsvendorRatio.criticalRatio(
        underagePerUnit: s.lostSaleCostPerUnit(unitPrice: c.price, unitCost: c.cost),
        overagePerUnit: s.holdingCostPerUnit(unitCost: c.cost, reviewDays: c.reviewDays))
      // Four arithmetic operations each side: a few ulps apart at most.
      assertClose(ratio, c.ratio, relativeTolerance: 1e-14, "price \(c.price)")
    }
  }

  func testCostModeBoundsTheRatioAndReadsTheOrderUpToFromIt() {
    for c in cases {
      let chosen = settings(c).serviceLevel(
        .b, category: "dairy", unitPrice: c.price, unitCost: c.cost)
      XCTAssertEqual(chosen.source, .cost)
      assertClose(chosen.level, c.level, relativeTolerance: 1e-14, "price \(c.price)")
      XCTAssertEqual(
        CoverDemand(mean: c.mean, variance: c.variance).quantile(chosen.level), c.orderUpTo,
        "price \(c.price)")
    }
  }

  func testUpperBoundAndZeroCosts() {
    var s = InventorySettings(serviceLevels: .init(mode: .cost, minimum: 0.6, maximum: 0.97))
    // Margin 99 against 1 × 0.25 × 7 / 365: the ratio 0.99995… is cut to the maximum.
    XCTAssertEqual(s.serviceLevel(.c, category: "x", unitPrice: 100, unitCost: 1).level, 0.97)
    // Nothing to hold (cost 0): the ratio 1 is cut to the maximum; nothing lost either: the
    // ratio 0 is raised to the minimum.
    XCTAssertEqual(s.serviceLevel(.a, category: "x", unitPrice: 1, unitCost: 0).level, 0.97)
    XCTAssertEqual(s.serviceLevel(.a, category: "x", unitPrice: 0, unitCost: 0).level, 0.6)
    s.holdingCostRate = 0
    XCTAssertEqual(s.serviceLevel(.a, category: "x", unitPrice: 0, unitCost: 3).level, 0.6)
  }

  func testCategoryLevelsOverrideTheRatioAndABCModeIsUnchanged() {
    let overrides = ["frozen": InventorySettings.CategoryOverride(serviceLevels: .init(a: 0.91))]
    let cost = InventorySettings(serviceLevels: .init(mode: .cost), categories: overrides)
    XCTAssertEqual(
      cost.serviceLevel(.a, category: "frozen", unitPrice: 4, unitCost: 2.5),
      ChosenServiceLevel(level: 0.91, source: .abcOverride))
    XCTAssertEqual(
      cost.serviceLevel(.b, category: "frozen", unitPrice: 4, unitCost: 2.5).source, .cost)
    let abc = InventorySettings(categories: overrides)
    XCTAssertEqual(
      abc.serviceLevel(.a, category: "frozen", unitPrice: 4, unitCost: 2.5),
      ChosenServiceLevel(level: 0.91, source: .abc))
    XCTAssertEqual(
      abc.serviceLevel(.c, category: "dairy", unitPrice: 4, unitCost: 2.5),
      ChosenServiceLevel(level: 0.90, source: .abc))
  }

  func testBoundsAreValidated() {
    var s = InventorySettings(serviceLevels: .init(minimum: 0.9, maximum: 0.8))
    XCTAssertThrowsError(try s.validate())
    s.serviceLevels = .init(maximum: 1)
    XCTAssertThrowsError(try s.validate())
    s.serviceLevels = .init(mode: .cost)
    XCTAssertNoThrow(try s.validate())
    s.stockoutPenalty = -1
    XCTAssertThrowsError(try s.validate())
  }
}
