import Foundation
import Inventory
import Pipeline

/// `shelfcast simulate`'s comparison table and verdict lines.
enum SimulationText {
  static func render(_ outcome: SimulateStage.Outcome) -> String {
    let rows = outcome.summaries
    var lines = [
      "Simulated \(outcome.from.iso) … \(outcome.to.iso) (\(rows.first?.days ?? 0) days, "
        + "\(rows.first?.items ?? 0) store/SKUs"
        + (outcome.itemsWithoutTruth > 0
          ? "; \(outcome.itemsWithoutTruth) without a truth path left out)" : ")"),
      pad("policy", 10) + pad("stock-outs", 12) + pad("lost units", 12) + pad("fill rate", 11)
        + pad("avg on hand", 14) + pad("carrying", 12) + pad("orders", 10) + pad("cases", 10),
    ]
    for row in rows {
      lines.append(
        pad(row.policy, 10) + pad("\(row.stockoutEvents)", 12) + pad("\(row.lostUnits)", 12)
          + pad(String(format: "%.2f %%", row.fillRatePercent), 11)
          + pad(String(format: "%.0f", row.averageOnHandValue), 14)
          + pad(String(format: "%.0f", row.carryingCost), 12) + pad("\(row.orders)", 10)
          + pad("\(row.cases)", 10))
    }
    let comparison = outcome.comparison
    if let fill = comparison.fillRateVsBaselinePoints {
      lines.append(
        "shelfcast vs baseline: stock-out events "
          + percent(comparison.stockoutEventsVsBaselinePercent) + ", carrying cost "
          + percent(comparison.carryingCostVsBaselinePercent) + ", fill rate "
          + String(format: "%+.2f", fill) + " points")
    }
    if let fill = comparison.fillRateVsOracleSameLevelsPoints {
      lines.append(
        "shelfcast vs oracle (same service levels): carrying cost "
          + percent(comparison.carryingCostVsOracleSameLevelsPercent) + ", fill rate "
          + String(format: "%+.2f", fill) + " points")
    }
    if let ours = rows.first(where: { $0.policy == "shelfcast" }) {
      if let cost = comparison.oracleCarryingCostAtShelfCastFillRate {
        lines.append(
          "oracle at shelfcast's fill rate (\(String(format: "%.2f", ours.fillRatePercent)) %): "
            + "carrying cost \(String(format: "%.0f", cost)); shelfcast "
            + percent(comparison.carryingCostVsOracleSameFillRatePercent))
      } else if !outcome.frontier.isEmpty {
        lines.append("oracle frontier does not reach shelfcast's fill rate")
      }
    }
    if let cost = comparison.shelfcastCarryingCostAtBaselineFillRate {
      lines.append(
        "shelfcast at the baseline's fill rate: carrying cost \(String(format: "%.0f", cost)) ("
          + percent(comparison.carryingCostVsBaselineSameFillRatePercent) + ")")
    } else if !outcome.shelfcastFrontier.isEmpty {
      lines.append("shelfcast frontier does not reach the baseline's fill rate")
    }
    if let events = comparison.shelfcastStockoutEventsAtBaselineCarryingCost {
      lines.append(
        "shelfcast at the baseline's carrying cost: stock-out events "
          + String(format: "%.0f", events) + " ("
          + percent(comparison.stockoutEventsVsBaselineSameCarryingCostPercent) + ")")
    } else if !outcome.shelfcastFrontier.isEmpty {
      lines.append("shelfcast frontier does not reach the baseline's carrying cost")
    }
    if !comparison.totalCosts.isEmpty {
      lines.append(
        "total cost (holding + lost sales): "
          + comparison.totalCosts.map { "\($0.policy) \(String(format: "%.0f", $0.cost))" }
          .joined(separator: ", ")
          + (comparison.totalCostVsBaselinePercent.map {
            "; shelfcast vs baseline \(String(format: "%+.1f %%", $0))"
          } ?? ""))
    }
    let directory = (outcome.summaryPath as NSString).deletingLastPathComponent
    lines.append(
      "Written to \(directory)/: summary.csv, stores.csv, items.csv (per store/SKU), "
        + "comparison.csv, tail_coverage.csv")
    return lines.joined(separator: "\n")
  }

  /// "−12.3 %", or "n/a" for a change against a zero reference.
  static func percent(_ change: Double?) -> String {
    change.map { String(format: "%+.1f %%", $0) } ?? "n/a"
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
