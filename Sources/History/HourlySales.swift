import DemandCore
import Foundation
import GRDB

/// Units sold in one hour of one store/day by one category, from timestamped transaction lines:
/// what the intraday profile (the share of a day's sales by hour) is learnt from.
///
/// Kept beside the daily history, never in it: a file with times stores exactly the same demand
/// blocks as the same file without them, and its hourly rows are replaced and removed with it.
public struct HourlySales: Sendable, Equatable {
  public var storeKey: Int32
  public var day: Day
  public var category: String
  /// Hour of the day, 0…23 (local store time, as the file gives it).
  public var hour: Int
  /// Units sold (returns are not subtracted).
  public var units: Double

  public init(storeKey: Int32, day: Day, category: String, hour: Int, units: Double) {
    self.storeKey = storeKey
    self.day = day
    self.category = category
    self.hour = hour
    self.units = units
  }
}

extension HistoryDatabase {
  static func insert(_ rows: [HourlySales], fileID: Int64, _ db: Database) throws {
    guard !rows.isEmpty else { return }
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO hourly_sales (store_key, day, file_id, category, hour, units)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    for row in rows {
      try statement.execute(arguments: [
        row.storeKey, row.day.daysSinceEpoch, fileID, row.category, row.hour, row.units,
      ])
    }
  }

  /// Units sold by category and hour in `store` on the days of `weekdayIndex` (Monday 0) in
  /// `from...through`: `[category: 24 hourly sums]`.
  ///
  /// - Complexity: one index range per day of that weekday (the other days are not read).
  public func hourlyUnits(storeKey: Int32, weekdayIndex: Int, from: Day, through: Day) throws
    -> [String: [Double]]
  {
    var days: [Int32] = []
    var day = through
    while day >= from {
      if day.weekdayIndex == weekdayIndex {
        days.append(day.daysSinceEpoch)
        day = day.adding(days: -7)
      } else {
        day = day.adding(days: -1)
      }
    }
    guard !days.isEmpty else { return [:] }
    return try read { db in
      let statement = try db.makeStatement(
        sql: """
          SELECT h.category, h.hour, h.units FROM hourly_sales h
          JOIN ingested_file f ON f.id = h.file_id
          WHERE h.store_key = ? AND h.day = ? AND f.status = 'ingested'
          """)
      var result: [String: [Double]] = [:]
      for day in days {
        let rows = try Row.fetchCursor(statement, arguments: [storeKey, day])
        while let row = try rows.next() {
          let hour: Int = row[1]
          guard (0..<24).contains(hour) else { continue }
          result[row[0], default: Array(repeating: 0, count: 24)][hour] += row[2] as Double
        }
      }
      return result
    }
  }
}
