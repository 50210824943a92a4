import Tabular

/// `simulation/summary.csv` (one row per policy) and `simulation/stores.csv` (one row per
/// policy and store), spreadsheet-safe like every CSV ShelfCast writes.
public enum SimulationFiles {
  public static let summaryHeader =
    "policy,days,items,demand_units,sales_units,lost_units,stockout_events,fill_rate_pct,"
    + "avg_on_hand_value,carrying_cost,orders,cases,ordered_units"
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
      sink.appendDecimal(row.fillRatePercent, fractionDigits: 2)
      sink.appendComma()
      sink.appendDecimal(row.averageOnHandValue, fractionDigits: 2)
      sink.appendComma()
      sink.appendDecimal(row.carryingCost, fractionDigits: 2)
      for count in [row.orders, row.cases, row.orderedUnits] {
        sink.appendComma()
        sink.appendInt(count)
      }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// `simulation/comparison.csv` (`measure,value`): ShelfCast against the baseline and the
  /// oracle, in percent (relative changes) or points (fill rate), for the policies that ran.
  public static func comparisonCSV(_ comparison: SimulationComparison) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("measure,value\n")
    for (name, value) in comparison.measures {
      sink.appendField(name)
      sink.appendComma()
      if let value, value.isFinite { sink.appendDecimal(value, fractionDigits: 3) }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
