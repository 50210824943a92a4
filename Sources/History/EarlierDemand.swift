import DemandCore
import Foundation
import GRDB

/// The SKUs an earlier ingested file stored demand for, in one store and day.
public struct EarlierDemand: Sendable, Equatable {
  public var fileID: Int64
  public var fileName: String
  public var kind: InputKind
  public var storeKey: Int32
  public var day: Day
  /// Sorted ascending, as in the stored block.
  public var skuKeys: [Int32]

  public init(
    fileID: Int64, fileName: String, kind: InputKind, storeKey: Int32, day: Day, skuKeys: [Int32]
  ) {
    self.fileID = fileID
    self.fileName = fileName
    self.kind = kind
    self.storeKey = storeKey
    self.day = day
    self.skuKeys = skuKeys
  }
}

extension HistoryDatabase {
  /// The demand earlier ingested files stored for each of `cells` (store key, day), oldest file
  /// first, leaving out the file `excluding` (the one a `--replace` supersedes).
  ///
  /// A daily-demand row gives a store/SKU/day's whole total, so one that repeats a cell an
  /// earlier file stored is a re-delivery, not more sales: ingest sets it aside with this.
  ///
  /// - Complexity: one index lookup per cell, which finds nothing unless a file stored demand
  ///   for the same store and day before (a first load of history finds nothing).
  /// - Parameter dailyDemandOnly: only what daily-demand files stored (for a transaction file,
  ///   whose lines add to what other transaction files of the day delivered).
  public func earlierDemand(
    of cells: [(storeKey: Int32, day: Day)], excluding: Int64?, dailyDemandOnly: Bool = false
  ) throws -> [EarlierDemand] {
    guard !cells.isEmpty else { return [] }
    return try read { db in
      var found: [EarlierDemand] = []
      try Self.forEachEarlierFile(
        of: cells, excluding: excluding, db: db,
        sql: """
          SELECT b.file_id, f.file_name, f.kind, b.payload FROM demand_block b
          JOIN ingested_file f ON f.id = b.file_id
          WHERE b.store_key = ? AND b.day = ? AND f.status = 'ingested'
          """ + (dailyDemandOnly ? " AND f.kind = 'daily_demand'" : "") + " ORDER BY b.file_id"
      ) { fileID, row, cell in
        let kindText: String = row[2]
        guard let kind = InputKind(rawValue: kindText) else {
          throw HistoryError.corruptBlock("ingested file \(fileID) of unknown kind '\(kindText)'")
        }
        let block = try DemandBlock(storeKey: cell.storeKey, day: cell.day, decoding: row[3])
        found.append(
          EarlierDemand(
            fileID: fileID, fileName: row[1], kind: kind, storeKey: cell.storeKey,
            day: cell.day, skuKeys: block.skuKeys))
      }
      return found
    }
  }
}
