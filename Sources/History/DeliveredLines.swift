import DemandCore
import Foundation
import GRDB

/// The transaction lines one file delivered for one store and day, as 64-bit fingerprints.
///
/// A fingerprint stands for one line's identity: store, day, SKU and transaction id. A value
/// appears once per line, so a SKU scanned twice in one transaction appears twice. Ingest computes
/// them (`DeliveryFingerprint` in the Ingest module); the history only keeps them, so that a later
/// file repeating lines can be caught. Eight bytes per line.
public struct DeliveredLines: Sendable, Equatable {
  public var storeKey: Int32
  public var day: Day
  /// In the order of the lines in their file.
  public var fingerprints: [UInt64]

  public init(storeKey: Int32, day: Day, fingerprints: [UInt64]) {
    self.storeKey = storeKey
    self.day = day
    self.fingerprints = fingerprints
  }

  /// The fingerprints as stored: eight bytes each, little-endian, in order.
  public var encoded: Data {
    var data = Data(count: fingerprints.count * 8)
    data.withUnsafeMutableBytes { raw in
      for (i, value) in fingerprints.enumerated() {
        raw.storeBytes(of: value.littleEndian, toByteOffset: i * 8, as: UInt64.self)
      }
    }
    return data
  }

  /// Decodes `encoded`; a length that is not a multiple of eight is a damaged row.
  public static func decode(_ data: Data) throws -> [UInt64] {
    guard data.count % 8 == 0 else {
      throw HistoryError.corruptBlock("delivered-line fingerprints of \(data.count) bytes")
    }
    return data.withUnsafeBytes { raw in
      (0..<data.count / 8).map {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
      }
    }
  }
}

/// Lines of one store and day delivered by an earlier ingested file.
public struct EarlierDelivery: Sendable, Equatable {
  public var fileID: Int64
  public var fileName: String
  public var storeKey: Int32
  public var day: Day
  public var fingerprints: [UInt64]

  public init(fileID: Int64, fileName: String, storeKey: Int32, day: Day, fingerprints: [UInt64]) {
    self.fileID = fileID
    self.fileName = fileName
    self.storeKey = storeKey
    self.day = day
    self.fingerprints = fingerprints
  }
}

extension HistoryDatabase {
  /// The lines earlier ingested files delivered for each of `cells` (store key, day), leaving out
  /// the file `excluding` (the one a `--replace` supersedes).
  ///
  /// - Complexity: one index lookup per cell; a day of a 200-store chain is 200 lookups, and
  ///   returns nothing unless some file delivered lines for the same store and day before.
  public func earlierDeliveries(of cells: [(storeKey: Int32, day: Day)], excluding: Int64?)
    throws -> [EarlierDelivery]
  {
    try read { db in
      var found: [EarlierDelivery] = []
      try Self.forEachEarlierFile(
        of: cells, excluding: excluding, db: db,
        sql: """
          SELECT d.file_id, f.file_name, d.fingerprints FROM delivered_line d
          JOIN ingested_file f ON f.id = d.file_id
          WHERE d.store_key = ? AND d.day = ? AND f.status = 'ingested'
          ORDER BY d.file_id
          """
      ) { fileID, row, cell in
        found.append(
          EarlierDelivery(
            fileID: fileID, fileName: row[1], storeKey: cell.storeKey, day: cell.day,
            fingerprints: try DeliveredLines.decode(row[2])))
      }
      return found
    }
  }

  /// Runs `sql` (its first column the file id; its two arguments a store key and a day) once
  /// per cell, calling `body` with each row of an ingested file other than `excluding`: the
  /// one lookup per store/day that `earlierDeliveries` and `earlierDemand` share.
  static func forEachEarlierFile(
    of cells: [(storeKey: Int32, day: Day)], excluding: Int64?, db: Database, sql: String,
    _ body: (Int64, Row, (storeKey: Int32, day: Day)) throws -> Void
  ) throws {
    let statement = try db.makeStatement(sql: sql)
    for cell in cells {
      let rows = try Row.fetchCursor(
        statement, arguments: [cell.storeKey, cell.day.daysSinceEpoch])
      while let row = try rows.next() {
        let fileID: Int64 = row[0]
        if fileID == excluding { continue }
        try body(fileID, row, cell)
      }
    }
  }

  /// Total delivered-line fingerprints and the bytes they take, for reports and benchmarks.
  public func deliveredLineTotals() throws -> (lines: Int, bytes: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: "SELECT COALESCE(SUM(line_count), 0), COALESCE(SUM(length(fingerprints)), 0) "
          + "FROM delivered_line")
      return (row?[0] ?? 0, row?[1] ?? 0)
    }
  }

  static func insert(_ lines: [DeliveredLines], fileID: Int64, _ db: Database) throws {
    guard !lines.isEmpty else { return }
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO delivered_line (store_key, day, file_id, line_count, fingerprints)
        VALUES (?, ?, ?, ?, ?)
        """)
    for cell in lines where !cell.fingerprints.isEmpty {
      try statement.execute(arguments: [
        cell.storeKey, cell.day.daysSinceEpoch, fileID, cell.fingerprints.count, cell.encoded,
      ])
    }
  }
}
