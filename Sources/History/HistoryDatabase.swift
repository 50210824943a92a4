import DemandCore
import Foundation
import GRDB

/// The workspace's system of record: master data, the file ledger and the store/SKU/day demand
/// history, in one SQLite database (WAL mode) reached through GRDB.
///
/// Every write is one transaction (`commit(_:)` takes a whole input file), so a killed process
/// leaves either all of a file or none of it. Only this module and the registry see GRDB.
public final class HistoryDatabase: Sendable {
  package let pool: DatabasePool
  public let path: String

  /// Opens (creating if needed) the database at `path` and brings its schema up to date.
  ///
  /// With `readOnly` (`shelfcast serve`): opens an existing database for reading only (SQLite
  /// read-only connections), never creating, migrating or writing it.
  /// - Throws: `HistoryError.cannotOpen` naming the path and the reason; with `readOnly`, also
  ///   when the schema is older than this build's (a writing command must migrate it first).
  public init(path: String, readOnly: Bool = false) throws {
    self.path = path
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.readonly = readOnly
    configuration.prepareDatabase { db in
      guard !readOnly else { return }
      // FULL: each committed file is on disk before the ledger says so.
      try db.execute(sql: "PRAGMA synchronous = FULL")
      // Checkpoint every 8,192 pages (32 MB) rather than 1,000: a day's file of a 200-store
      // chain is a few MB, so fewer, larger checkpoints copy each page to the database once.
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      if readOnly {
        guard try pool.read({ try HistorySchema.migrator.hasCompletedMigrations($0) }) else {
          throw HistoryError.cannotOpen(path: path, reason: Self.olderSchema)
        }
      } else {
        try HistorySchema.migrator.migrate(pool)
      }
    } catch let error as DatabaseError {
      throw HistoryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
    }
  }

  /// Why a read-only opening refuses a database whose schema is older than the build's.
  public static let olderSchema =
    "its schema is older than this shelfcast's, and a reader does not migrate it: run "
    + "'shelfcast init --workspace DIR' once (it takes the workspace lock and brings the "
    + "database up to date), then start this command again"

  // MARK: - Master data

  /// Stores and SKUs with their integer keys, sorted by id.
  public func masterIndex() throws -> MasterIndex {
    try read { db in
      let stores = try Row.fetchAll(
        db, sql: "SELECT key, code, name, region, format, open_day FROM store ORDER BY code"
      ).map { row -> (key: Int32, record: StoreRecord) in
        let openDay: Int32? = row["open_day"]
        return (
          row["key"],
          StoreRecord(
            id: StoreID(row["code"]), name: row["name"], region: row["region"],
            format: row["format"], openDay: openDay.map(Day.init(daysSinceEpoch:)))
        )
      }
      let skus = try Row.fetchAll(
        db,
        sql: """
          SELECT key, code, name, category, unit_cost, unit_price, case_pack, lead_time_days,
                 min_order_qty, shelf_capacity FROM sku ORDER BY code
          """
      ).map { row -> (key: Int32, record: SKURecord) in
        (
          row["key"],
          SKURecord(
            id: SKUID(row["code"]), name: row["name"], category: row["category"],
            unitCost: row["unit_cost"], unitPrice: row["unit_price"], casePack: row["case_pack"],
            leadTimeDays: row["lead_time_days"], minOrderQty: row["min_order_qty"],
            shelfCapacityUnits: row["shelf_capacity"])
        )
      }
      return MasterIndex(stores: stores, skus: skus)
    }
  }

  public func calendar() throws -> [CalendarEntry] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT day, holiday FROM calendar_day ORDER BY day").map {
        CalendarEntry(day: Day(daysSinceEpoch: $0["day"]), holiday: $0["holiday"])
      }
    }
  }

  public func promotions() throws -> [PromotionRecord] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.code AS store, k.code AS sku, p.start_day, p.end_day, p.discount_pct
          FROM promotion p JOIN store s ON s.key = p.store_key JOIN sku k ON k.key = p.sku_key
          ORDER BY s.code, k.code, p.start_day
          """
      ).map {
        PromotionRecord(
          store: StoreID($0["store"]), sku: SKUID($0["sku"]),
          start: Day(daysSinceEpoch: $0["start_day"]), end: Day(daysSinceEpoch: $0["end_day"]),
          discountPct: $0["discount_pct"])
      }
    }
  }

  /// Every stored covariate value, by name, store scope, item scope and day.
  public func covariates() throws -> [CovariateRecord] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT name, store_code, scope_kind, scope_code, day, value, known_in_advance
          FROM covariate ORDER BY name, store_code, scope_kind, scope_code, day
          """
      ).map { row in
        let code: String = row["scope_code"]
        let kind: Int = row["scope_kind"]
        let store: String = row["store_code"]
        return CovariateRecord(
          day: Day(daysSinceEpoch: row["day"]), store: store.isEmpty ? nil : StoreID(store),
          item: kind == 1 ? .sku(SKUID(code)) : kind == 2 ? .category(code) : .all,
          name: row["name"], value: row["value"],
          knownInAdvance: (row["known_in_advance"] as Int) != 0)
      }
    }
  }

  // MARK: - Ledger

  /// The ingested (not refused or replaced) file with this name, if any.
  public func ingestedFile(named name: String) throws -> LedgerEntry? {
    try read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM ingested_file WHERE file_name = ? AND status = 'ingested'",
        arguments: [name]
      ).map(LedgerEntry.init(row:))
    }
  }

  /// The ingested file with this content, if any, whatever its name.
  public func ingestedFile(sha256: String) throws -> LedgerEntry? {
    try read { db in
      try Row.fetchOne(
        db,
        sql:
          "SELECT * FROM ingested_file WHERE sha256 = ? AND status = 'ingested' ORDER BY id LIMIT 1",
        arguments: [sha256]
      ).map(LedgerEntry.init(row:))
    }
  }

  /// The last refusal of a file with this content by the nightly job of `runDate`, if any.
  public func refusedFile(sha256: String, runDate: Day) throws -> LedgerEntry? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT * FROM ingested_file WHERE sha256 = ? AND status = 'refused' AND run_date = ?
          ORDER BY id DESC LIMIT 1
          """,
        arguments: [sha256, runDate.daysSinceEpoch]
      ).map(LedgerEntry.init(row:))
    }
  }

  /// The ledger row `id`, if any.
  public func ledgerEntry(id: Int64) throws -> LedgerEntry? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM ingested_file WHERE id = ?", arguments: [id]).map(
        LedgerEntry.init(row:))
    }
  }

  /// Every ledger row, oldest first.
  public func ledger() throws -> [LedgerEntry] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM ingested_file ORDER BY id").map(
        LedgerEntry.init(row:))
    }
  }

  // MARK: - Scoped access (GRDB stays inside this module)

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try pool.read(body) } catch let error as DatabaseError {
      throw HistoryError.database(error.description)
    }
  }

  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try pool.write(body) } catch let error as DatabaseError {
      throw HistoryError.database(error.description)
    }
  }
}

extension LedgerEntry {
  init(row: Row) {
    let first: Int32? = row["first_day"]
    let last: Int32? = row["last_day"]
    let runDate: Int32? = row["run_date"]
    self.init(
      id: row["id"], fileName: row["file_name"], sha256: row["sha256"],
      kind: InputKind(rawValue: row["kind"]) ?? .transactions, bytes: row["bytes"],
      rowsRead: row["rows_read"], rowsStored: row["rows_stored"],
      rowsQuarantined: row["rows_quarantined"], rowsDuplicate: row["rows_duplicate"],
      firstDay: first.map(Day.init(daysSinceEpoch:)),
      lastDay: last.map(Day.init(daysSinceEpoch:)),
      status: LedgerStatus(rawValue: row["status"]) ?? .refused, recordedAt: row["recorded_at"],
      runDate: runDate.map(Day.init(daysSinceEpoch:)))
  }
}
