import DemandCore

/// Why an import could not run as a whole (problems with single rows are quarantined instead).
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A required input file is missing from the folder.
  case missingFile(directory: String, expected: String)
  /// A file could not be opened or read, or the child that unzips it failed.
  case cannotRead(path: String, reason: String)
  /// A file's header lacks a column the format requires; `hint` is a likely cause, such as
  /// another delimiter (the one `shelfcast ingest` gives for a header it cannot read).
  case missingColumn(file: String, column: String, header: String, hint: String? = nil)
  /// The output folder exists and is not empty.
  case outputNotEmpty(path: String)
  /// No row of the demand file could be kept.
  case noDemand(file: String)
  /// The output could not be written.
  case cannotWrite(path: String, reason: String)
  /// A file has no header line.
  case emptyFile(file: String)
  /// A field that must be right for the file to be read at all (a calendar's day, a price) is
  /// not; `line` is the file's line, 1 the header.
  case badField(file: String, line: Int, column: String, reason: String)
  /// A wide file's day column (`d_N`) that the calendar does not list; `column` counts from 1.
  case unknownDay(file: String, column: Int, name: String)
  /// A wide file's day column `name` (day `day`, the N of `d_N`) that does not name the day after
  /// the file's previous day column (day `previousDay`): it repeats a day, skips one or goes
  /// back. A repeated day would overwrite a day's sales and a skipped one would read as a day
  /// without sales, so the file is refused. `column` counts from 1.
  case dayColumnOutOfSequence(file: String, column: Int, name: String, day: Int, previousDay: Int)
  /// A weekly data set's file whose dates are not weekly: only `datesOnWeekday` of its `dates`
  /// distinct dates fall on the weekday most of them do, fewer than half (daily data has about
  /// a seventh on each weekday).
  case notWeekly(file: String, weekday: Weekday, datesOnWeekday: Int, dates: Int)
  /// An appended file (`actuals_*.csv`) whose first day column is not the day after the last
  /// one of the files read before it (`lastDay`, in `previousFile`).
  case daysNotContinued(
    file: String, column: Int, name: String, day: Int, lastDay: Int, previousFile: String)

  public var description: String {
    switch self {
    case .missingFile(let directory, let expected):
      return "\(directory) has no \(expected). Please point at the folder that holds the data set."
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)."
    case .missingColumn(let file, let column, let header, let hint):
      return "\(file):1: the header has no column '\(column)' (header: \(header))"
        + (hint.map { "; \($0)" } ?? "") + "."
    case .outputNotEmpty(let path):
      return "\(path) exists and is not empty. Please name a new folder for the import."
    case .noDemand(let file):
      return "\(file): no row could be kept; see its quarantine file."
    case .cannotWrite(let path, let reason):
      return "Cannot write \(path): \(reason)."
    case .emptyFile(let file):
      return "\(file): empty, a header line is required."
    case .badField(let file, let line, let column, let reason):
      return "\(file):\(line): column '\(column)': \(reason)."
    case .unknownDay(let file, let column, let name):
      return "\(file):1: column \(column) '\(name)': a day the calendar does not list."
    case .dayColumnOutOfSequence(let file, let column, let name, let day, let previousDay):
      let problem =
        day == previousDay
        ? "repeats d_\(day), the day of the day column before it"
        : day == previousDay + 2
          ? "follows d_\(previousDay), so d_\(day - 1) has no column"
          : day > previousDay
            ? "follows d_\(previousDay), so d_\(previousDay + 1) … d_\(day - 1) have no column"
            : "comes after d_\(previousDay), but the days must rise"
      return "\(file):1: column \(column) '\(name)': \(problem). The day columns must name "
        + "consecutive days, each once: a repeated day would overwrite a day's sales and a "
        + "missing one would read as a day without sales. Please fix the header."
    case .notWeekly(let file, let weekday, let onWeekday, let dates):
      return "\(file): only \(onWeekday) of its \(dates) distinct dates are \(weekday.rawValue)s: "
        + "this data set is weekly (one date per store, department and week, all on the "
        + "weekday the weeks end on), and this file looks daily. Please give the weekly file."
    case .daysNotContinued(let file, let column, let name, let day, let lastDay, let previous):
      let problem =
        day > lastDay + 1
        ? "the days before it end at d_\(lastDay) (\(previous)), so d_\(lastDay + 1)"
          + (day == lastDay + 2 ? " has" : " … d_\(day - 1) have") + " no column"
        : "the days before it already reach d_\(lastDay) (\(previous)): it would overwrite them"
      return "\(file):1: column \(column) '\(name)': \(problem). An appended file must start "
        + "the day after the files before it end. Please fix the files."
    }
  }
}
