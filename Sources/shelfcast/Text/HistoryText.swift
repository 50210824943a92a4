import DemandCore
import Foundation
import History
import Pipeline

/// Text views of the demand history for people checking it by eye.
enum HistoryText {
  /// One SKU in one store, a CSV line per day (`date,units_sold,...`): plain CSV, or with a
  /// `# STORE / SKU: N days (first … last)` line before the header when `comment` is set.
  static func render(
    workspace: Workspace, store: StoreID, sku: SKUID, from: Day? = nil, to: Day? = nil,
    comment: Bool = false
  ) throws -> String {
    let database = try workspace.openDatabaseForReading()
    let series: [DailyDemand]
    do { series = try database.dailySeries(store: store, sku: sku) } catch let error as HistoryError
    {
      throw PipelineError.invalidArgument(error.description)
    }
    let shown = series.filter { day in
      (from.map { day.day >= $0 } ?? true) && (to.map { day.day <= $0 } ?? true)
    }
    var text = ""
    if comment {
      text = "# \(store) / \(sku): \(shown.count) days"
      if let first = shown.first, let last = shown.last {
        text += " (\(first.day) … \(last.day))"
      }
      text += "\n"
    }
    text += "date,units_sold,units_returned,revenue,lines,promo_share,stockout,on_hand,on_order\n"
    for day in shown {
      text += "\(day.day),\(number(day.unitsSold)),\(number(day.unitsReturned)),"
      text += String(format: "%.2f", day.revenue) + ",\(day.lines),"
      text += String(format: "%.2f", day.promoShare) + ",\(day.stockout ? 1 : 0),"
      text += "\(day.onHand.map(number) ?? ""),\(day.onOrder.map(number) ?? "")\n"
    }
    return text
  }

  /// Whole numbers without a decimal point; others with up to three decimals.
  static func number(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15
      ? String(Int64(value)) : String(format: "%.3f", value)
  }
}

/// The text `shelfcast status` prints.
enum StatusText {
  /// The workspace summary as JSON with sorted keys.
  static func json(workspace: Workspace) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(
      decoding: try encoder.encode(try workspace.openDatabaseForReading().summary()), as: UTF8.self)
  }

  static func render(workspace: Workspace) throws -> String {
    let summary = try workspace.openDatabaseForReading().summary()
    let range =
      summary.firstDay.map { first in "\(first) … \(summary.lastDay.map(\.iso) ?? "")" } ?? "none"
    return """
      workspace:        \(workspace.root)
      stores:           \(summary.stores)
      SKUs:             \(summary.skus)
      calendar days:    \(summary.calendarDays)
      promotions:       \(summary.promotions)
      covariates:       \(summary.covariateNames) names, \(summary.covariateValues) values
      files ingested:   \(summary.filesIngested) (\(summary.filesRefused) refused)
      demand days:      \(range)
      series:           \(summary.series) store/SKU pairs with sales
      store/SKU/days:   \(summary.storeSKUDays) with sales or stock-outs (\(summary.stockoutDays) stock-outs)
      units sold:       \(HistoryText.number(summary.unitsSold)) (returned \(HistoryText.number(summary.unitsReturned)))
      revenue:          \(String(format: "%.2f", summary.revenue))
      transaction lines: \(summary.lines)
      """
  }
}
