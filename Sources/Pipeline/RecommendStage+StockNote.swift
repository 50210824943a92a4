import DemandCore
import History

extension RecommendStage {
  /// What the reason adds when the stock it read is not the run date's: `; no stock snapshot
  /// of this item: on hand taken as 0` (when the store's snapshots have other items; a store
  /// without any is logged once), or `; stock as of 2025-10-05 (8 days before)`.
  static func stockNote(_ position: StockPosition?, storeHasStock: Bool, runDate: Day) -> String {
    guard let position else {
      return storeHasStock ? "; no stock snapshot of this item: on hand taken as 0" : ""
    }
    let age = position.day.days(to: runDate)
    guard age > 0 else { return "" }
    return "; stock as of \(position.day.iso) (\(age) day\(age == 1 ? "" : "s") before)"
  }
}
