import Inventory
import XCTest
import _TestSupport

/// ShelfCast's frontier against the baseline, on three hand-made runs:
///
///     run           fill rate  carrying cost  stock-out events
///     ×2            95.0 %     1000           300
///     ×1            97.0 %     1200           150
///     ×0.5          99.0 %     1600            40
///     baseline      96.0 %     1300           500
///
/// At the baseline's fill rate (96 %, halfway between 95 and 97) the frontier's carrying cost is
/// 1000 + 0.5 · 200 = 1100: 100 · (1100 / 1300 − 1) = −15.384615… %. At the baseline's carrying
/// cost (1300, a quarter of the way from 1200 to 1600) its events are 150 − 0.25 · 110 = 122.5:
/// 100 · (122.5 / 500 − 1) = −75.5 %.
final class PolicyFrontierTests: XCTestCase {
  func summary(
    _ policy: String, fill: Double, carrying: Double, events: Int, lostSaleCost: Double = 0
  ) -> SimulationSummary {
    var row = SimulationSummary(policy: policy, store: "", days: 91)
    // A million units: fill rates to 4 decimals of a percent are exact.
    row.demandUnits = 1_000_000
    row.salesUnits = Int((fill * 10_000).rounded())
    row.lostUnits = row.demandUnits - row.salesUnits
    row.carryingCost = carrying
    row.stockoutEvents = events
    row.lostSaleCost = lostSaleCost
    return row
  }

  var frontier: PolicyFrontier {
    PolicyFrontier(runs: [
      summary("shelfcast miss x1.0", fill: 97, carrying: 1200, events: 150),
      summary("shelfcast miss x2.0", fill: 95, carrying: 1000, events: 300),
      summary("shelfcast miss x0.5", fill: 99, carrying: 1600, events: 40),
    ])
  }

  func testInterpolatesCostAtFillRateAndEventsAtCost() throws {
    assertClose(try XCTUnwrap(frontier.carryingCost(atFillRate: 96)), 1100)
    assertClose(try XCTUnwrap(frontier.stockoutEvents(atCarryingCost: 1300)), 122.5)
    assertClose(try XCTUnwrap(frontier.carryingCost(atFillRate: 99)), 1600)
    XCTAssertNil(frontier.carryingCost(atFillRate: 94.99))
    XCTAssertNil(frontier.stockoutEvents(atCarryingCost: 1601))
    XCTAssertEqual(frontier.fillRateRange, 95...99)
  }

  /// Total cost: baseline 1300 + 2000 = 3300, shelfcast 1200 + 900 = 2100:
  /// 100 · (2100 / 3300 − 1) = −36.363636… %.
  func testComparisonReadsTheFrontierAtTheBaselinesPoint() throws {
    let rows = [
      summary("baseline", fill: 96, carrying: 1300, events: 500, lostSaleCost: 2000),
      summary("shelfcast", fill: 97, carrying: 1200, events: 150, lostSaleCost: 900),
    ]
    let comparison = SimulationComparison(rows, shelfcastFrontier: frontier)
    assertClose(try XCTUnwrap(comparison.shelfcastCarryingCostAtBaselineFillRate), 1100)
    assertClose(
      try XCTUnwrap(comparison.carryingCostVsBaselineSameFillRatePercent), -15.384615384615385,
      relativeTolerance: 1e-12)
    assertClose(try XCTUnwrap(comparison.shelfcastStockoutEventsAtBaselineCarryingCost), 122.5)
    assertClose(
      try XCTUnwrap(comparison.stockoutEventsVsBaselineSameCarryingCostPercent), -75.5,
      relativeTolerance: 1e-12)
    assertClose(
      try XCTUnwrap(comparison.totalCostVsBaselinePercent), -36.36363636363637,
      relativeTolerance: 1e-12)
    let names = comparison.measures.map(\.name)
    XCTAssertTrue(names.contains("total_cost_baseline"))
    XCTAssertTrue(names.contains("shelfcast_stockout_events_at_baseline_carrying_cost"))
    // Without a frontier, none of its measures.
    XCTAssertFalse(
      SimulationComparison(rows).measures.map(\.name).contains(
        "shelfcast_carrying_cost_at_baseline_fill_rate"))
  }

  /// A family whose fill rate is 100 − scale: the base scales span 94 … 99.9 %; reaching 90 %
  /// takes one doubling (×12: 88 %), reaching 99.99 % four halvings (0.05, 0.025, 0.0125,
  /// 0.00625: 99.99375 %).
  func testScalesExtendUntilEveryTargetIsReached() {
    var asked: [Double] = []
    let runs = FrontierScales.explore(targetFillRates: [90, 99.99, 97]) { scale in
      asked.append(scale)
      return summary("x\(scale)", fill: 100 - scale, carrying: 0, events: 0)
    }
    XCTAssertEqual(asked, FrontierScales.base + [12, 0.05, 0.025, 0.0125, 0.00625])
    XCTAssertEqual(runs.count, asked.count)
    XCTAssertEqual(FrontierScales.scaled(0.98, by: 2), 0.96, accuracy: 1e-12)
    XCTAssertEqual(FrontierScales.scaled(0.9, by: 96), 0.01)
  }

  /// The same family with carrying cost 1,000 / scale: the base scales span 166.7 … 10,000.
  /// Every fill rate is reached, but a baseline carrying 30,000 takes two halvings (0.05:
  /// 20,000, 0.025: 40,000) and one carrying 100 one doubling (×12: 83.3).
  func testScalesAlsoExtendUntilEveryCarryingCostIsReached() {
    var asked: [Double] = []
    _ = FrontierScales.explore(targetFillRates: [95], targetCarryingCosts: [30_000, 100]) {
      scale in
      asked.append(scale)
      return summary("x\(scale)", fill: 100 - scale, carrying: 1_000 / scale, events: 0)
    }
    XCTAssertEqual(asked, FrontierScales.base + [12, 0.05, 0.025])
  }
}
