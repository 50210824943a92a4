import DemandCore
import Foundation
import GRDB

/// Queries shared by the read paths, inside a scope opened by `read`.
extension HistoryDatabase {
  /// The database key of `store`.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  static func storeKey(_ store: StoreID, _ db: Database) throws -> Int32 {
    guard
      let key = try Int32.fetchOne(
        db, sql: "SELECT key FROM store WHERE code = ?", arguments: [store.rawValue])
    else { throw HistoryError.unknownStore(store.rawValue) }
    return key
  }

  /// One store's demand blocks between two days inclusive, ordered by day then file.
  static func fetchDemandBlocks(
    storeKey: Int32, from start: Day, through end: Day, _ db: Database
  ) throws -> [DemandBlock] {
    try fetchPayloads(from: "demand_block", storeKey: storeKey, start, end, db).map {
      try DemandBlock(storeKey: storeKey, day: $0.day, decoding: $0.payload)
    }
  }

  /// One store's inventory snapshots between two days inclusive, ordered by day then file.
  static func fetchInventoryBlocks(
    storeKey: Int32, from start: Day, through end: Day, _ db: Database
  ) throws -> [InventoryBlock] {
    try fetchPayloads(from: "inventory_block", storeKey: storeKey, start, end, db).map {
      try InventoryBlock(storeKey: storeKey, day: $0.day, decoding: $0.payload)
    }
  }

  private static func fetchPayloads(
    from table: String, storeKey: Int32, _ start: Day, _ end: Day, _ db: Database
  ) throws -> [(day: Day, payload: Data)] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT day, payload FROM \(table)
        WHERE store_key = ? AND day BETWEEN ? AND ? ORDER BY day, file_id
        """,
      arguments: [storeKey, start.daysSinceEpoch, end.daysSinceEpoch]
    ).map { (Day(daysSinceEpoch: $0["day"]), $0["payload"]) }
  }
}
