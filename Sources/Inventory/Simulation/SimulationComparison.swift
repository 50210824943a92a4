/// ShelfCast's results against the baseline's and the oracle's: relative changes in percent,
/// fill-rate differences in points, money in the chain's currency; `nil` where a policy or a
/// frontier did not run, a frontier does not reach the point, or a reference is zero.
public struct SimulationComparison: Sendable, Equatable {
  public var stockoutEventsVsBaselinePercent: Double?
  public var lostUnitsVsBaselinePercent: Double?
  public var carryingCostVsBaselinePercent: Double?
  public var fillRateVsBaselinePoints: Double?
  public var carryingCostVsOracleSameLevelsPercent: Double?
  public var fillRateVsOracleSameLevelsPoints: Double?
  /// The oracle frontier's carrying cost at ShelfCast's fill rate.
  public var oracleCarryingCostAtShelfCastFillRate: Double?
  public var carryingCostVsOracleSameFillRatePercent: Double?
  /// ShelfCast's frontier's carrying cost at the baseline's fill rate, and its change against
  /// the baseline's carrying cost ("less stock at the same fill rate").
  public var shelfcastCarryingCostAtBaselineFillRate: Double?
  public var carryingCostVsBaselineSameFillRatePercent: Double?
  /// ShelfCast's frontier's stock-out events at the baseline's carrying cost, and their change
  /// against the baseline's events ("fewer stock-outs with the same stock").
  public var shelfcastStockoutEventsAtBaselineCarryingCost: Double?
  public var stockoutEventsVsBaselineSameCarryingCostPercent: Double?
  /// Carrying cost + lost-sale cost of each policy that ran, by policy name.
  public var totalCosts: [(policy: String, cost: Double)] = []
  public var totalCostVsBaselinePercent: Double?

  /// - Parameters:
  ///   - rows: the chain summaries, named `shelfcast`, `baseline` and `oracle`.
  ///   - oracleFrontier, shelfcastFrontier: the families' runs at scaled service levels, when
  ///     they ran.
  public init(
    _ rows: [SimulationSummary], oracleFrontier: PolicyFrontier? = nil,
    shelfcastFrontier: PolicyFrontier? = nil
  ) {
    let byName = Dictionary(rows.map { ($0.policy, $0) }, uniquingKeysWith: { a, _ in a })
    totalCosts = rows.map { ($0.policy, $0.totalCost) }
    guard let ours = byName["shelfcast"] else { return }
    if let baseline = byName["baseline"] {
      stockoutEventsVsBaselinePercent = Self.change(
        Double(ours.stockoutEvents), Double(baseline.stockoutEvents))
      lostUnitsVsBaselinePercent = Self.change(Double(ours.lostUnits), Double(baseline.lostUnits))
      carryingCostVsBaselinePercent = Self.change(ours.carryingCost, baseline.carryingCost)
      fillRateVsBaselinePoints = ours.fillRatePercent - baseline.fillRatePercent
      totalCostVsBaselinePercent = Self.change(ours.totalCost, baseline.totalCost)
      if let frontier = shelfcastFrontier {
        shelfcastCarryingCostAtBaselineFillRate = frontier.carryingCost(
          atFillRate: baseline.fillRatePercent)
        carryingCostVsBaselineSameFillRatePercent = shelfcastCarryingCostAtBaselineFillRate.flatMap
        {
          Self.change($0, baseline.carryingCost)
        }
        shelfcastStockoutEventsAtBaselineCarryingCost = frontier.stockoutEvents(
          atCarryingCost: baseline.carryingCost)
        stockoutEventsVsBaselineSameCarryingCostPercent =
          shelfcastStockoutEventsAtBaselineCarryingCost.flatMap {
            Self.change($0, Double(baseline.stockoutEvents))
          }
      }
    }
    if let oracle = byName["oracle"] {
      carryingCostVsOracleSameLevelsPercent = Self.change(ours.carryingCost, oracle.carryingCost)
      fillRateVsOracleSameLevelsPoints = ours.fillRatePercent - oracle.fillRatePercent
    }
    if let cost = oracleFrontier?.carryingCost(atFillRate: ours.fillRatePercent) {
      oracleCarryingCostAtShelfCastFillRate = cost
      carryingCostVsOracleSameFillRatePercent = Self.change(ours.carryingCost, cost)
    }
  }

  public static func == (a: SimulationComparison, b: SimulationComparison) -> Bool {
    a.measures.elementsEqual(b.measures) { $0.name == $1.name && $0.value == $1.value }
  }

  /// `comparison.csv`'s rows, `measure` names first; only the measures of policies and
  /// frontiers that ran.
  public var measures: [(name: String, value: Double?)] {
    var rows: [(String, Double?)] = []
    if fillRateVsBaselinePoints != nil {
      rows += [
        ("stockout_events_vs_baseline_pct", stockoutEventsVsBaselinePercent),
        ("lost_units_vs_baseline_pct", lostUnitsVsBaselinePercent),
        ("carrying_cost_vs_baseline_pct", carryingCostVsBaselinePercent),
        ("fill_rate_vs_baseline_points", fillRateVsBaselinePoints),
      ]
    }
    if fillRateVsOracleSameLevelsPoints != nil {
      rows += [
        ("carrying_cost_vs_oracle_same_levels_pct", carryingCostVsOracleSameLevelsPercent),
        ("fill_rate_vs_oracle_same_levels_points", fillRateVsOracleSameLevelsPoints),
      ]
    }
    if oracleCarryingCostAtShelfCastFillRate != nil {
      rows += [
        ("oracle_carrying_cost_at_shelfcast_fill_rate", oracleCarryingCostAtShelfCastFillRate),
        ("carrying_cost_vs_oracle_same_fill_rate_pct", carryingCostVsOracleSameFillRatePercent),
      ]
    }
    if shelfcastCarryingCostAtBaselineFillRate != nil
      || shelfcastStockoutEventsAtBaselineCarryingCost != nil
    {
      rows += [
        ("shelfcast_carrying_cost_at_baseline_fill_rate", shelfcastCarryingCostAtBaselineFillRate),
        ("carrying_cost_vs_baseline_same_fill_rate_pct", carryingCostVsBaselineSameFillRatePercent),
        (
          "shelfcast_stockout_events_at_baseline_carrying_cost",
          shelfcastStockoutEventsAtBaselineCarryingCost
        ),
        (
          "stockout_events_vs_baseline_same_carrying_cost_pct",
          stockoutEventsVsBaselineSameCarryingCostPercent
        ),
      ]
    }
    rows += totalCosts.map { ("total_cost_\($0.policy)", $0.cost) }
    if totalCostVsBaselinePercent != nil {
      rows.append(("total_cost_vs_baseline_pct", totalCostVsBaselinePercent))
    }
    return rows
  }

  /// 100 · (value / reference − 1), or `nil` for a zero reference.
  static func change(_ value: Double, _ reference: Double) -> Double? {
    reference != 0 ? 100 * (value / reference - 1) : nil
  }
}
