import DemandCore
import Foundation
import GRDB

extension HistoryDatabase {
  /// Writes one input file's content and its ledger row in a single transaction.
  ///
  /// - Returns: the ledger entry as stored, with its id.
  /// - Throws: `HistoryError` when the database refuses the write; nothing of the file is stored.
  @discardableResult
  public func commit(_ batch: FileBatch) throws -> LedgerEntry {
    try write { db in
      if let old = batch.replacing {
        try db.execute(sql: "DELETE FROM demand_block WHERE file_id = ?", arguments: [old])
        try db.execute(sql: "DELETE FROM inventory_block WHERE file_id = ?", arguments: [old])
        try db.execute(sql: "DELETE FROM delivered_line WHERE file_id = ?", arguments: [old])
        try db.execute(sql: "DELETE FROM hourly_sales WHERE file_id = ?", arguments: [old])
        try db.execute(
          sql: "UPDATE ingested_file SET status = 'replaced' WHERE id = ?", arguments: [old])
      }
      var entry = batch.entry
      try db.execute(
        sql: """
          INSERT INTO ingested_file (file_name, sha256, kind, bytes, rows_read, rows_stored,
            rows_quarantined, rows_duplicate, first_day, last_day, status, recorded_at, run_date)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          entry.fileName, entry.sha256, entry.kind.rawValue, entry.bytes, entry.rowsRead,
          entry.rowsStored, entry.rowsQuarantined, entry.rowsDuplicate,
          entry.firstDay?.daysSinceEpoch, entry.lastDay?.daysSinceEpoch, entry.status.rawValue,
          entry.recordedAt, entry.runDate?.daysSinceEpoch,
        ])
      entry.id = db.lastInsertedRowID
      try Self.store(batch.content, fileID: entry.id, in: db)
      try Self.insert(batch.deliveredLines, fileID: entry.id, db)
      try Self.insert(batch.hourlySales, fileID: entry.id, db)
      try Self.reconcileIntraday(batch.content, db)
      return entry
    }
  }

  private static func store(_ content: FileBatch.Content, fileID: Int64, in db: Database) throws {
    switch content {
    case .nothing:
      break
    case .stores(let stores):
      let statement = try db.makeStatement(
        sql: """
          INSERT INTO store (code, name, region, format, open_day) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(code) DO UPDATE SET name = excluded.name, region = excluded.region,
            format = excluded.format, open_day = excluded.open_day
          """)
      for s in stores {
        try statement.execute(arguments: [
          s.id.rawValue, s.name, s.region, s.format, s.openDay?.daysSinceEpoch,
        ])
      }
    case .skus(let skus):
      let statement = try db.makeStatement(
        sql: """
          INSERT INTO sku (code, name, category, unit_cost, unit_price, case_pack, lead_time_days,
            min_order_qty, shelf_capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(code) DO UPDATE SET name = excluded.name, category = excluded.category,
            unit_cost = excluded.unit_cost, unit_price = excluded.unit_price,
            case_pack = excluded.case_pack, lead_time_days = excluded.lead_time_days,
            min_order_qty = excluded.min_order_qty, shelf_capacity = excluded.shelf_capacity
          """)
      for k in skus {
        try statement.execute(arguments: [
          k.id.rawValue, k.name, k.category, k.unitCost, k.unitPrice, k.casePack, k.leadTimeDays,
          k.minOrderQty, k.shelfCapacityUnits,
        ])
      }
    case .calendar(let days):
      let statement = try db.makeStatement(
        sql: "INSERT OR REPLACE INTO calendar_day (day, holiday) VALUES (?, ?)")
      for d in days { try statement.execute(arguments: [d.day.daysSinceEpoch, d.holiday]) }
    case .promotions(let promotions):
      let statement = try db.makeStatement(
        sql: """
          INSERT OR REPLACE INTO promotion (store_key, sku_key, start_day, end_day, discount_pct)
          SELECT s.key, k.key, ?, ?, ? FROM store s, sku k WHERE s.code = ? AND k.code = ?
          """)
      for p in promotions {
        try statement.execute(arguments: [
          p.start.daysSinceEpoch, p.end.daysSinceEpoch, p.discountPct, p.store.rawValue,
          p.sku.rawValue,
        ])
      }
    case .covariates(let records):
      try insertCovariates(records, db)
    case .demand(let blocks):
      try insert(blocks.map { $0.encodedForStorage() }, into: "demand_block", fileID: fileID, db)
    case .inventory(let blocks):
      try insert(blocks.map { $0.encodedForStorage() }, into: "inventory_block", fileID: fileID, db)
    case .encodedDemand(let blocks):
      try insert(blocks, into: "demand_block", fileID: fileID, db)
    case .encodedInventory(let blocks):
      try insert(blocks, into: "inventory_block", fileID: fileID, db)
    }
  }

  /// Stores covariate values, replacing earlier values of the same name, scope and day; the
  /// file's known-in-advance flag then holds for every value of each name it gives.
  private static func insertCovariates(_ records: [CovariateRecord], _ db: Database) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT OR REPLACE INTO covariate (name, store_code, scope_kind, scope_code, day, value,
          known_in_advance) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    var known: [String: Bool] = [:]
    for r in records {
      let (kind, code): (Int, String)
      switch r.item {
      case .all: (kind, code) = (0, "")
      case .sku(let sku): (kind, code) = (1, sku.rawValue)
      case .category(let category): (kind, code) = (2, category)
      }
      try statement.execute(arguments: [
        r.name, r.store?.rawValue ?? "", kind, code, r.day.daysSinceEpoch, r.value,
        r.knownInAdvance ? 1 : 0,
      ])
      known[r.name] = r.knownInAdvance
    }
    for name in known.keys.sorted() {
      try db.execute(
        sql: "UPDATE covariate SET known_in_advance = ? WHERE name = ?",
        arguments: [known[name] == true ? 1 : 0, name])
    }
  }

  private static func insert(
    _ blocks: [EncodedBlock], into table: String, fileID: Int64, _ db: Database
  ) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO \(table) (store_key, day, file_id, sku_count, payload)
        VALUES (?, ?, ?, ?, ?)
        """)
    for b in blocks {
      try statement.execute(arguments: [
        b.storeKey, b.day.daysSinceEpoch, fileID, b.count, b.payload,
      ])
    }
  }
}
