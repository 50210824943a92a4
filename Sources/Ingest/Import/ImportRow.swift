import DemandCore
import Tabular

/// One record of an imported file, with the typed readers an importer needs; every failure is a
/// `RowError` naming the file, the line, the column and the reason.
struct ImportRow {
  let record: CSVRecord
  let file: String
  /// The file's physical line of the record.
  let line: Int
  let header: [String]

  func failure(_ column: Int?, _ reason: RowError.Reason) -> RowError {
    RowError(
      file: file, line: line, column: column.map { $0 + 1 },
      columnName: column.map { header[$0] }, reason: reason)
  }

  /// Checks the record was split cleanly into as many fields as the header has.
  func checkShape() throws(RowError) {
    if let problem = record.problem { throw failure(nil, .malformed(problem)) }
    guard record.fieldCount == header.count else {
      throw failure(nil, .fieldCount(expected: header.count, found: record.fieldCount))
    }
  }

  func text(_ column: Int) -> String {
    String(record.string(column).trimmingSpaces)
  }

  /// A whole number ≥ 0 (`12`, `12.0` refused as text), as an identifier.
  func identifier(_ column: Int) throws(RowError) -> Int {
    let raw = text(column)
    guard !raw.isEmpty else { throw failure(column, .missingValue) }
    guard raw.utf8.count <= 9, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(raw)
    else { throw failure(column, .notAWholeNumber(text: raw)) }
    return value
  }

  /// A finite decimal, negative allowed.
  func number(_ column: Int) throws(RowError) -> Double {
    switch record.withField(column, { DecimalParser.parse($0) }) {
    case .success(let value): return value
    case .failure(.empty): throw failure(column, .missingValue)
    case .failure(.notFinite): throw failure(column, .notFinite(text: text(column)))
    case .failure(.outOfRange): throw failure(column, .numberOutOfRange(text: text(column)))
    case .failure(.notANumber): throw failure(column, .notANumber(text: text(column)))
    }
  }

  /// A decimal, or `nil` for `NA` (any case) or an empty field: a missing value.
  func optionalNumber(_ column: Int) throws(RowError) -> Double? {
    let raw = text(column)
    if raw.isEmpty || raw.lowercased() == "na" { return nil }
    return try number(column)
  }

  func date(_ column: Int) throws(RowError) -> Day {
    let raw = text(column)
    guard let day = Day(iso: raw) else { throw failure(column, .notADate(text: raw)) }
    return day
  }

  /// `TRUE`/`FALSE`, `1`/`0`, `yes`/`no` in any case.
  func flag(_ column: Int) throws(RowError) -> Bool {
    switch text(column).lowercased() {
    case "true", "1", "yes", "y", "t": return true
    case "false", "0", "no", "n", "f", "": return false
    default: throw failure(column, .notAFlag(text: text(column)))
    }
  }
}
