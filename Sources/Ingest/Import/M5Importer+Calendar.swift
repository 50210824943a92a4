import DemandCore
import Foundation
import Tabular

/// The M5 `calendar.csv`: the date of each day column `d_N`, its Walmart week, its events and
/// the SNAP days of each state.
struct M5Calendar {
  /// `days[N − 1]` = the date of `d_N`.
  var days: [Day] = []
  /// Walmart week id of each day, aligned with `days`.
  var weeks: [Int] = []
  /// Event names of each day (up to two), aligned with `days`.
  var eventNames: [[String]] = []
  /// Event types of each day, lower case (`sporting`, …), aligned with `days`.
  var eventTypes: [[String]] = []
  /// SNAP flags per state (`CA` from `snap_CA`), aligned with `days`.
  var snap: [String: [Double]] = [:]

  init(path: String) throws {
    try M5Importer.scan(path) { header, scanner in
      let (file, names, column) = (header.file, header.names, header.column)
      let (dateColumn, dColumn, weekColumn) = (
        try column("date"), try column("d"), try column("wm_yr_wk")
      )
      let eventColumns = [
        (names.firstIndex(of: "event_name_1"), names.firstIndex(of: "event_type_1")),
        (names.firstIndex(of: "event_name_2"), names.firstIndex(of: "event_type_2")),
      ]
      let snapColumns = names.indices.filter { names[$0].hasPrefix("snap_") }
      for index in snapColumns { snap[String(names[index].dropFirst(5))] = [] }
      while let record = scanner.next() {
        func fail(_ column: Int, _ reason: String) -> ImportError {
          .badField(file: file, line: record.line, column: names[column], reason: reason)
        }
        guard record.problem == nil, record.fieldCount == names.count else {
          throw fail(0, "\(record.fieldCount) fields where the header has \(names.count)")
        }
        let dName = record.string(dColumn)
        guard dName.hasPrefix("d_"), let n = Int(dName.dropFirst(2)), n == days.count + 1 else {
          throw fail(
            dColumn, "'\(dName)' is not d_\(days.count + 1) (days must follow d_1, d_2, …)")
        }
        guard let day = Day(iso: record.string(dateColumn)) else {
          throw fail(dateColumn, "'\(record.string(dateColumn))' is not a date (YYYY-MM-DD)")
        }
        if let previous = days.last, previous.adding(days: 1) != day {
          throw fail(dateColumn, "\(day.iso) does not follow \(previous.iso)")
        }
        guard let week = Int(record.string(weekColumn)) else {
          throw fail(weekColumn, "'\(record.string(weekColumn))' is not a week number")
        }
        days.append(day)
        weeks.append(week)
        var dayNames: [String] = []
        var dayTypes: [String] = []
        for (nameColumn, typeColumn) in eventColumns {
          if let nameColumn, !record.string(nameColumn).isEmpty {
            dayNames.append(record.string(nameColumn))
          }
          if let typeColumn, !record.string(typeColumn).isEmpty {
            dayTypes.append(record.string(typeColumn).lowercased())
          }
        }
        eventNames.append(dayNames)
        eventTypes.append(dayTypes)
        for index in snapColumns {
          let text = record.string(index)
          guard text == "0" || text == "1" else { throw fail(index, "'\(text)' is not 0 or 1") }
          snap[String(names[index].dropFirst(5)), default: []].append(text == "1" ? 1 : 0)
        }
      }
    }
  }

  /// The day of column name `d_N`, or `nil` when the calendar does not list it.
  func dayIndex(ofColumn name: String) -> Int? {
    guard name.hasPrefix("d_"), let n = Int(name.dropFirst(2)), n >= 1, n <= days.count else {
      return nil
    }
    return n - 1
  }

  /// The event types the calendar uses, sorted.
  var allEventTypes: [String] { Set(eventTypes.joined()).sorted() }
}
