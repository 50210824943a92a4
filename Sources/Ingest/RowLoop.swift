import DemandCore
import History
import Tabular

/// The outcome of parsing one file's rows, before anything is stored.
struct ParsedFile: Sendable {
  var content: FileBatch.Content
  var rowsRead = 0
  var rowsValid = 0
  /// Bad rows, with their text for the quarantine file (personal data masked); at most the
  /// table's `maximumRetainedErrors`.
  var errors: [RowError] = []
  var rejectedTexts: [String] = []
  /// Bad rows beyond `errors`, counted only; a file with any is refused.
  var errorsNotRetained = 0
  /// All bad rows.
  var badRows: Int { errors.count + errorsNotRetained }
  var firstDay: Day?
  var lastDay: Day?
  /// Store/SKU/day cells (or master records) the valid rows produced.
  var cells = 0
  /// Rows kept with a negative value (weekly grain: net returns).
  var negativeRows = 0
  /// Stock snapshots whose `on_hand` was negative (a book stock below zero), read as 0.
  var negativeStockRows = 0
  /// A daily-demand file of a daily workspace whose dates all fall on this weekday over four
  /// weeks or more: weekly data read as daily (each week's total one day's sales), said in the
  /// file's message.
  var looksWeekly: Weekday?
  /// Transaction lines an earlier file delivered, set aside (not counted, not bad rows).
  var duplicates: [RowError] = []
  var duplicateTexts: [String] = []
  /// The fingerprints of the transaction lines stored, per store/day (transactions with ids).
  var deliveredLines: [DeliveredLines] = []
  /// Units sold by store, day, category and hour (transactions with times).
  var hourlySales: [HourlySales] = []
}

/// Runs `body` over every data record after the header, counting rows and collecting row errors.
///
/// Records the scanner could not split, or whose field count differs from the header's, are
/// errors before `body` sees them; `body` sees only records with exactly the header's field count.
/// A row `body` refuses as `alreadyDelivered` is set aside as a re-delivery, not a bad row.
@inline(__always)
func forEachRow(
  _ scanner: CSVScanner, table: InputTable, into parsed: inout ParsedFile,
  _ body: (FieldReader) throws(RowError) -> Void
) {
  let fieldCount = table.header.count
  while let record = scanner.next() {
    parsed.rowsRead += 1
    let reader = FieldReader(record: record, table: table)
    guard record.problem == nil, record.fieldCount == fieldCount else {
      parsed.reject(reader.shapeError(expectedFields: fieldCount), record: record, table: table)
      continue
    }
    do {
      try body(reader)
      parsed.rowsValid += 1
    } catch {
      if case .alreadyDelivered = error.reason {
        parsed.setAside(error, record: record, table: table)
      } else {
        parsed.reject(error, record: record, table: table)
      }
    }
  }
}

extension ParsedFile {
  /// Records a line delivered before, with its text for the quarantine file.
  mutating func setAside(_ error: RowError, record: CSVRecord, table: InputTable) {
    duplicates.append(error)
    duplicateTexts.append(
      QuarantineWriter.rawText(
        of: record, personalColumns: table.personalColumns, headerCount: table.header.count))
  }

  /// Records a rejected row with its text for the quarantine file.
  mutating func reject(_ error: RowError, record: CSVRecord, table: InputTable) {
    guard errors.count < table.maximumRetainedErrors else {
      errorsNotRetained += 1
      return
    }
    errors.append(error)
    rejectedTexts.append(
      QuarantineWriter.rawText(
        of: record, personalColumns: table.personalColumns, headerCount: table.header.count))
  }
}

extension FieldReader {
  /// The error for a record that could not be split, or has the wrong number of fields.
  ///
  /// It names the column where the record goes wrong: the field with the stray quote, the first
  /// missing field (too few) or the first extra one (too many, which has no name).
  func shapeError(expectedFields: Int) -> RowError {
    guard let problem = record.problem else {
      return failure(
        columnNumber: min(record.fieldCount, expectedFields) + 1,
        .fieldCount(expected: expectedFields, found: record.fieldCount))
    }
    switch problem {
    case .unbalancedQuote(let column), .textAfterClosingQuote(let column):
      return failure(columnNumber: column, .malformed(problem))
    case .tooManyFields:
      return failure(columnNumber: expectedFields + 1, .malformed(problem))
    case .recordTooLong:
      return failure(nil, .malformed(problem))
    }
  }

  /// A failure at a 1-based column that may lie beyond the header (then it has no name).
  func failure(columnNumber: Int, _ reason: RowError.Reason) -> RowError {
    let names = table.header.names
    return RowError(
      file: table.file, line: record.line, column: columnNumber,
      columnName: columnNumber >= 1 && columnNumber <= names.count ? names[columnNumber - 1] : nil,
      reason: reason)
  }
}

/// A file's name and header as the row parsers see them. A class, so that the per-row
/// `FieldReader` can refer to it without reference counting.
final class InputTable {
  /// The file's base name, used in every error.
  let file: String
  let header: HeaderMap
  /// Indices of columns that identify people; masked in quarantine copies.
  let personalColumns: [Int]
  /// Bad rows kept with their text at most (`IngestLimits.maximumQuarantinedRows`).
  let maximumRetainedErrors: Int

  init(file: String, header: HeaderMap, personalColumns: [Int], maximumRetainedErrors: Int) {
    self.file = file
    self.header = header
    self.personalColumns = personalColumns
    self.maximumRetainedErrors = maximumRetainedErrors
  }
}

/// The first and last day seen among valid rows.
struct DaySpan {
  var first: Day?
  var last: Day?
  mutating func note(_ day: Day) {
    if let first, first <= day {} else { first = day }
    if let last, last >= day {} else { last = day }
  }
}

extension ParsedFile {
  /// Encodes demand and inventory blocks for storage, on the calling (worker) thread.
  mutating func encodeBlocks() {
    switch content {
    case .demand(let blocks): content = .encodedDemand(blocks.map { $0.encodedForStorage() })
    case .inventory(let blocks):
      content = .encodedInventory(blocks.map { $0.encodedForStorage() })
    default: break
    }
  }

  mutating func setSpan(_ span: DaySpan) {
    firstDay = span.first
    lastDay = span.last
  }
}
