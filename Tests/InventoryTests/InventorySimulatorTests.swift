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

  func testStockIsConservedEveryDayAndTotalsBalance() {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 42, holdingCostRate: 0.25)
    var policy = EveryFewDays(every: 3, units: [12, 5, 24])
    let result = simulator.run(days: 91, policy: &policy)
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

  func testEveryPolicyMeetsTheSameDemand() {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 7, holdingCostRate: 0.25)
    var lean = EveryFewDays(every: 7, units: [6, 5, 24])
    var rich = EveryFewDays(every: 1, units: [12, 5, 36])
    var baseline = BaselinePolicy(initialDailyDemand: [3, 0.4, 8])
    let demands = [
      simulator.run(days: 91, policy: &lean).items.map(\.demand),
      simulator.run(days: 91, policy: &rich).items.map(\.demand),
      simulator.run(days: 91, policy: &baseline).items.map(\.demand),
    ]
    XCTAssertEqual(demands[0], demands[1])
    XCTAssertEqual(demands[0], demands[2])
    // Another seed meets other customers.
    var again = EveryFewDays(every: 7, units: [6, 5, 24])
    XCTAssertNotEqual(
      InventorySimulator(items: items, expected: expected, seed: 8, holdingCostRate: 0.25)
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
  /// lead time 2: target = 3 × (2 + 7) + 3 × 7 = 48, order 44 → 8 cases of 6 = 48.
  func testBaselineOrdersUpToTheMovingAverageCover() {
    var policy = BaselinePolicy(initialDailyDemand: [0])
    let state = ItemState(
      onHand: 4, onOrder: 0, sales: [Int](repeating: 3, count: 7),
      stockouts: [Bool](repeating: false, count: 7))
    XCTAssertEqual(policy.orders(day: 7, items: [items[0]], states: [state]), [48])
    XCTAssertEqual(policy.orders(day: 8, items: [items[0]], states: [state]), [0])
  }
}

extension InventorySimulatorTests {
  /// Day 0, lead time 2 + review 7 = 9 days at 3 a day: Poisson(27); scipy 1.17.1
  /// poisson.ppf(0.95, 27) = 36. With 10 on hand: 26 wanted → 5 cases of 6 = 30.
  func testOracleOrdersUpToThePoissonQuantileOfTrueDemand() {
    var oracle = OraclePolicy(serviceLevels: [0.95], expected: [expected[0]])
    let state = ItemState(onHand: 10, onOrder: 0, sales: [], stockouts: [])
    XCTAssertEqual(oracle.orders(day: 0, items: [items[0]], states: [state]), [30])
  }

  /// With the truth known, the oracle loses far less demand than a policy blind to it.
  func testTheOracleLosesLessThanANaiveFixedOrder() {
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: 3, holdingCostRate: 0.25)
    var oracle = OraclePolicy(serviceLevels: [0.95, 0.95, 0.95], expected: expected)
    var naive = EveryFewDays(every: 7, units: [6, 5, 24])
    let lostByOracle = simulator.run(days: 91, policy: &oracle).items.map(\.lostUnits)
    let lostByNaive = simulator.run(days: 91, policy: &naive).items.map(\.lostUnits)
    XCTAssertLessThan(lostByOracle.reduce(0, +), lostByNaive.reduce(0, +))
  }
}
