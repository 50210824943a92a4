import Tabular

/// `recommendations.csv` and `store_summary.csv`, spreadsheet-safe: a text field starting with
/// = + - @, a tab or a carriage return is prefixed with an apostrophe, so a product name never
/// runs as a formula.
public enum RecommendationFiles {
  public static let header =
    "store_id,store_name,sku_id,sku_name,category,abc_class,on_hand,on_order,lead_time_days,"
    + "review_days,demand_over_cover,safety_stock,reorder_point,order_up_to,"
    + "recommended_order_qty,order_cases,case_pack,order_value,currency,order_date,"
    + "expected_delivery_date,days_of_cover,stockout_risk,reason,"
    + "service_level,service_level_mode"

  /// One row per recommendation, in the order given.
  public static func recommendationsCSV(_ rows: [Recommendation]) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
    sink.append(utf8: header)
    sink.appendNewline()
    for row in rows {
      for text in [
        row.store.rawValue, row.storeName, row.sku.rawValue, row.skuName, row.category,
        row.abcClass.rawValue,
      ] {
        sink.appendField(text)
        sink.appendComma()
      }
      let d = row.decision
      // Whole units as they are; a fractional stock (loose goods by weight) to 2 decimals, so
      // that the row's arithmetic adds up (0.5 on hand printed as 1 did not).
      for value in [row.onHand, row.onOrder] {
        sink.appendDecimal(value, fractionDigits: value == value.rounded() ? 0 : 2)
        sink.appendComma()
      }
      sink.appendInt(row.leadTimeDays)
      sink.appendComma()
      sink.appendInt(row.reviewDays)
      sink.appendComma()
      for value in [d.demandOverCover, d.safetyStock, d.reorderPoint, d.orderUpTo] {
        sink.appendDecimal(value, fractionDigits: 1)
        sink.appendComma()
      }
      sink.appendInt(d.order.units)
      sink.appendComma()
      sink.appendInt(d.order.cases)
      sink.appendComma()
      sink.appendInt(row.casePack)
      sink.appendComma()
      sink.appendDecimal(row.orderValue, fractionDigits: 2)
      sink.appendComma()
      sink.appendField(row.currency)
      sink.appendComma()
      for day in [row.orderDate, row.expectedDeliveryDate] {
        if let day { sink.append(utf8: day.iso) }
        sink.appendComma()
      }
      if d.daysOfCover.isFinite { sink.appendDecimal(d.daysOfCover, fractionDigits: 1) }
      sink.appendComma()
      // A ratio, as every share in ShelfCast's files (docs/files.md, "Numbers").
      sink.appendDecimal(d.stockoutRiskPercent / 100, fractionDigits: 3)
      sink.appendComma()
      sink.appendField(d.reason)
      sink.appendComma()
      if let chosen = row.serviceLevel {
        sink.appendDecimal(chosen.level, fractionDigits: 4)
        sink.appendComma()
        sink.appendField(chosen.source.rawValue)
      } else {
        sink.appendComma()
      }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// Per store: order lines, units, value and items at risk (stock-out risk ≥ `riskPercent`).
  public static func storeSummaryCSV(_ rows: [Recommendation], riskPercent: Double = 50)
    -> [UInt8]
  {
    struct Totals {
      var name = ""
      var lines = 0
      var units = 0
      var value = 0.0
      var atRisk = 0
    }
    var totals: [String: Totals] = [:]
    for row in rows {
      var t = totals[row.store.rawValue] ?? Totals(name: row.storeName)
      if row.decision.order.units > 0 {
        t.lines += 1
        t.units += row.decision.order.units
        t.value += row.orderValue
      }
      if row.decision.stockoutRiskPercent >= riskPercent { t.atRisk += 1 }
      totals[row.store.rawValue] = t
    }
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("store_id,store_name,order_lines,order_units,order_value,items_at_risk\n")
    for store in totals.keys.sorted() {
      guard let t = totals[store] else { continue }
      sink.appendField(store)
      sink.appendComma()
      sink.appendField(t.name)
      sink.appendComma()
      sink.appendInt(t.lines)
      sink.appendComma()
      sink.appendInt(t.units)
      sink.appendComma()
      sink.appendDecimal(t.value, fractionDigits: 2)
      sink.appendComma()
      sink.appendInt(t.atRisk)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
