import Tabular

/// `simulation/summary.csv` (one row per policy), `simulation/stores.csv` (one row per policy
/// and store) and the other files of a simulation, spreadsheet-safe like every CSV ShelfCast
/// writes.
public enum SimulationFiles {
  public static let summaryHeader =
    "policy,days,items,demand_units,sales_units,lost_units,stockout_events,fill_rate,"
    + "avg_on_hand_value,carrying_cost,orders,cases,ordered_units,lost_sale_cost,total_cost"
  public static let storesHeader = "policy,store_id," + summaryHeader.dropFirst("policy,".count)

  public static func summaryCSV(_ rows: [SimulationSummary]) -> [UInt8] {
    write(rows, header: summaryHeader, withStore: false)
  }

  public static func storesCSV(_ rows: [SimulationSummary]) -> [UInt8] {
    write(rows, header: storesHeader, withStore: true)
  }

  private static func write(_ rows: [SimulationSummary], header: String, withStore: Bool)
    -> [UInt8]
  {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: header)
    sink.appendNewline()
    for row in rows {
      sink.appendField(row.policy)
      sink.appendComma()
      if withStore {
        sink.appendField(row.store)
        sink.appendComma()
      }
      for count in [
        row.days, row.items, row.demandUnits, row.salesUnits, row.lostUnits, row.stockoutEvents,
      ] {
        sink.appendInt(count)
        sink.appendComma()
      }
      // Shares as ratios, as in every file (docs/files.md, "Numbers").
      sink.appendDecimal(row.fillRatePercent / 100, fractionDigits: 4)
      sink.appendComma()
      sink.appendDecimal(row.averageOnHandValue, fractionDigits: 2)
      sink.appendComma()
      sink.appendDecimal(row.carryingCost, fractionDigits: 2)
      appendFields(counts: [row.orders, row.cases, row.orderedUnits], to: sink)
      appendFields(money: [row.lostSaleCost, row.totalCost], to: sink)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// The header of `itemsCSV`.
  public static let itemsHeader =
    "policy,store_id,sku_id,abc_class,service_level,demand_units,sales_units,lost_units,"
    + "stockout_events,fill_rate,orders,ordered_units,closing_stock,carrying_cost,lost_sale_cost"

  /// One store/SKU's outcome under one policy, for `itemsCSV`.
  public struct ItemRow: Sendable {
    public var policy: String
    public var item: SimulatedItem
    public var abcClass: ABCClass
    /// The cycle service level the item's rule aimed at (a ratio); `nil` for a policy
    /// without one (the baseline).
    public var serviceLevel: Double?
    public var result: InventorySimulator.ItemResult

    public init(
      policy: String, item: SimulatedItem, abcClass: ABCClass, serviceLevel: Double?,
      result: InventorySimulator.ItemResult
    ) {
      self.policy = policy
      self.item = item
      self.abcClass = abcClass
      self.serviceLevel = serviceLevel
      self.result = result
    }
  }

  /// `simulation/items.csv`: per policy and store/SKU, in the order simulated, the ABC class,
  /// the service level aimed at (a ratio; empty for the baseline, which aims at none), the
  /// units demanded, sold and lost, the stock-out days, the fill rate (a ratio, 4 decimals;
  /// empty without demand), the orders and units ordered, the stock left at the end and the
  /// carrying and lost-sale costs in the chain's currency: where each policy's stock-outs and
  /// stock went.
  public static func itemsCSV(_ rows: [ItemRow]) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: itemsHeader)
    sink.appendNewline()
    for row in rows {
      let result = row.result
      for field in [
        row.policy, row.item.key.store.rawValue, row.item.key.sku.rawValue, row.abcClass.rawValue,
      ] {
        sink.appendField(field)
        sink.appendComma()
      }
      if let level = row.serviceLevel { sink.appendDecimal(level, fractionDigits: 4) }
      appendFields(
        counts: [result.demand, result.sales, result.lostUnits, result.stockoutEvents], to: sink)
      sink.appendComma()
      if result.demand > 0 {
        sink.appendDecimal(Double(result.sales) / Double(result.demand), fractionDigits: 4)
      }
      appendFields(counts: [result.orders, result.orderedUnits, result.closingStock], to: sink)
      appendFields(money: [result.carryingCost, result.lostSaleCost], to: sink)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// Each count after a comma.
  private static func appendFields(counts: [Int], to sink: ByteSink) {
    for count in counts {
      sink.appendComma()
      sink.appendInt(count)
    }
  }

  /// Each amount of money after a comma, with 2 decimals.
  private static func appendFields(money: [Double], to sink: ByteSink) {
    for amount in money {
      sink.appendComma()
      sink.appendDecimal(amount, fractionDigits: 2)
    }
  }

  /// `simulation/comparison.csv` (`measure,value`): ShelfCast against the baseline and the
  /// oracle, for the policies that ran. Relative changes are ratios named `_change` (−0.25: a
  /// quarter less), fill-rate differences ratios named `_difference` (0.04: four points more);
  /// levels (carrying costs, events, total costs) keep their units.
  public static func comparisonCSV(_ comparison: SimulationComparison) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("measure,value\n")
    for (name, value) in comparison.measures {
      let (fileName, scale, digits) = fileMeasure(name)
      sink.appendField(fileName)
      sink.appendComma()
      if let value, value.isFinite { sink.appendDecimal(value * scale, fractionDigits: digits) }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// A comparison measure's name and scale in the file: `…_pct` (a change in percent) becomes a
  /// `…_change` ratio, `…_points` (a fill-rate difference in points) a `…_difference` ratio.
  static func fileMeasure(_ name: String) -> (name: String, scale: Double, digits: Int) {
    if name.hasSuffix("_pct") { return (String(name.dropLast(4)) + "_change", 0.01, 5) }
    if name.hasSuffix("_points") { return (String(name.dropLast(7)) + "_difference", 0.01, 5) }
    return (name, 1, 3)
  }

  /// The header of `tailCoverageCSV`.
  public static let tailCoverageHeader =
    "policy,abc_class,service_level,reviews,covered,covered_share,target_share,gap,"
    + "demand_units,cover_mean_units,demand_to_mean"

  /// `simulation/tail_coverage.csv`: per policy, ABC class and service level (2 decimals), the
  /// reviews whose cover lies inside the run, how many of them the order-up-to level covered,
  /// that share and the mean service level, and their difference (covered − target; negative:
  /// too little stock in the tail), all three as ratios with 4 decimals; then the units demanded
  /// over those covers, the units the policy expected there (the sum of its cover means) and
  /// their ratio (4 decimals; empty when nothing was expected): above 1, the policy's centre
  /// ran low.
  public static func tailCoverageCSV(_ rows: [TailCoverage]) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: tailCoverageHeader)
    sink.appendNewline()
    for row in rows {
      sink.appendField(row.policy)
      sink.appendComma()
      sink.appendField(row.abcClass.rawValue)
      sink.appendComma()
      sink.appendDecimal(row.serviceLevelGroup, fractionDigits: 2)
      sink.appendComma()
      sink.appendInt(row.reviews)
      sink.appendComma()
      sink.appendInt(row.covered)
      sink.appendComma()
      sink.appendDecimal(row.coveredPercent / 100, fractionDigits: 4)
      sink.appendComma()
      sink.appendDecimal(row.targetPercent / 100, fractionDigits: 4)
      sink.appendComma()
      sink.appendDecimal((row.coveredPercent - row.targetPercent) / 100, fractionDigits: 4)
      sink.appendComma()
      sink.appendDecimal(row.demandUnits, fractionDigits: 0)
      sink.appendComma()
      sink.appendDecimal(row.coverMeanUnits, fractionDigits: 1)
      sink.appendComma()
      if let ratio = row.demandToMeanRatio { sink.appendDecimal(ratio, fractionDigits: 4) }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
