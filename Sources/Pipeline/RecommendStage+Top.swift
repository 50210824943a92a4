import DemandCore
import Inventory

extension RecommendStage {
  /// How many of the largest orders `Outcome.topByOrderValue` lists.
  public static let topItemCount = 50

  /// The series of the `count` rows with the largest positive order value, largest first, ties
  /// broken by store then SKU, so the list does not depend on the rows' order.
  static func topByOrderValue(_ rows: [Recommendation], count: Int = topItemCount) -> [SeriesKey] {
    rows.filter { $0.orderValue > 0 }
      .sorted { a, b in
        a.orderValue != b.orderValue
          ? a.orderValue > b.orderValue : (a.store, a.sku) < (b.store, b.sku)
      }
      .prefix(count)
      .map { SeriesKey(store: $0.store, sku: $0.sku) }
  }
}
