import DemandCore
import Foundation
import GRDB
import _Parallel

/// The forecast archive: every forecast issued, kept so it can be compared with the actuals that
/// arrive later.
extension HistoryDatabase {
  /// What `archiveForecasts` stored.
  public struct ArchiveReceipt: Sendable, Equatable {
    /// Blocks written (one per store and run date).
    public var blocks: Int
    /// Series in them.
    public var series: Int
    /// Blocks that replaced one archived earlier for the same store and run date.
    public var replaced: Int
    /// Bytes of the stored payloads.
    public var payloadBytes: Int

    /// Nothing archived.
    public static let nothing = ArchiveReceipt(blocks: 0, series: 0, replaced: 0, payloadBytes: 0)
  }

  /// Archives `blocks` in one transaction: all of them or, on any error, none.
  ///
  /// A block replaces whatever was archived for the same store and run date, so re-running a
  /// night's forecast leaves exactly one issue of it.
  ///
  /// - Throws: `HistoryError.unknownStore` / `.unknownSKU` for ids not in the master data;
  ///   `.corruptBlock` for a SKU given twice in one block; `.database` when SQLite refuses.
  /// - Complexity: the payloads are encoded before the write transaction opens; the transaction
  ///   itself is one insert per block.
  @discardableResult
  public func archiveForecasts(_ blocks: [ForecastBlock]) throws -> ArchiveReceipt {
    let (storeKeys, skuKeys) = try read { db in
      (
        try Self.codeKeys(table: "store", db).reduce(into: [StoreID: Int32]()) {
          $0[StoreID($1.code)] = $1.key
        },
        try Self.codeKeys(table: "sku", db).reduce(into: [SKUID: Int32]()) {
          $0[SKUID($1.code)] = $1.key
        }
      )
    }
    // Blocks are encoded on all cores; the write below is one transaction, in block order.
    let encoded = try concurrentMap(blocks.count) {
      index -> (storeKey: Int32, block: ForecastBlock, payload: Data) in
      let block = blocks[index]
      guard let storeKey = storeKeys[block.store] else {
        throw HistoryError.unknownStore(block.store.rawValue)
      }
      return (storeKey, block, try StoredForecastBlock(block, keys: skuKeys).encoded())
    }
    return try write { db in
      var receipt = ArchiveReceipt(blocks: 0, series: 0, replaced: 0, payloadBytes: 0)
      let delete = try db.makeStatement(
        sql: "DELETE FROM forecast_block WHERE store_key = ? AND issued_on = ?")
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO forecast_block (store_key, issued_on, first_target_day, last_target_day,
            series_count, model_version, payload) VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
      for (storeKey, block, payload) in encoded {
        try delete.execute(arguments: [storeKey, block.issuedOn.daysSinceEpoch])
        receipt.replaced += db.changesCount
        try insert.execute(arguments: [
          storeKey, block.issuedOn.daysSinceEpoch, block.firstTargetDay.daysSinceEpoch,
          block.lastTargetDay.daysSinceEpoch, block.count, block.modelVersion, payload,
        ])
        receipt.blocks += 1
        receipt.series += block.count
        receipt.payloadBytes += payload.count
      }
      return receipt
    }
  }

  /// The forecasts archived for `store` with at least one target day in `targetDays`, whole
  /// (a block is returned with all its days; the caller picks the ones it wants), ordered by run
  /// date. Series within a block are ordered by SKU id.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  public func archivedForecasts(store: StoreID, targetDays: ClosedRange<Day>) throws
    -> [ForecastBlock]
  {
    try read { db in
      let storeKey = try Self.storeKey(store, db)
      let codes = try Dictionary(
        uniqueKeysWithValues: Self.codeKeys(table: "sku", db).map { ($0.key, SKUID($0.code)) })
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT issued_on, first_target_day, last_target_day, model_version, payload
          FROM forecast_block
          WHERE store_key = ? AND issued_on < ? AND first_target_day <= ? AND last_target_day >= ?
          ORDER BY issued_on
          """,
        arguments: [
          storeKey, targetDays.upperBound.daysSinceEpoch, targetDays.upperBound.daysSinceEpoch,
          targetDays.lowerBound.daysSinceEpoch,
        ])
      return try rows.map { row in
        let stored = try StoredForecastBlock(decoding: row["payload"])
        return try Self.forecastBlock(
          stored, store: store, issuedOn: Day(daysSinceEpoch: row["issued_on"]),
          firstTargetDay: Day(daysSinceEpoch: row["first_target_day"]),
          lastTargetDay: Day(daysSinceEpoch: row["last_target_day"]),
          modelVersion: row["model_version"], codes: codes)
      }
    }
  }

  /// The forecast archived for `store` on run date `issuedOn`, or `nil` when none was.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  public func archivedForecast(store: StoreID, issuedOn: Day) throws -> ForecastBlock? {
    try read { db in
      let storeKey = try Self.storeKey(store, db)
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT first_target_day, last_target_day, model_version, payload FROM forecast_block
            WHERE store_key = ? AND issued_on = ?
            """, arguments: [storeKey, issuedOn.daysSinceEpoch])
      else { return nil }
      let codes = try Dictionary(
        uniqueKeysWithValues: Self.codeKeys(table: "sku", db).map { ($0.key, SKUID($0.code)) })
      return try Self.forecastBlock(
        try StoredForecastBlock(decoding: row["payload"]), store: store, issuedOn: issuedOn,
        firstTargetDay: Day(daysSinceEpoch: row["first_target_day"]),
        lastTargetDay: Day(daysSinceEpoch: row["last_target_day"]),
        modelVersion: row["model_version"], codes: codes)
    }
  }

  /// The run dates with any archived forecast, oldest first.
  public func forecastIssueDays() throws -> [Day] {
    try read { db in
      try Int32.fetchAll(db, sql: "SELECT DISTINCT issued_on FROM forecast_block ORDER BY 1").map(
        Day.init(daysSinceEpoch:))
    }
  }

  /// The days between `start` and `end` inclusive on which `store` has any demand recorded:
  /// days missing here are days whose sales have not arrived (or a closed store), not days of
  /// zero demand. Reads the block index only.
  ///
  /// - Throws: `HistoryError.unknownStore` when the store is not in the master data.
  public func daysWithDemand(store: StoreID, from start: Day, through end: Day) throws -> [Day] {
    try read { db in
      let storeKey = try Self.storeKey(store, db)
      return try Int32.fetchAll(
        db,
        sql: """
          SELECT DISTINCT day FROM demand_block WHERE store_key = ? AND day BETWEEN ? AND ?
          ORDER BY day
          """, arguments: [storeKey, start.daysSinceEpoch, end.daysSinceEpoch]
      ).map(Day.init(daysSinceEpoch:))
    }
  }

  // MARK: - Helpers

  private static func codeKeys(table: String, _ db: Database) throws -> [(
    key: Int32, code: String
  )] {
    try Row.fetchAll(db, sql: "SELECT key, code FROM \(table)").map { ($0["key"], $0["code"]) }
  }

  /// A stored block back in ids, its series ordered by SKU id. The days between targets are
  /// read from the target range (1 for a one-target block, whose step says nothing).
  private static func forecastBlock(
    _ stored: StoredForecastBlock, store: StoreID, issuedOn: Day, firstTargetDay: Day,
    lastTargetDay: Day, modelVersion: String, codes: [Int32: SKUID]
  ) throws -> ForecastBlock {
    var order: [(sku: SKUID, index: Int)] = []
    order.reserveCapacity(stored.count)
    for (index, key) in stored.skuKeys.enumerated() {
      guard let sku = codes[key] else {
        throw HistoryError.corruptBlock("a forecast block names SKU key \(key), which is unknown")
      }
      order.append((sku, index))
    }
    order.sort { $0.sku < $1.sku }
    let n = stored.dayCount
    let span = firstTargetDay.days(to: lastTargetDay)
    let step = n > 1 ? span / (n - 1) : 1
    guard step >= 1, n <= 1 || span == step * (n - 1) else {
      throw HistoryError.corruptBlock(
        "a forecast block of \(n) targets spans \(firstTargetDay.iso) … \(lastTargetDay.iso)")
    }
    var block = ForecastBlock(
      store: store, issuedOn: issuedOn, firstTargetDay: firstTargetDay, dayCount: n,
      modelVersion: modelVersion, daysPerTarget: step)
    func permuted(_ column: [Float]) -> [Float] {
      var result: [Float] = []
      result.reserveCapacity(column.count)
      for entry in order { result += column[(entry.index * n)..<((entry.index + 1) * n)] }
      return result
    }
    block.skus = order.map(\.sku)
    block.models = order.map { stored.models[$0.index] }
    block.p10 = permuted(stored.p10)
    block.p50 = permuted(stored.p50)
    block.p90 = permuted(stored.p90)
    block.mean = permuted(stored.mean)
    return block
  }
}
