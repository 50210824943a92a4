import DemandCore
import Foundation
import Tabular

/// The series of the M5 sales files: one per item × store, with its units per day.
struct M5Sales {
  struct Series {
    var id: String
    var item: String
    var category: String
    var store: String
    var state: String
    /// Units sold on each calendar day index (0 = `d_1`); -1 where no file gave the day.
    var units: [Int32]
  }

  var series: [Series] = []
  /// Row index of each id, for appended files.
  var indexOfID: [String: Int] = [:]
  /// The last day index the files read so far gave, and the file that gave it: an appended
  /// file must go on from the day after.
  private var lastDay: (day: Int, file: String)?
  /// Quarantine lines `line,column,reason` of the dropped series.
  var quarantine: [String] = []

  /// Reads the wide sales file (`id, item_id, dept_id, cat_id, store_id, state_id, d_…`).
  ///
  /// A row with an empty `id`, `item_id`, `dept_id`, `cat_id`, `store_id` or `state_id` is
  /// dropped and quarantined, naming that column.
  /// - Throws: `ImportError.dayColumnOutOfSequence` when the day columns repeat, skip or go
  ///   back a day (here and in appended files), `.daysNotContinued` when an appended file does
  ///   not start the day after the files before it end; `ImportError.unknownDay` for a day the
  ///   calendar does not list.
  static func read(path: String, calendar: M5Calendar, report: inout M5Importer.Report) throws
    -> M5Sales
  {
    var sales = M5Sales()
    try sales.read(path: path, calendar: calendar, report: &report, appending: false)
    report.series = sales.series.count
    report.stores = Set(sales.series.map(\.store)).count
    report.skus = Set(sales.series.map(\.item)).count
    return sales
  }

  /// Appends the days of an `id, d_…` file to the series read before.
  mutating func append(path: String, calendar: M5Calendar, report: inout M5Importer.Report) throws {
    try read(path: path, calendar: calendar, report: &report, appending: true)
  }

  private mutating func read(
    path: String, calendar: M5Calendar, report: inout M5Importer.Report, appending: Bool
  ) throws {
    let dayCount = calendar.days.count
    try M5Importer.scan(path, maximumFieldCount: 8192) { header, scanner in
      let (file, names, column) = (header.file, header.names, header.column)
      let idColumn = try column("id")
      let keys =
        appending
        ? nil
        : (
          item: try column("item_id"), category: try column("cat_id"),
          store: try column("store_id"),
          state: try column("state_id")
        )
      var dayColumns: [(column: Int, day: Int)] = []
      for (index, name) in names.enumerated() where name.hasPrefix("d_") {
        guard let day = calendar.dayIndex(ofColumn: name) else {
          throw ImportError.unknownDay(file: file, column: index + 1, name: name)
        }
        if let previous = dayColumns.last?.day, day != previous + 1 {
          throw ImportError.dayColumnOutOfSequence(
            file: file, column: index + 1, name: name, day: day + 1, previousDay: previous + 1)
        }
        dayColumns.append((index, day))
      }
      // An appended file goes on where the days before it stopped: a gap would read as days
      // without sales, an overlap would overwrite days already read.
      if appending, let before = lastDay, let first = dayColumns.first,
        first.day != before.day + 1
      {
        throw ImportError.daysNotContinued(
          file: file, column: first.column + 1, name: names[first.column], day: first.day + 1,
          lastDay: before.day + 1, previousFile: before.file)
      }
      if let last = dayColumns.last { lastDay = (last.day, file) }
      // The fields that name a series; an empty one would write a store or SKU named "".
      let nameColumns =
        keys.map {
          [idColumn, $0.item] + (names.firstIndex(of: "dept_id").map { [$0] } ?? [])
            + [$0.category, $0.store, $0.state]
        } ?? []
      row: while let record = scanner.next() {
        func drop(_ column: Int?, _ reason: String) {
          let place = column.map { "column \($0 + 1) '\(names[$0])': " } ?? ""
          report.dropped.append("\(file):\(record.line): \(place)\(reason)")
          quarantine.append("\(record.line),\(column.map { String($0 + 1) } ?? ""),\(reason)\n")
        }
        guard record.problem == nil, record.fieldCount == names.count else {
          drop(nil, "\(record.fieldCount) fields where the header has \(names.count)")
          continue
        }
        let id = record.string(idColumn)
        var target: Int
        if let keys {
          if let empty = nameColumns.first(where: { record.string($0).trimmingSpaces.isEmpty }) {
            drop(empty, "empty; the series is dropped")
            continue
          }
          guard indexOfID[id] == nil else {
            drop(idColumn, "repeats the id '\(id)'")
            continue
          }
          target = series.count
          series.append(
            Series(
              id: id, item: record.string(keys.item), category: record.string(keys.category),
              store: record.string(keys.store), state: record.string(keys.state),
              units: [Int32](repeating: -1, count: dayCount)))
          indexOfID[id] = target
        } else {
          guard let known = indexOfID[id] else {
            drop(idColumn, "id '\(id)' is not in the sales file")
            continue
          }
          target = known
        }
        for (index, day) in dayColumns {
          let text = record.string(index)
          guard let units = Int32(text), units >= 0 else {
            drop(index, "'\(text)' is not a whole number ≥ 0; the series is dropped")
            if keys != nil {
              series.removeLast()
              indexOfID[id] = nil
            } else {
              series[target].units = []
            }
            continue row
          }
          series[target].units[day] = units
        }
      }
    }
    // Series dropped by an appended file are removed once it is read.
    if appending {
      series.removeAll { $0.units.isEmpty }
      indexOfID = Dictionary(uniqueKeysWithValues: series.enumerated().map { ($1.id, $0) })
      report.series = series.count
    }
  }
}
