import DemandCore
import Foundation
import Tabular

/// Tells a demand file's grain from its dates, for a workspace whose grain is not fixed yet.
///
/// A file is **weekly** when it holds at least two distinct dates and every date falls on one
/// weekday (so consecutive dates are whole weeks apart); it is then `weekly(endingOn:)` that
/// weekday. It is **daily** when its dates fall on at least two weekdays with none of them
/// holding nearly all of them. Between the two — nine in ten or more of the distinct dates on
/// one weekday, the rest elsewhere — the file mixes weekly and daily rows, and is refused,
/// naming the first row whose date is off the majority weekday. One distinct date says
/// nothing: daily, the default.
public enum GrainInference {
  /// Why a file's grain cannot be told.
  public struct MixedGrain: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first row off the majority weekday, with its file, line and column.
    public var row: RowError
    public var weekday: Weekday
    public var datesOnWeekday: Int
    public var dates: Int

    public var description: String {
      "\(row): most dates (\(datesOnWeekday) of \(dates)) are \(weekday.rawValue)s, so the file "
        + "looks weekly, but this one is not: a file must be all daily or all weekly. Please fix "
        + "the date, or fix the grain with 'shelfcast init --grain'."
    }
  }

  /// The grain of dates `dates`, each with the line it is on.
  ///
  /// - Parameters:
  ///   - file, column: for the error (column 1-based, with its header name).
  /// - Throws: `MixedGrain` for a mix (see the type's discussion).
  public static func infer(
    dates: [(day: Day, line: Int)], file: String, column: Int, columnName: String
  ) throws(MixedGrain) -> Grain {
    let distinct = Set(dates.map(\.day))
    guard distinct.count >= 2, let majority = majorityWeekday(of: distinct) else { return .daily }
    let weekday = majority.weekday
    if majority.dates == distinct.count { return .weekly(endingOn: weekday) }
    guard majority.dates * 10 >= distinct.count * 9 else { return .daily }
    let first = dates.first { $0.day.weekdayIndex != weekday.index }
    let row = RowError(
      file: file, line: first?.line ?? 0, column: column, columnName: columnName,
      reason: .offGrain(first?.day ?? Day(daysSinceEpoch: 0), grain: .weekly(endingOn: weekday)))
    throw MixedGrain(
      row: row, weekday: weekday, datesOnWeekday: majority.dates, dates: distinct.count)
  }

  /// The weekday that most of the distinct `dates` fall on, with how many of them do; `nil`
  /// when there are none. A tie goes to the weekday earliest in the week (Monday first).
  ///
  /// The one majority rule for weekly data: `infer` reads a file's grain from it, and
  /// `WalmartImporter` the weekday its weeks end on.
  /// - Complexity: O(`dates.count`).
  public static func majorityWeekday(of dates: Set<Day>) -> (weekday: Weekday, dates: Int)? {
    guard !dates.isEmpty else { return nil }
    var perWeekday = [Int](repeating: 0, count: 7)
    for day in dates { perWeekday[day.weekdayIndex] += 1 }
    let top = perWeekday.indices.max { perWeekday[$0] < perWeekday[$1] } ?? 0
    return (Weekday.allCases[top], perWeekday[top])
  }

  /// The grain of the daily-demand file at `path`, or `nil` when the file is not one (its
  /// header matches another kind, or none, or cannot be read); rows whose date cannot be read
  /// are left to ingest.
  ///
  /// - Throws: `MixedGrain` for a mix; `ImportError.cannotRead` when the file cannot be read.
  public static func infer(path: String) throws -> Grain? {
    let name = (path as NSString).lastPathComponent
    var dateColumn: Int?
    var columnName = "date"
    var dates: [(day: Day, line: Int)] = []
    var isDemand = true
    try ChunkedCSVReader.file(path).forEachRecord { record, lineBase in
      guard isDemand else { return }
      guard let column = dateColumn else {
        // A header that cannot be read (a column named twice, …) is ingest's to report, with
        // the file's other problems: it says nothing of the grain.
        guard let header = try? HeaderMap(names: record.strings, file: name),
          let (schema, indices) = InputSchema.recognise(header), schema.kind == .dailyDemand,
          let column = indices[2]
        else {
          isDemand = false
          return
        }
        dateColumn = column
        columnName = header.names[column]
        return
      }
      guard column < record.fieldCount else { return }
      if let day = record.withField(column, { Day.parseISO($0) }) {
        dates.append((day, record.line + lineBase))
      }
    }
    guard isDemand, let dateColumn else { return nil }
    return try infer(dates: dates, file: name, column: dateColumn + 1, columnName: columnName)
  }
}

extension IngestRunner {
  /// The files `run(paths:)` reads for `paths` (folders searched for `.csv` files), sorted.
  public static func inputFiles(_ paths: [String]) -> [String] {
    InputDiscovery.expand(paths).files
  }
}
