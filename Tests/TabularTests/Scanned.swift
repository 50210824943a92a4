import Tabular

/// A record copied out of `CSVScanner`, so tests can compare whole files at once.
struct Scanned: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var problem: CSVScanner.Problem? = nil
  var rawText: String? = nil

  var description: String {
    "\(line): \(fields)" + (problem.map { " \($0)" } ?? "")
      + (rawText.map { " raw=\($0.debugDescription)" } ?? "")
  }

  /// Scans all of `bytes`; `withRaw` also keeps each record's raw text.
  static func all(
    _ bytes: [UInt8], withRaw: Bool = false, maximumFieldCount: Int = 512,
    maximumRecordBytes: Int = 1 << 20
  ) -> [Scanned] {
    bytes.withUnsafeBufferPointer { buffer in
      let scanner = CSVScanner(
        bytes: buffer, maximumFieldCount: maximumFieldCount,
        maximumRecordBytes: maximumRecordBytes)
      var records: [Scanned] = []
      while let record = scanner.next() {
        records.append(
          Scanned(
            line: record.line, fields: record.strings, problem: record.problem,
            rawText: withRaw ? record.rawText : nil))
      }
      return records
    }
  }

  static func all(_ text: String, withRaw: Bool = false) -> [Scanned] {
    all(Array(text.utf8), withRaw: withRaw)
  }
}
