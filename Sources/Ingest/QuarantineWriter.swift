import Tabular

/// Writes `<file>.rejected.csv`: one row per rejected input row with its line, column and reason,
/// and the row's text so it can be corrected and delivered again.
///
/// Personal-data columns are masked in the copied text (`[removed]`); when a row with such columns
/// cannot be split reliably, its text is withheld entirely rather than risk copying them.
enum QuarantineWriter {
  static let header = "line,column,column_name,reason,raw\n"
  static let maximumRawCharacters = 2_000

  /// `<file>.rejected.csv`, the input file's name being data from outside: a name with
  /// characters other than letters, digits, space and `._-+,=@~()` (control characters such as
  /// a newline, path separators, bidirectional overrides…) or starting with a dot (hidden, or
  /// `..`) has each such character replaced by `_`, and a hash of the whole name added so two
  /// names that differ only there do not share a file: `<escaped>-<16 hex digits>.rejected.csv`.
  /// So does a name too long to take the suffix within the usual 255-byte limit on file names
  /// (and the writer's temporary `.<name>.tmp-<pid>`), cut to its first 150 bytes.
  static func fileName(for inputName: String) -> String {
    let suffix = ".rejected.csv"
    var escaped = String(String.UnicodeScalarView(inputName.unicodeScalars.map(safeScalar)))
    if escaped.hasPrefix(".") { escaped = "_" + escaped.dropFirst() }
    guard escaped != inputName || inputName.utf8.count > 200 || inputName.isEmpty else {
      return inputName + suffix
    }
    var prefix = ""
    for character in escaped {
      guard prefix.utf8.count + character.utf8.count <= 150 else { break }
      prefix.append(character)
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in inputName.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let hex = String(hash, radix: 16)
    return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex + suffix
  }

  /// The scalar itself when it is safe in a file name, otherwise `_`.
  private static func safeScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    if scalar.isASCII {
      let allowed =
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || " ._-+,=@~()".unicodeScalars.contains(scalar)
      return allowed ? scalar : "_"
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .decimalNumber, .letterNumber, .otherNumber:
      return scalar
    default:
      return "_"
    }
  }

  static func write(
    _ errors: [RowError], rawTexts: [String], to path: String
  ) throws {
    let sink = contents(errors, rawTexts: rawTexts)
    try sink.withUnsafeBytes { try AtomicFile.write(Array($0), to: path) }
  }

  /// The quarantine file's bytes: the header, then one row per error.
  static func contents(_ errors: [RowError], rawTexts: [String]) -> ByteSink {
    // Bytes, not string concatenation: a re-delivered day is a third of a million entries.
    let sink = ByteSink(initialCapacityBytes: 1 << 16, spreadsheetSafe: true)
    sink.append(utf8: header)
    for (error, raw) in zip(errors, rawTexts) {
      sink.appendInt(error.line)
      sink.appendComma()
      if let column = error.column { sink.appendInt(column) }
      sink.appendComma()
      sink.appendField(error.columnName ?? "")
      sink.appendComma()
      sink.appendField(error.reasonText)
      sink.appendComma()
      sink.appendField(raw)
      sink.appendNewline()
    }
    return sink
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

  /// RFC 4180 quoting only, for fields rebuilt inside a row's raw text (which is one cell, and
  /// guarded as a whole by the spreadsheet-safe `ByteSink`), so they read back exactly as delivered.
  static func quoted(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
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
