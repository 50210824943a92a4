import Inventory
import XCTest

final class InventorySimulatorTests: XCTestCase {
  let items = [
    SimulatedItem(
      leadTimeDays: 2, unitCost: 1.5, rounding: OrderRounding(casePack: 6, minimumOrderUnits: 0),
      openingStock: 10),
    SimulatedItem(
      leadTimeDays: 0, unitCost: 4, rounding: OrderRounding(casePack: 1, minimumOrderUnits: 5),
      openingStock: 0),
    SimulatedItem(
      leadTimeDays: 5, unitCost: 0.8, rounding: OrderRounding(casePack: 12, minimumOrderUnits: 24),
      openingStock: 30),
  ]
  let expected: [[Double]] = [
    [Double](repeating: 3, count: 91), [Double](repeating: 0.4, count: 91),
    (0..<91).map { 8 + 4 * sin(Double($0)) },
  ]

  /// A policy that orders a fixed quantity every few days, to exercise receipts.
  struct EveryFewDays: SimulationPolicy {
    var every: Int
    var units: [Int]
    mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int] {
      day % every == 0 ? units : units.map { _ in 0 }
    }
  }

  func testStockIsConservedEveryDayAndTotalsBalance() throws {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 42, holdingCostRate: 0.25)
    var policy = EveryFewDays(every: 3, units: [12, 5, 24])
    let result = try simulator.run(days: 91, policy: &policy)
    XCTAssertTrue(result.conserved)
    for (item, totals) in zip(items, result.items) {
      // Opening + receipts − sales = closing over the whole run too.
      XCTAssertEqual(item.openingStock + totals.receipts - totals.sales, totals.closingStock)
      XCTAssertEqual(totals.demand, totals.sales + totals.lostUnits)
      XCTAssertLessThanOrEqual(totals.receipts, totals.orderedUnits)
    }
    // The item with no lead time receives everything it orders.
    XCTAssertEqual(result.items[1].receipts, result.items[1].orderedUnits)
  }

  func testEveryPolicyMeetsTheSameDemand() throws {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 7, holdingCostRate: 0.25)
    var lean = EveryFewDays(every: 7, units: [6, 5, 24])
    var rich = EveryFewDays(every: 1, units: [12, 5, 36])
    var baseline = BaselinePolicy()
    let demands = [
      try simulator.run(days: 91, policy: &lean).items.map(\.demand),
      try simulator.run(days: 91, policy: &rich).items.map(\.demand),
      try simulator.run(days: 91, policy: &baseline).items.map(\.demand),
    ]
    XCTAssertEqual(demands[0], demands[1])
    XCTAssertEqual(demands[0], demands[2])
    // Another seed meets other customers.
    var again = EveryFewDays(every: 7, units: [6, 5, 24])
    XCTAssertNotEqual(
      try InventorySimulator(items: items, expected: expected, seed: 8, holdingCostRate: 0.25)
        .run(days: 91, policy: &again).items.map(\.demand), demands[0])
  }

  /// Draws are Poisson: over 40,000 independent days at mean 2.5, the sample mean and variance
  /// lie within 5 standard errors of 2.5 (standard errors √(2.5/40000) ≈ 0.0079 for the mean;
  /// √((2.5 + 2·2.5²)/40000) ≈ 0.0194 for the variance).
  func testDrawsHaveThePoissonMeanAndVariance() {
    let draws = (0..<40_000).map {
      Double(DemandDraws.draw(expected: 2.5, seed: 99, series: $0 % 400, day: $0 / 400))
    }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
    XCTAssertEqual(mean, 2.5, accuracy: 5 * 0.0079)
    XCTAssertEqual(variance, 2.5, accuracy: 5 * 0.0194)
    XCTAssertEqual(DemandDraws.draw(expected: 0, seed: 1, series: 0, day: 0), 0)
  }

  /// The baseline by hand: after a week selling 3 a day with nothing on order and 4 on hand,
  /// lead time 2: target = 3 × (2 + 7) + 3 × 7 = 48, order 44 → 8 cases of 6 = 48. On day 0
  /// the average is the 28 days before the run: 2 a day → 2 × 16 = 32, 28 wanted → 5 cases.
  func testBaselineOrdersUpToTheMovingAverageCover() {
    var policy = BaselinePolicy()
    let state = ItemState(
      onHand: 4, onOrder: 0, sales: [Int](repeating: 3, count: 7),
      stockouts: [Bool](repeating: false, count: 7))
    XCTAssertEqual(policy.orders(day: 7, items: [items[0]], states: [state]), [48])
    XCTAssertEqual(policy.orders(day: 8, items: [items[0]], states: [state]), [0])
    var primed = items[0]
    primed.priorSales = [Int](repeating: 9, count: 10) + [Int](repeating: 2, count: 28)
    let opening = ItemState(onHand: 4, onOrder: 0, sales: [], stockouts: [])
    XCTAssertEqual(policy.orders(day: 0, items: [primed], states: [opening]), [30])
  }

  /// Negative binomial draws with mean 2.5 and size 1.5 over 40,000 days: the sample mean and
  /// variance lie within 5 standard errors of 2.5 and 2.5 + 2.5² / 1.5 = 6.667 (scipy 1.17.1:
  /// nbinom(1.5, 1.5/4).stats('mvsk') gives variance 6.6667 and excess kurtosis 4.15, so the
  /// standard errors are √(6.667/40000) = 0.0129 and √((4.15 + 2) · 6.667² / 40000) = 0.0827).
  func testNegativeBinomialDrawsHaveTheirMeanAndVariance() {
    let draws = (0..<40_000).map {
      Double(DemandDraws.draw(expected: 2.5, size: 1.5, seed: 5, series: $0 % 400, day: $0 / 400))
    }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
    XCTAssertEqual(mean, 2.5, accuracy: 5 * 0.0129)
    XCTAssertEqual(variance, 2.5 + 2.5 * 2.5 / 1.5, accuracy: 5 * 0.0827)
  }
}

extension InventorySimulatorTests {
  /// Day 0, lead time 2 + review 7 = 9 days at 3 a day: Poisson(27); scipy 1.17.1
  /// poisson.ppf(0.95, 27) = 36. With 10 on hand: 26 wanted → 5 cases of 6 = 30.
  func testOracleOrdersUpToThePoissonQuantileOfTrueDemand() {
    var oracle = OraclePolicy(serviceLevels: [0.95], expected: [expected[0]], dispersions: [nil])
    let state = ItemState(onHand: 10, onOrder: 0, sales: [], stockouts: [])
    XCTAssertEqual(oracle.orders(day: 0, items: [items[0]], states: [state]), [30])
    // Between reviews (day 4: 3 days to the next), only below the quantile over lead time +
    // 3 days, Poisson(15): poisson.ppf(0.95, 15) = 22.
    let above = ItemState(onHand: 22, onOrder: 0, sales: [], stockouts: [])
    let below = ItemState(onHand: 21, onOrder: 0, sales: [], stockouts: [])
    XCTAssertEqual(oracle.orders(day: 4, items: [items[0]], states: [above]), [0])
    // Then up to Poisson(27)'s 36: 15 wanted → 3 cases.
    XCTAssertEqual(oracle.orders(day: 4, items: [items[0]], states: [below]), [18])
  }

  /// With overdispersed demand the oracle reads the negative binomial with the cover's two
  /// moments: size 2 + 0.1 × 3 = 2.3 a day, daily variance 3 + 9 / 2.3; over 9 days mean 27,
  /// variance 62.217, φ = 35.217 / 27² = 0.048309, n = 20.7. scipy 1.17.1:
  /// nbinom.ppf(0.95, 20.7, 20.7 / 47.7) = 41. With 10 on hand: 31 wanted → 6 cases of 6.
  func testOracleReadsTheNegativeBinomialWhenDemandIsOverdispersed() {
    var oracle = OraclePolicy(
      serviceLevels: [0.95], expected: [expected[0]],
      dispersions: [DemandDispersion(sizeIntercept: 2, sizePerUnit: 0.1)])
    let state = ItemState(onHand: 10, onOrder: 0, sales: [], stockouts: [])
    XCTAssertEqual(oracle.orders(day: 0, items: [items[0]], states: [state]), [36])
  }

  /// With the truth known, the oracle loses far less demand than a policy blind to it.
  func testTheOracleLosesLessThanANaiveFixedOrder() throws {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 3, holdingCostRate: 0.25)
    var oracle = OraclePolicy(
      serviceLevels: [0.95, 0.95, 0.95], expected: expected, dispersions: [nil, nil, nil])
    var naive = EveryFewDays(every: 7, units: [6, 5, 24])
    let lostByOracle = try simulator.run(days: 91, policy: &oracle).items.map(\.lostUnits)
    let lostByNaive = try simulator.run(days: 91, policy: &naive).items.map(\.lostUnits)
    XCTAssertLessThan(lostByOracle.reduce(0, +), lostByNaive.reduce(0, +))
  }
}
