import DemandCore
import GRDB

extension HistoryDatabase {
  /// The daily demand of every SKU that sold or ran out in one store, as a panel over
  /// `start ... end`: the forecasting stage's read path, one store at a time (stores never mix,
  /// so a run can be sharded by store).
  ///
  /// Values are units sold, summed over every file that reported the day; days without a block
  /// are zero. A day is censored when a daily-demand file flagged a stock-out or an end-of-day
  /// snapshot had nothing on hand, as in `dailySeries`. Series are ordered by SKU id.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  /// - Complexity: one pass over the store's blocks in the window.
  public func demandPanel(store: StoreID, from start: Day, through end: Day) throws -> SeriesPanel {
    let dayCount = max(0, start.days(to: end) + 1)
    return try read { db in
      let storeKey = try Self.storeKey(store, db)
      let demand = try Self.fetchDemandBlocks(storeKey: storeKey, from: start, through: end, db)
      let inventory = try Self.fetchInventoryBlocks(
        storeKey: storeKey, from: start, through: end, db)
      // The SKUs with any sale or stock-out in the window, in SKU-id order.
      var seen = Set<Int32>()
      for block in demand { seen.formUnion(block.skuKeys) }
      for block in inventory {
        for (i, key) in block.skuKeys.enumerated() where block.onHand[i] <= 0 { seen.insert(key) }
      }
      let codes = try Dictionary(
        uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, code FROM sku").map {
          (row: Row) -> (Int32, String) in (row["key"], row["code"])
        })
      let ordered = seen.compactMap { key in codes[key].map { (key, $0) } }.sorted { $0.1 < $1.1 }
      var rowOfKey: [Int32: Int] = [:]
      for (row, entry) in ordered.enumerated() { rowOfKey[entry.0] = row }
      var panel = SeriesPanel(
        keys: ordered.map { SeriesKey(store: store, sku: SKUID($0.1)) }, start: start,
        dayCount: dayCount)
      for block in demand {
        guard let offset = panel.dayOffset(block.day) else { continue }
        for i in 0..<block.count {
          guard let row = rowOfKey[block.skuKeys[i]] else { continue }
          panel.values[row * dayCount + offset] += block.unitsSold[i]
          if block.stockout[i] != 0 { panel.censored[row * dayCount + offset] = true }
        }
      }
      for block in inventory {
        guard let offset = panel.dayOffset(block.day) else { continue }
        for i in 0..<block.count where block.onHand[i] <= 0 {
          guard let row = rowOfKey[block.skuKeys[i]] else { continue }
          panel.censored[row * dayCount + offset] = true
        }
      }
      return panel
    }
  }
}
