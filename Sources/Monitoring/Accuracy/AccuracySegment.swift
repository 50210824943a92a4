import DemandCore

/// A group of scored rows: the whole chain, one store, category, region, store format, horizon
/// bucket or ISO week of the target day.
public struct AccuracySegment: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How rows are grouped. The raw values are the `level` column of `accuracy_summary.csv`.
  public enum Level: String, CaseIterable, Sendable, Hashable {
    case chain
    case store
    case category
    case region
    case storeFormat = "store_format"
    /// Days from the run date to the target day, in buckets (`HorizonBucket`).
    case horizon
    /// ISO 8601 week of the target day, `2026-W41`.
    case week
  }

  public var level: Level
  /// The store id, category, region, format, bucket or week; `chain` for the chain.
  public var name: String

  public init(level: Level, name: String) {
    self.level = level
    self.name = name
  }

  /// The whole chain.
  public static let chain = AccuracySegment(level: .chain, name: "chain")

  /// `chain`, or `level=name` (`region=North`): how alerts and metrics name the segment.
  public var description: String { level == .chain ? name : "\(level.rawValue)=\(name)" }

  /// Levels in declaration order, then names.
  public static func < (lhs: AccuracySegment, rhs: AccuracySegment) -> Bool {
    let order = Level.allCases
    let l = order.firstIndex(of: lhs.level) ?? 0
    let r = order.firstIndex(of: rhs.level) ?? 0
    return (l, lhs.name) < (r, rhs.name)
  }
}

/// Horizons grouped as the issue asks: 1–7, 8–14 and 15–28 days ahead, and 29 or more for sets
/// trained with a longer horizon. Names are zero-padded so that they sort in order and written
/// with `days` so that no spreadsheet reads them as dates.
public enum HorizonBucket {
  /// The bucket of a horizon in days (≥ 1).
  public static func name(horizonDays: Int) -> String {
    switch horizonDays {
    case ...7: return "01-07 days"
    case 8...14: return "08-14 days"
    case 15...28: return "15-28 days"
    default: return "29+ days"
    }
  }
}

extension Day {
  /// The ISO 8601 week of this day, `YYYY-Www`: weeks start on Monday, and week 1 is the one
  /// holding the year's first Thursday (so 2026-12-31, a Thursday, is in `2026-W53` and
  /// 2027-01-01 too).
  public var isoWeek: String {
    let thursday = adding(days: 3 - weekdayIndex)
    let year = thursday.civil.year
    let week = (thursday.dayOfYear - 1) / 7 + 1
    return "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
  }
}

/// The segments a series belongs to besides the chain and its store.
public struct SeriesSegments: Sendable, Equatable {
  public var category: String
  public var region: String
  public var storeFormat: String

  public init(category: String, region: String, storeFormat: String) {
    self.category = category
    self.region = region
    self.storeFormat = storeFormat
  }
}
