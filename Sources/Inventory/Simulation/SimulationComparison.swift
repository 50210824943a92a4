/// ShelfCast's results against the baseline's and the oracle's: relative changes in percent,
/// fill-rate differences in points; `nil` where a policy did not run or a reference is zero.
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

  /// - Parameters:
  ///   - rows: the chain summaries, named `shelfcast`, `baseline` and `oracle`.
  public init(_ rows: [SimulationSummary], oracleCostAtShelfCastFillRate: Double?) {
    let byName = Dictionary(rows.map { ($0.policy, $0) }, uniquingKeysWith: { a, _ in a })
    guard let ours = byName["shelfcast"] else { return }
    if let baseline = byName["baseline"] {
      stockoutEventsVsBaselinePercent = Self.change(
        Double(ours.stockoutEvents), Double(baseline.stockoutEvents))
      lostUnitsVsBaselinePercent = Self.change(Double(ours.lostUnits), Double(baseline.lostUnits))
      carryingCostVsBaselinePercent = Self.change(ours.carryingCost, baseline.carryingCost)
      fillRateVsBaselinePoints = ours.fillRatePercent - baseline.fillRatePercent
    }
    if let oracle = byName["oracle"] {
      carryingCostVsOracleSameLevelsPercent = Self.change(ours.carryingCost, oracle.carryingCost)
      fillRateVsOracleSameLevelsPoints = ours.fillRatePercent - oracle.fillRatePercent
    }
    if let cost = oracleCostAtShelfCastFillRate {
      oracleCarryingCostAtShelfCastFillRate = cost
      carryingCostVsOracleSameFillRatePercent = Self.change(ours.carryingCost, cost)
    }
  }

  /// `comparison.csv`'s rows, `measure` names first; only the measures of policies that ran.
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
    return rows
  }

  /// 100 · (value / reference − 1), or `nil` for a zero reference.
  static func change(_ value: Double, _ reference: Double) -> Double? {
    reference != 0 ? 100 * (value / reference - 1) : nil
  }
}
