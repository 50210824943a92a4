import DemandCore
import Forecasting
import Foundation
import History
import Inventory
import Logging
import Tabular

/// `shelfcast simulate`: replays days one by one under each ordering policy, on demand drawn
/// from the generator's true expected demand, and compares stock-outs and carrying cost.
public enum SimulateStage {
  /// Who decides the orders.
  public enum PolicyName: String, Sendable, CaseIterable {
    case baseline, oracle, shelfcast
  }

  public struct Options: Sendable {
    /// First simulated day; default: the day after the fitted set's last training day.
    public var from: Day?
    /// Last simulated day; default: 13 weeks after `from`.
    public var to: Day?
    public var policies: [PolicyName] = PolicyName.allCases
    /// The chain's truth/expected_demand.csv.
    public var truthPath: String
    /// The chain's truth/demand_dispersion.csv; default: beside `truthPath` when it exists,
    /// else every day is drawn Poisson.
    public var dispersionPath: String?
    public var seed: UInt64 = 1
    /// Nights between two forecasts of ShelfCast's policy (1: every night).
    public var forecastEveryDays = 1
    /// Also run the oracle at a range of service levels, to read its carrying cost at
    /// ShelfCast's fill rate.
    public var oracleFrontier = false
    /// Also run ShelfCast's policy at a range of service levels (reaching every policy's fill
    /// rate), to read its carrying cost at the baseline's fill rate and its stock-out events at
    /// the baseline's carrying cost. Each run forecasts every night again.
    public var shelfcastFrontier = false
    /// The scales both frontiers start from, before they are extended to reach every
    /// policy's fill rate (`FrontierScales.base` by default; tests run fewer).
    public var frontierScales = FrontierScales.base
    public var settings = InventorySettings()
    public var outDirectory: String?

    public init(truthPath: String) { self.truthPath = truthPath }
  }

  public struct Outcome: Sendable {
    public var from: Day
    public var to: Day
    public var summaries: [SimulationSummary]
    /// The oracle's carrying cost at ShelfCast's fill rate, when the frontier was run and
    /// covers that fill rate.
    public var oracleCostAtShelfCastFillRate: Double? {
      comparison.oracleCarryingCostAtShelfCastFillRate
    }
    /// The oracle's runs at scaled service levels (`oracleFrontier`).
    public var frontier: [SimulationSummary]
    /// ShelfCast's runs at scaled service levels (`shelfcastFrontier`).
    public var shelfcastFrontier: [SimulationSummary]
    /// What `comparison.csv` holds.
    public var comparison: SimulationComparison
    /// Per policy (oracle, shelfcast), ABC class and service level: how often the order-up-to
    /// level covered the demand over the cover.
    public var tailCoverage: [TailCoverage]
    /// Store/SKUs left out because the truth file has no complete path for them.
    public var itemsWithoutTruth: Int
    /// Every policy's every store/SKU/day balanced: opening + receipts − sales = closing.
    public var conserved: Bool
    public var summaryPath: String
    public var storesPath: String
  }

  /// The frontiers scale every item's stock-out probability (1 − service level) by
  /// `FrontierScales`, keeping the ABC structure of the levels, so the comparison at the same
  /// fill rate isolates the forecast, not the choice of levels.

  /// - Throws: `Cancelled` when a stop was requested (`StopRequest`, checked before each
  ///   simulated day of each policy): nothing under `simulation/` is written.
  public static func run(
    workspace: Workspace, options: Options, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    // The champion's checked artifact, never `models/fitted-set.json` (which a promotion
    // killed part-way may have replaced).
    let fittedSet = try WorkspaceSession(workspace: workspace).serving().fittedSet
    let from = options.from ?? fittedSet.lastTrainingDay.adding(days: 1)
    let to = options.to ?? from.adding(days: 90)
    guard from <= to else {
      throw PipelineError.invalidArgument("--to \(to.iso) is before --from \(from.iso).")
    }
    if options.policies.contains(.shelfcast) && fittedSet.lastTrainingDay >= from {
      throw PipelineError.invalidArgument(
        "The fitted set was trained through \(fittedSet.lastTrainingDay.iso), which the "
          + "simulation from \(from.iso) replays; train with --as-of "
          + "\(from.adding(days: -1).iso) or earlier.")
    }
    let days = from.days(to: to) + 1
    let database = try workspace.openDatabase()
    let source = try HistoryStoreSource(database: database)
    let configuration = fittedSet.configuration
    // Where the forecaster reads from (the fitted set's training window), so one read serves
    // the whole run.
    let windowStart = min(
      fittedSet.lastTrainingDay.adding(days: 1 - configuration.historyWindowDays),
      from.adding(days: -configuration.historyWindowDays))
    let lastReal = from.adding(days: -1)
    logger.notice(
      "simulation", metadata: ["from": "\(from.iso)", "to": "\(to.iso)", "days": "\(days)"])
    let histories = try source.stores.map {
      try source.history(of: $0, from: windowStart, through: lastReal)
    }
    let truth = try TruthTable(path: options.truthPath, first: from, dayCount: days)
    let dispersionPath =
      options.dispersionPath
      ?? (((options.truthPath as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent("demand_dispersion.csv"))
    let dispersions =
      options.dispersionPath != nil || FileManager.default.fileExists(atPath: dispersionPath)
      ? try DispersionTable.read(path: dispersionPath) : [:]
    // Without saved classes, from the histories just read (they cover the 91 days before
    // `from`), not from another read of the database.
    let abc =
      try ABCTable.saved(workspace)
      ?? ABCTable(histories: histories, lastDay: lastReal, unitPrice: source.unitPrice)
    let skus = try database.masterIndex().skus.reduce(into: [SKUID: SKURecord]()) {
      $0[$1.record.id] = $1.record
    }

    var items: [SimulatedItem] = []
    var expected: [[Double]] = []
    var levels: [Double] = []
    var classes: [ABCClass] = []
    var rules: [ReplenishmentPolicy] = []
    var withoutTruth = 0
    for history in histories {
      let stock = Dictionary(
        try database.latestStock(store: history.store, onOrBefore: lastReal).map { ($0.sku, $0) },
        uniquingKeysWith: { a, _ in a })
      let panel = history.panel
      for (series, key) in panel.keys.enumerated() {
        guard let sku = skus[key.sku] else { continue }
        guard let path = truth.path(key) else {
          withoutTruth += 1
          continue
        }
        let values = panel.series(series)
        let prior = values.suffix(28).map { Int(max(0, $0).rounded()) }
        let rounding = OrderRounding(
          casePack: max(1, sku.casePack), minimumOrderUnits: max(0, sku.minOrderQty),
          shelfCapacityUnits: sku.shelfCapacityUnits)
        let opening: Int
        if let position = stock[key.sku] {
          opening = Int(max(0, position.onHand + position.onOrder).rounded())
        } else {
          // No snapshot: the stock a weekly orderer holds on average, the same for every policy.
          let average = Double(prior.reduce(0, +)) / Double(max(1, prior.count))
          opening = Int((average * Double(sku.leadTimeDays + 7)).rounded())
        }
        let level = options.settings.serviceLevel(
          abc(key), category: sku.category, unitPrice: sku.unitPrice, unitCost: sku.unitCost
        ).level
        items.append(
          SimulatedItem(
            key: key, leadTimeDays: max(0, sku.leadTimeDays), unitCost: sku.unitCost,
            rounding: rounding, openingStock: opening, priorSales: prior,
            dispersion: dispersions[key.sku],
            lostSaleCostPerUnit: options.settings.lostSaleCostPerUnit(
              unitPrice: sku.unitPrice, unitCost: sku.unitCost)))
        expected.append(path)
        levels.append(level)
        classes.append(abc(key))
        rules.append(
          ReplenishmentPolicy(
            leadTimeDays: max(0, sku.leadTimeDays),
            reviewDays: options.settings.reviewDays(category: sku.category),
            serviceLevel: level, rounding: rounding, overstockDays: options.settings.overstockDays,
            coverCorrelation: options.settings.coverCorrelation,
            coverSpread: fittedSet.horizonSpread?.cover))
      }
    }
    guard !items.isEmpty else {
      throw PipelineError.invalidArgument(
        "\(options.truthPath) has no complete path of expected demand over \(from.iso) … "
          + "\(to.iso) for any store/SKU of the workspace.")
    }
    let simulator = InventorySimulator(
      items: items, expected: expected, seed: options.seed,
      holdingCostRate: options.settings.holdingCostRate)
    let storeOf = items.map(\.key.store.rawValue)
    let reviewDays = options.settings.reviewDays
    var summaries: [SimulationSummary] = []
    var storeRows: [SimulationSummary] = []
    var conserved = true
    var itemRows: [SimulationFiles.ItemRow] = []
    func record(_ result: InventorySimulator.Result, _ name: String) {
      conserved = conserved && result.conserved
      for (i, outcome) in result.items.enumerated() {
        itemRows.append(
          SimulationFiles.ItemRow(
            policy: name, item: items[i], abcClass: classes[i],
            serviceLevel: name == PolicyName.baseline.rawValue ? nil : levels[i],
            result: outcome))
      }
      let summary = SimulationSummary.of(result, policy: name, storeOf: storeOf)
      summaries.append(summary.chain)
      storeRows += summary.stores
      logger.notice(
        "policy simulated",
        metadata: [
          "policy": "\(name)", "stockout_events": "\(summary.chain.stockoutEvents)",
          "carrying_cost": "\(summary.chain.carryingCost)",
        ])
    }
    var tailCoverage: [TailCoverage] = []
    func measureTails(_ reviews: [TailObservation], _ name: String) {
      tailCoverage += TailCoverage.measure(
        policy: name, reviews: reviews, days: days, classes: classes,
        demand: { simulator.demand(item: $0, day: $1) })
    }
    let itemIndex = Dictionary(
      items.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
    func shelfcastPolicy(_ rules: [ReplenishmentPolicy], report: Bool) -> ShelfCastPolicy {
      ShelfCastPolicy(
        forecaster: Forecaster(fittedSet: fittedSet),
        source: SimulatedHistorySource(
          histories: histories, calendar: source.calendar, simulationStart: from,
          itemIndex: itemIndex),
        items: items, rules: rules, forecastEveryDays: options.forecastEveryDays
      ) { day in
        progress?(day + 1, days, "days")
        if report && day % 7 == 0 {
          logger.info(
            "shelfcast policy forecast", metadata: ["day": "\(from.adding(days: day).iso)"])
        }
      }
    }
    for name in options.policies {
      switch name {
      case .baseline:
        var policy = BaselinePolicy(reviewDays: reviewDays)
        record(
          try simulator.run(
            days: days, policy: &policy, cancellation: StopRequest.cancellation), name.rawValue)
      case .oracle:
        var policy = OraclePolicy(
          reviewDays: reviewDays, serviceLevels: levels, expected: expected,
          dispersions: items.map(\.dispersion))
        record(
          try simulator.run(
            days: days, policy: &policy, cancellation: StopRequest.cancellation), name.rawValue)
        measureTails(policy.reviews, name.rawValue)
      case .shelfcast:
        var policy = shelfcastPolicy(rules, report: true)
        record(
          try simulator.run(
            days: days, policy: &policy, cancellation: StopRequest.cancellation), name.rawValue)
        measureTails(policy.reviews, name.rawValue)
      }
    }
    let fillRates = summaries.map(\.fillRatePercent)
    let ours = summaries.first(where: { $0.policy == "shelfcast" })
    var frontier: [SimulationSummary] = []
    if options.oracleFrontier, ours != nil {
      frontier = try FrontierScales.explore(
        base: options.frontierScales, targetFillRates: fillRates
      ) { scale in
        var policy = OraclePolicy(
          reviewDays: reviewDays,
          serviceLevels: levels.map { FrontierScales.scaled($0, by: scale) },
          expected: expected, dispersions: items.map(\.dispersion))
        let result = try simulator.run(
          days: days, policy: &policy, cancellation: StopRequest.cancellation)
        return SimulationSummary.of(result, policy: "oracle miss x\(scale)", storeOf: storeOf).chain
      }
    }
    var ourFrontier: [SimulationSummary] = []
    if options.shelfcastFrontier, let ours {
      // Scale 1 is the run just made. ShelfCast's frontier is read at the other policies'
      // carrying costs too (its stock-outs at the baseline's stock).
      ourFrontier = try FrontierScales.explore(
        base: options.frontierScales, targetFillRates: fillRates,
        targetCarryingCosts: summaries.map(\.carryingCost)
      ) { scale in
        if scale == 1 {
          var copy = ours
          copy.policy = "shelfcast miss x1.0"
          return copy
        }
        var scaledRules = rules
        for i in scaledRules.indices {
          scaledRules[i].serviceLevel = FrontierScales.scaled(rules[i].serviceLevel, by: scale)
        }
        var policy = shelfcastPolicy(scaledRules, report: false)
        let result = try simulator.run(
          days: days, policy: &policy, cancellation: StopRequest.cancellation)
        let chain = SimulationSummary.of(
          result, policy: "shelfcast miss x\(scale)", storeOf: storeOf
        )
        .chain
        logger.notice(
          "shelfcast frontier point",
          metadata: [
            "scale": "\(scale)", "fill_rate_pct": "\(chain.fillRatePercent)",
            "carrying_cost": "\(chain.carryingCost)",
          ])
        return chain
      }
    }
    let comparison = SimulationComparison(
      summaries, oracleFrontier: frontier.isEmpty ? nil : PolicyFrontier(runs: frontier),
      shelfcastFrontier: ourFrontier.isEmpty ? nil : PolicyFrontier(runs: ourFrontier))
    let directory = workspace.outputDirectory(options.outDirectory) + "/simulation"
    try AtomicFile.makeDirectories(directory)
    let summaryPath = directory + "/summary.csv"
    let storesPath = directory + "/stores.csv"
    try AtomicFile.write(
      SimulationFiles.summaryCSV(summaries + frontier + ourFrontier), to: summaryPath)
    try AtomicFile.write(SimulationFiles.storesCSV(storeRows), to: storesPath)
    try AtomicFile.write(SimulationFiles.itemsCSV(itemRows), to: directory + "/items.csv")
    let comparisonPath = directory + "/comparison.csv"
    try AtomicFile.write(SimulationFiles.comparisonCSV(comparison), to: comparisonPath)
    try AtomicFile.write(
      SimulationFiles.tailCoverageCSV(tailCoverage), to: directory + "/tail_coverage.csv")
    return Outcome(
      from: from, to: to, summaries: summaries, frontier: frontier,
      shelfcastFrontier: ourFrontier, comparison: comparison, tailCoverage: tailCoverage,
      itemsWithoutTruth: withoutTruth, conserved: conserved, summaryPath: summaryPath,
      storesPath: storesPath)
  }
}
