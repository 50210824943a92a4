import DemandCore
import Forecasting
import Foundation
import Inventory
import Pipeline
import Synthetic
import XCTest
import _TestSupport

/// `shelfcast simulate` on the committed sample chain: three weeks after its last day, with the
/// generator's truth for those weeks (ShelfCast forecasting every third night, to keep the
/// debug-build test short; the nightly path is the same code).
final class SimulateOnSampleTests: XCTestCase {
  private var directory: TemporaryDirectory!
  let from = Day(iso: "2026-11-01")!
  let to = Day(iso: "2026-11-21")!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-simulate")
  }

  override func tearDown() { directory = nil }

  /// The sample chain's truth from the first simulated day (the committed sample leaves the
  /// 14 MB truth file out; the generator reproduces it).
  private func truthPath() throws -> String {
    let configuration = ChainConfiguration(
      storeCount: 10, skuCount: 60, start: Day(iso: "2024-11-01")!, dayCount: 730,
      transactionDayCount: 14, seed: 7, truthStart: from)
    let out = directory.path("chain")
    _ = try ChainGenerator(configuration: configuration).write(to: out, progress: nil)
    return out + "/truth/expected_demand.csv"
  }

  private func trainedSample(asOf: Day? = nil) throws -> Workspace {
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace,
      paths: ["master", "history", "inventory", "inbox"].map {
        SampleChainTests.sample.appendingPathComponent($0).path
      }, asOf: Day(iso: "2026-11-01")!, logger: .init(label: "test"))
    _ = try TrainStage.run(
      workspace: workspace, asOf: asOf,
      configuration: ForecastConfiguration(horizonDays: 14, historyWindowDays: 200),
      logger: .init(label: "test"))
    return workspace
  }

  /// ShelfCast's frontier, from three scales: it is extended until it spans the baseline's fill
  /// rate, its scale-1 point is the main run, and the comparison reads it where it reaches.
  func testShelfCastFrontierReachesTheBaselineAndFeedsTheComparison() throws {
    let workspace = try trainedSample()
    var options = SimulateStage.Options(truthPath: try truthPath())
    options.to = Day(iso: "2026-11-14")!
    options.seed = 5
    options.policies = [.baseline, .shelfcast]
    options.forecastEveryDays = 7
    options.shelfcastFrontier = true
    options.frontierScales = [2, 1, 0.5]
    let outcome = try SimulateStage.run(
      workspace: workspace, options: options, logger: .init(label: "test"))
    let baseline = try XCTUnwrap(outcome.summaries.first { $0.policy == "baseline" })
    let ours = try XCTUnwrap(outcome.summaries.first { $0.policy == "shelfcast" })
    XCTAssertGreaterThanOrEqual(outcome.shelfcastFrontier.count, 3)
    let one = try XCTUnwrap(outcome.shelfcastFrontier.first { $0.policy == "shelfcast miss x1.0" })
    XCTAssertEqual(one.carryingCost, ours.carryingCost)
    let frontier = PolicyFrontier(runs: outcome.shelfcastFrontier)
    let reached = try XCTUnwrap(frontier.fillRateRange)
    XCTAssertTrue(
      reached.contains(baseline.fillRatePercent)
        || outcome.shelfcastFrontier.count == 3 + 2 * FrontierScales.maximumExtensions,
      "\(reached) against \(baseline.fillRatePercent)")
    if reached.contains(baseline.fillRatePercent) {
      XCTAssertNotNil(outcome.comparison.shelfcastCarryingCostAtBaselineFillRate)
    }
    XCTAssertEqual(
      outcome.comparison.shelfcastCarryingCostAtBaselineFillRate,
      frontier.carryingCost(atFillRate: baseline.fillRatePercent))
    XCTAssertEqual(
      outcome.comparison.shelfcastStockoutEventsAtBaselineCarryingCost,
      frontier.stockoutEvents(atCarryingCost: baseline.carryingCost))
    let names = try String(contentsOfFile: outcome.summaryPath, encoding: .utf8)
      .split(separator: "\n").map { String($0.prefix { $0 != "," }) }
    XCTAssertEqual(names.count, 1 + 2 + outcome.shelfcastFrontier.count)
    XCTAssertTrue(names.contains("shelfcast miss x0.5"))
  }

  func testEveryPolicyMeetsTheSameDemandAndShelfCastLosesLessThanTheBaseline() throws {
    let workspace = try trainedSample()
    var options = SimulateStage.Options(truthPath: try truthPath())
    options.to = to
    options.seed = 11
    options.oracleFrontier = true
    options.forecastEveryDays = 3
    let outcome = try SimulateStage.run(
      workspace: workspace, options: options, logger: .init(label: "test"))
    XCTAssertEqual(outcome.from, from)
    XCTAssertEqual(outcome.summaries.map(\.policy), ["baseline", "oracle", "shelfcast"])
    XCTAssertTrue(outcome.conserved)
    XCTAssertEqual(outcome.itemsWithoutTruth, 0)
    let demand = outcome.summaries.map(\.demandUnits)
    XCTAssertEqual(Set(demand).count, 1, "the same draws for every policy: \(demand)")
    XCTAssertGreaterThan(demand[0], 0)
    for summary in outcome.summaries {
      XCTAssertEqual(summary.days, 21)
      XCTAssertEqual(summary.salesUnits + summary.lostUnits, summary.demandUnits)
    }
    let (baseline, oracle, shelfcast) = (
      outcome.summaries[0], outcome.summaries[1], outcome.summaries[2]
    )
    XCTAssertLessThan(oracle.stockoutEvents, baseline.stockoutEvents)
    XCTAssertLessThan(shelfcast.stockoutEvents, baseline.stockoutEvents)
    // The base scales, extended until the frontier reaches every policy's fill rate.
    XCTAssertGreaterThanOrEqual(outcome.frontier.count, FrontierScales.base.count)
    let reached = try XCTUnwrap(PolicyFrontier(runs: outcome.frontier).fillRateRange)
    for policy in outcome.summaries {
      XCTAssertTrue(reached.contains(policy.fillRatePercent), "\(policy.policy) \(reached)")
    }
    // The oracle reads the true distribution and rounds its quantile up to whole units: its
    // order-up-to levels cover at least their service level, less the sampling error of a
    // few hundred reviews per class (binomial σ ≤ 1.5 points at 90 %; 3 points allowed).
    let oracleTails = outcome.tailCoverage.filter { $0.policy == "oracle" }
    XCTAssertEqual(oracleTails.map(\.abcClass), [.a, .b, .c])
    for row in oracleTails {
      XCTAssertGreaterThan(row.reviews, 100)
      XCTAssertGreaterThanOrEqual(row.coveredPercent, row.targetPercent - 3, "\(row)")
    }
    // The files: one row per policy and frontier point; one per policy and store.
    let summary = try String(contentsOfFile: outcome.summaryPath, encoding: .utf8)
      .split(separator: "\n")
    XCTAssertEqual(summary.first.map(String.init), SimulationFiles.summaryHeader)
    XCTAssertEqual(summary.count, 1 + 3 + outcome.frontier.count)
    let stores = try String(contentsOfFile: outcome.storesPath, encoding: .utf8)
      .split(separator: "\n")
    XCTAssertEqual(stores.count, 1 + 3 * 10)
    // items.csv: one row per policy and store/SKU, whose units add up to each policy's totals.
    let itemsPath = (outcome.summaryPath as NSString).deletingLastPathComponent + "/items.csv"
    let items = try String(contentsOfFile: itemsPath, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(items.first.map(String.init), SimulationFiles.itemsHeader)
    let itemCount = outcome.summaries[0].items
    XCTAssertEqual(items.count, 1 + 3 * itemCount)
    for (p, policy) in outcome.summaries.enumerated() {
      let rows = items[(1 + p * itemCount)..<(1 + (p + 1) * itemCount)]
        .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      XCTAssertTrue(rows.allSatisfy { $0[0] == policy.policy && $0.count == 15 })
      XCTAssertEqual(rows.reduce(0) { $0 + Int($1[5])! }, policy.demandUnits)
      XCTAssertEqual(rows.reduce(0) { $0 + Int($1[7])! }, policy.lostUnits)
      XCTAssertEqual(rows.reduce(0) { $0 + Int($1[8])! }, policy.stockoutEvents)
      // The baseline aims at no service level.
      XCTAssertEqual(rows.allSatisfy { $0[4].isEmpty }, policy.policy == "baseline")
    }
    // A simulation starting inside the training window is refused.
    var inside = options
    inside.from = Day(iso: "2026-10-20")!
    XCTAssertThrowsError(
      try SimulateStage.run(workspace: workspace, options: inside, logger: .init(label: "t"))
    ) { error in
      guard case PipelineError.invalidArgument(let message) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(message.contains("--as-of 2026-10-19"), message)
    }
  }
}
