import DemandCore
import GRDB

/// Retention of the forecast archive: what `shelfcast prune` may delete from the database.
///
/// Only `forecast_block` rows are ever deleted here. The ledger, master data, demand, inventory
/// and delivered-line tables are the system of record and have no delete path.
extension HistoryDatabase {
  /// Archived forecast blocks counted, or deleted, by a retention cutoff.
  public struct ForecastRetention: Sendable, Equatable {
    /// Blocks (one per store and run date).
    public var blocks: Int
    /// Series in them.
    public var series: Int
    /// Bytes of their stored payloads. Deleting them frees pages inside the database file, which
    /// later archives reuse; the file itself shrinks only after a `VACUUM`.
    public var payloadBytes: Int
    /// The run dates concerned, oldest first.
    public var issueDays: [Day]
    /// Blocks the archive keeps: those with a target day on or after the cutoff.
    public var blocksKept: Int

    public init(blocks: Int, series: Int, payloadBytes: Int, issueDays: [Day], blocksKept: Int) {
      self.blocks = blocks
      self.series = series
      self.payloadBytes = payloadBytes
      self.issueDays = issueDays
      self.blocksKept = blocksKept
    }
  }

  /// The archived forecasts that `deleteForecasts(before:)` would delete, without deleting them.
  public func forecasts(before cutoff: Day) throws -> ForecastRetention {
    try read { db in try Self.forecastRetention(before: cutoff, db) }
  }

  /// Deletes, in one transaction, every archived forecast block issued before `cutoff` whose
  /// target days are all before `cutoff` too.
  ///
  /// A block issued before the cutoff but reaching a target day on or after it is kept whole:
  /// the monitor still scores those days against their actuals. Since a target day always comes
  /// after its run date, the rule is simply "the last target day is before `cutoff`".
  ///
  /// - Returns: what was deleted (counted inside the same transaction).
  /// - Throws: `HistoryError.database` when SQLite refuses; nothing is deleted then.
  @discardableResult
  public func deleteForecasts(before cutoff: Day) throws -> ForecastRetention {
    try write { db in
      let retention = try Self.forecastRetention(before: cutoff, db)
      try db.execute(
        sql: "DELETE FROM forecast_block WHERE issued_on < ? AND last_target_day < ?",
        arguments: [cutoff.daysSinceEpoch, cutoff.daysSinceEpoch])
      guard db.changesCount == retention.blocks else {
        throw HistoryError.database(
          "deleting the forecasts before \(cutoff) removed \(db.changesCount) blocks where "
            + "\(retention.blocks) were counted")
      }
      return retention
    }
  }

  private static func forecastRetention(before cutoff: Day, _ db: Database) throws
    -> ForecastRetention
  {
    let filter = "FROM forecast_block WHERE issued_on < ? AND last_target_day < ?"
    let arguments: StatementArguments = [cutoff.daysSinceEpoch, cutoff.daysSinceEpoch]
    let totals = try Row.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) AS blocks, COALESCE(SUM(series_count), 0) AS series,
          COALESCE(SUM(LENGTH(payload)), 0) AS bytes \(filter)
        """, arguments: arguments)
    let days = try Int32.fetchAll(
      db, sql: "SELECT DISTINCT issued_on \(filter) ORDER BY 1", arguments: arguments)
    let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM forecast_block") ?? 0
    let blocks: Int = totals?["blocks"] ?? 0
    return ForecastRetention(
      blocks: blocks, series: totals?["series"] ?? 0, payloadBytes: totals?["bytes"] ?? 0,
      issueDays: days.map(Day.init(daysSinceEpoch:)), blocksKept: all - blocks)
  }
}
