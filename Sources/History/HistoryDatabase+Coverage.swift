import DemandCore
import GRDB

/// How much of one day's expected input has arrived, from the block indexes only.
public struct DayCoverage: Sendable, Equatable {
  public var day: Day
  /// Stores open on `day` (open date on or before it).
  public var openStores: Int
  /// Stores with any demand recorded for `day`.
  public var storesWithSales: Int
  /// Stores with an end-of-day stock snapshot for `day`.
  public var storesWithStock: Int
}

extension HistoryDatabase {
  /// Which stores have sales and a stock snapshot recorded for `day`: what the nightly job
  /// checks after ingest to tell a missing delivery from a quiet day.
  public func coverage(of day: Day) throws -> DayCoverage {
    try read { db in
      let open =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM store WHERE open_day IS NULL OR open_day <= ?",
          arguments: [day.daysSinceEpoch]) ?? 0
      let sales =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(DISTINCT store_key) FROM demand_block WHERE day = ?",
          arguments: [day.daysSinceEpoch]) ?? 0
      let stock =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(DISTINCT store_key) FROM inventory_block WHERE day = ?",
          arguments: [day.daysSinceEpoch]) ?? 0
      return DayCoverage(day: day, openStores: open, storesWithSales: sales, storesWithStock: stock)
    }
  }
}
