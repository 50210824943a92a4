import Tabular

/// Writes `<file>.rejected.csv`: one row per rejected input row with its line, column and reason,
/// and the row's text so it can be corrected and delivered again.
///
/// Personal-data columns are masked in the copied text (`[removed]`); when a row with such columns
/// cannot be split reliably, its text is withheld entirely rather than risk copying them.
enum QuarantineWriter {
  static let header = "line,column,column_name,reason,raw\n"
  static let maximumRawCharacters = 2_000

  static func write(
    _ errors: [RowError], rawTexts: [String], to path: String
  ) throws {
    var text = header
    for (error, raw) in zip(errors, rawTexts) {
      text += "\(error.line),\(error.column.map(String.init) ?? ""),"
      text += csvField(error.columnName ?? "") + "," + csvField(error.reasonText) + ","
      text += csvField(raw) + "\n"
    }
    try AtomicFile.write(text, to: path)
  }

  /// The row's text for the quarantine file, with personal-data fields masked.
  static func rawText(of record: CSVRecord, personalColumns: [Int], headerCount: Int) -> String {
    var raw: String
    if personalColumns.isEmpty {
      raw = record.rawText
    } else if record.fieldCount == headerCount, record.problem == nil {
      raw = (0..<record.fieldCount).map { i in
        personalColumns.contains(i) ? "[removed]" : quoted(record.string(i))
      }.joined(separator: ",")
    } else {
      raw = "[withheld: this file has personal-data columns and the row could not be split safely]"
    }
    if raw.count > maximumRawCharacters {
      raw = String(raw.prefix(maximumRawCharacters)) + "…[truncated]"
    }
    return raw
  }

  /// RFC 4180 quoting, plus an apostrophe before text a spreadsheet would run as a formula.
  static func csvField(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    return quoted(value)
  }

  /// RFC 4180 quoting only, for fields rebuilt inside a row's raw text (which is one cell, and
  /// guarded as a whole by `csvField`), so they read back exactly as delivered.
  static func quoted(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
