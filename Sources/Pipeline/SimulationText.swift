import Foundation
import Inventory

/// `shelfcast simulate`'s comparison table and verdict lines.
public enum SimulationText {
  public static func render(_ outcome: SimulateStage.Outcome) -> String {
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
    let byName = Dictionary(rows.map { ($0.policy, $0) }, uniquingKeysWith: { a, _ in a })
    if let ours = byName["shelfcast"], let baseline = byName["baseline"] {
      lines.append(
        "shelfcast vs baseline: stock-out events "
          + change(Double(ours.stockoutEvents), Double(baseline.stockoutEvents))
          + ", carrying cost " + change(ours.carryingCost, baseline.carryingCost)
          + ", fill rate "
          + String(format: "%+.2f", ours.fillRatePercent - baseline.fillRatePercent)
          + " points")
    }
    if let ours = byName["shelfcast"], let oracle = byName["oracle"] {
      lines.append(
        "shelfcast vs oracle (same service levels): carrying cost "
          + change(ours.carryingCost, oracle.carryingCost) + ", fill rate "
          + String(format: "%+.2f", ours.fillRatePercent - oracle.fillRatePercent) + " points")
    }
    if let ours = byName["shelfcast"] {
      if let cost = outcome.oracleCostAtShelfCastFillRate {
        lines.append(
          "oracle at shelfcast's fill rate (\(String(format: "%.2f", ours.fillRatePercent)) %): "
            + "carrying cost \(String(format: "%.0f", cost)); shelfcast "
            + change(ours.carryingCost, cost))
      } else if !outcome.frontier.isEmpty {
        lines.append("oracle frontier does not reach shelfcast's fill rate")
      }
    }
    lines.append("Written: \(outcome.summaryPath), \(outcome.storesPath)")
    return lines.joined(separator: "\n")
  }

  /// "−12.3 %": the relative change from `reference` to `value`.
  static func change(_ value: Double, _ reference: Double) -> String {
    guard reference != 0 else { return "n/a" }
    return String(format: "%+.1f %%", 100 * (value / reference - 1))
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
