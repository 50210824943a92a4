import DemandCore
import GRDB

/// A SKU's stock in one store from its latest end-of-day snapshot.
public struct StockPosition: Sendable, Equatable {
  public var sku: SKUID
  /// The day of the snapshot the figures come from.
  public var day: Day
  /// Units on the shelf and in the back room at the end of `day`.
  public var onHand: Double
  /// Units ordered and not yet received at the end of `day`.
  public var onOrder: Double

  public init(sku: SKUID, day: Day, onHand: Double, onOrder: Double) {
    self.sku = sku
    self.day = day
    self.onHand = onHand
    self.onOrder = onOrder
  }
}

extension HistoryDatabase {
  /// Each SKU's latest snapshot in `store` on or before `day`, looking back at most
  /// `lookbackDays` days, in SKU-id order: the stock the order recommendation starts from.
  ///
  /// When two files report the same SKU on the same day, the later-ingested one wins. SKUs
  /// without a snapshot in the window are absent.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  /// - Complexity: one pass over the store's snapshots in the window.
  public func latestStock(store: StoreID, onOrBefore day: Day, lookbackDays: Int = 60) throws
    -> [StockPosition]
  {
    try read { db in
      let storeKey = try Self.storeKey(store, db)
      let blocks = try Self.fetchInventoryBlocks(
        storeKey: storeKey, from: day.adding(days: 1 - max(1, lookbackDays)), through: day, db)
      var latest: [Int32: (day: Day, onHand: Double, onOrder: Double)] = [:]
      for block in blocks {  // ordered by day, then by file: later ones overwrite
        for i in 0..<block.count {
          latest[block.skuKeys[i]] = (block.day, block.onHand[i], block.onOrder[i])
        }
      }
      guard !latest.isEmpty else { return [] }
      let codes = try Dictionary(
        uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, code FROM sku").map {
          (row: Row) -> (Int32, String) in (row["key"], row["code"])
        })
      return latest.compactMap { key, value in
        codes[key].map {
          StockPosition(
            sku: SKUID($0), day: value.day, onHand: value.onHand, onOrder: value.onOrder)
        }
      }.sorted { $0.sku < $1.sku }
    }
  }
}
