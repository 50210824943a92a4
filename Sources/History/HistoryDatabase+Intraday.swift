import DemandCore
import Foundation
import GRDB

/// One intraday POS drop as it is stored: its ledger figures, the units its new lines sold per
/// store/day/SKU, and those lines' fingerprints (what later drops and deliveries are checked
/// against).
///
/// Intraday sales live in their own tables (`intraday_drop`, `intraday_sales`, `intraday_line`),
/// never in the daily history: the nightly file of the same store and day is ingested as if no
/// drop had come, and its commit deletes the cell's intraday rows (`reconcileIntraday`).
public struct IntradayDrop: Sendable, Equatable {
  public var fileName: String
  public var sha256: String
  public var rowsRead: Int
  /// Lines counted (new); `rowsRead = rowsCounted + rowsDuplicate + rowsQuarantined`.
  public var rowsCounted: Int
  public var rowsDuplicate: Int
  public var rowsQuarantined: Int
  /// ISO 8601, UTC.
  public var recordedAt: String
  /// The cut-off the drop was taken at (`intraday --at`), seconds after midnight; `nil` for a
  /// drop stored before cut-offs were (it is then read at every cut-off).
  public var cutoffSecondOfDay: Int?
  /// Units of the counted lines, one block per store and day (`revenue` and flags unused).
  public var sales: [DemandBlock]
  public var lines: [DeliveredLines]

  public init(
    fileName: String, sha256: String, rowsRead: Int, rowsCounted: Int, rowsDuplicate: Int,
    rowsQuarantined: Int, recordedAt: String, cutoffSecondOfDay: Int? = nil,
    sales: [DemandBlock], lines: [DeliveredLines]
  ) {
    self.fileName = fileName
    self.sha256 = sha256
    self.rowsRead = rowsRead
    self.rowsCounted = rowsCounted
    self.rowsDuplicate = rowsDuplicate
    self.rowsQuarantined = rowsQuarantined
    self.recordedAt = recordedAt
    self.cutoffSecondOfDay = cutoffSecondOfDay
    self.sales = sales
    self.lines = lines
  }
}

/// A store/SKU's same-day sales so far, summed over the drops not yet reconciled.
public struct IntradaySales: Sendable, Equatable {
  public var storeKey: Int32
  public var skuKey: Int32
  public var unitsSold: Double
  public var unitsReturned: Double
}

extension HistoryDatabase {
  /// The drop stored with these bytes, if one was (without its sales and lines).
  public func intradayDrop(sha256: String) throws -> IntradayDrop? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT file_name, rows_read, rows_counted, rows_duplicate, rows_quarantined, recorded_at,
            cutoff_second
          FROM intraday_drop WHERE sha256 = ?
          """, arguments: [sha256]
      ).map {
        IntradayDrop(
          fileName: $0[0], sha256: sha256, rowsRead: $0[1], rowsCounted: $0[2],
          rowsDuplicate: $0[3], rowsQuarantined: $0[4], recordedAt: $0[5],
          cutoffSecondOfDay: $0[6], sales: [], lines: [])
      }
    }
  }

  /// Stores one drop (ledger row, sales, fingerprints) in one transaction.
  /// - Returns: the drop's id.
  @discardableResult
  public func commit(_ drop: IntradayDrop) throws -> Int64 {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO intraday_drop (file_name, sha256, rows_read, rows_counted, rows_duplicate,
            rows_quarantined, recorded_at, cutoff_second) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          drop.fileName, drop.sha256, drop.rowsRead, drop.rowsCounted, drop.rowsDuplicate,
          drop.rowsQuarantined, drop.recordedAt, drop.cutoffSecondOfDay,
        ])
      let id = db.lastInsertedRowID
      let sales = try db.makeStatement(
        sql: """
          INSERT INTO intraday_sales (drop_id, store_key, day, sku_key, units_sold, units_returned)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      for block in drop.sales {
        for i in 0..<block.count {
          try sales.execute(arguments: [
            id, block.storeKey, block.day.daysSinceEpoch, block.skuKeys[i], block.unitsSold[i],
            block.unitsReturned[i],
          ])
        }
      }
      let lines = try db.makeStatement(
        sql: """
          INSERT INTO intraday_line (drop_id, store_key, day, line_count, fingerprints)
          VALUES (?, ?, ?, ?, ?)
          """)
      for cell in drop.lines where !cell.fingerprints.isEmpty {
        try lines.execute(arguments: [
          id, cell.storeKey, cell.day.daysSinceEpoch, cell.fingerprints.count, cell.encoded,
        ])
      }
      return id
    }
  }

  /// The lines delivered before for each of `cells`: by ingested (nightly) files first, then by
  /// intraday drops not yet reconciled, each in the order stored. Drops are named `intraday:NAME`.
  public func intradayEarlierDeliveries(of cells: [(storeKey: Int32, day: Day)]) throws
    -> [EarlierDelivery]
  {
    var found = try earlierDeliveries(of: cells, excluding: nil)
    try read { db in
      let statement = try db.makeStatement(
        sql: """
          SELECT l.drop_id, d.file_name, l.fingerprints FROM intraday_line l
          JOIN intraday_drop d ON d.id = l.drop_id
          WHERE l.store_key = ? AND l.day = ? ORDER BY l.drop_id
          """)
      for cell in cells {
        let rows = try Row.fetchCursor(
          statement, arguments: [cell.storeKey, cell.day.daysSinceEpoch])
        while let row = try rows.next() {
          found.append(
            EarlierDelivery(
              fileID: -(row[0] as Int64), fileName: "intraday:" + (row[1] as String),
              storeKey: cell.storeKey, day: cell.day,
              fingerprints: try DeliveredLines.decode(row[2])))
        }
      }
    }
    return found
  }

  /// Each store/SKU's sales on `day` in the drops not yet reconciled, by store then SKU key.
  /// With `cutoffSecondOfDay`, only the drops taken at that cut-off or before (and those stored
  /// without one): a run at 10:00 after one at 14:00 reads what was known by 10:00, since every
  /// drop's lines timed after its own cut-off were quarantined.
  public func intradaySales(day: Day, through cutoffSecondOfDay: Int? = nil) throws
    -> [IntradaySales]
  {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.store_key, s.sku_key, SUM(s.units_sold), SUM(s.units_returned)
          FROM intraday_sales s JOIN intraday_drop d ON d.id = s.drop_id
          WHERE s.day = ? AND (? IS NULL OR d.cutoff_second IS NULL OR d.cutoff_second <= ?)
          GROUP BY s.store_key, s.sku_key ORDER BY s.store_key, s.sku_key
          """,
        arguments: [day.daysSinceEpoch, cutoffSecondOfDay, cutoffSecondOfDay]
      ).map {
        IntradaySales(
          storeKey: $0[0], skuKey: $0[1], unitsSold: $0[2], unitsReturned: $0[3])
      }
    }
  }

  /// Deletes intraday rows of days before `day` (reconciled or not): same-day figures are of no
  /// use once the day is over.
  public func deleteIntraday(before day: Day) throws {
    try write { db in
      try db.execute(
        sql: "DELETE FROM intraday_sales WHERE day < ?", arguments: [day.daysSinceEpoch])
      try db.execute(
        sql: "DELETE FROM intraday_line WHERE day < ?", arguments: [day.daysSinceEpoch])
    }
  }

  /// Removes the intraday rows of every store/day a committed demand file covers: from then on
  /// the daily history holds that day, and later drops are checked against the file's lines.
  static func reconcileIntraday(_ content: FileBatch.Content, _ db: Database) throws {
    var cells: [(Int32, Day)] = []
    switch content {
    case .demand(let blocks): cells = blocks.map { ($0.storeKey, $0.day) }
    case .encodedDemand(let blocks): cells = blocks.map { ($0.storeKey, $0.day) }
    default: return
    }
    guard !cells.isEmpty else { return }
    let sales = try db.makeStatement(
      sql: "DELETE FROM intraday_sales WHERE store_key = ? AND day = ?")
    let lines = try db.makeStatement(
      sql: "DELETE FROM intraday_line WHERE store_key = ? AND day = ?")
    for (store, day) in cells {
      try sales.execute(arguments: [store, day.daysSinceEpoch])
      try lines.execute(arguments: [store, day.daysSinceEpoch])
    }
  }
}
