import DemandCore
import History
import Tabular

/// The outcome of parsing one file's rows, before anything is stored.
struct ParsedFile: Sendable {
  var content: FileBatch.Content
  var rowsRead = 0
  var rowsValid = 0
  var errors: [RowError] = []
  /// The text of each rejected row, for the quarantine file (personal data masked).
  var rejectedTexts: [String] = []
  var firstDay: Day?
  var lastDay: Day?
  /// Store/SKU/day cells (or master records) the valid rows produced.
  var cells = 0
}

/// Runs `body` over every data record after the header, counting rows and collecting row errors.
///
/// Records the scanner could not split, or whose field count differs from the header's, are
/// errors before `body` sees them; `body` sees only records with exactly the header's field count.
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
      parsed.reject(error, record: record, table: table)
    }
  }
}

extension ParsedFile {
  /// Records a rejected row with its text for the quarantine file.
  mutating func reject(_ error: RowError, record: CSVRecord, table: InputTable) {
    errors.append(error)
    rejectedTexts.append(
      QuarantineWriter.rawText(
        of: record, personalColumns: table.personalColumns, headerCount: table.header.count))
  }
}

extension FieldReader {
  /// The error for a record that could not be split, or has the wrong number of fields.
  func shapeError(expectedFields: Int) -> RowError {
    if let problem = record.problem { return failure(nil, .malformed(problem)) }
    return failure(nil, .fieldCount(expected: expectedFields, found: record.fieldCount))
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

  init(file: String, header: HeaderMap, personalColumns: [Int]) {
    self.file = file
    self.header = header
    self.personalColumns = personalColumns
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
