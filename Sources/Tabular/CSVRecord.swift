/// One record returned by `CSVScanner.next()`: its first line number and its fields as byte spans.
///
/// A record is only valid until the scanner's next call to `next()`.
public struct CSVRecord {
  @usableFromInline unowned(unsafe) let scanner: CSVScanner
  /// Physical line (1-based) where the record starts; quoted line breaks make later records start later.
  public let line: Int
  /// Number of fields (at most the scanner's `maximumFieldCount`).
  public let fieldCount: Int
  /// Byte offsets of the record's text, without its line ending.
  public let rawStart: Int
  public let rawEnd: Int
  /// Set when the record could not be split cleanly.
  public let problem: CSVScanner.Problem?

  @inlinable
  init(
    scanner: CSVScanner, line: Int, fieldCount: Int, rawStart: Int, rawEnd: Int,
    problem: CSVScanner.Problem?
  ) {
    self.scanner = scanner
    self.line = line
    self.fieldCount = fieldCount
    self.rawStart = rawStart
    self.rawEnd = rawEnd
    self.problem = problem
  }

  /// True when field `index` was quoted and contains doubled quotes, so its bytes need unescaping.
  @inlinable
  public func needsUnescaping(_ index: Int) -> Bool { scanner.flags[index] & 2 != 0 }

  /// The field's bytes as they stand in the input (quotes removed, doubled quotes not yet collapsed).
  @inlinable
  public func rawField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    let start = scanner.starts[index]
    return UnsafeBufferPointer(start: scanner.base + start, count: scanner.ends[index] - start)
  }

  /// Calls `body` with the field's unescaped bytes; copies only when the field has doubled quotes.
  @inlinable
  public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
    -> R
  {
    let raw = rawField(index)
    guard needsUnescaping(index) else { return try body(raw) }
    var copy = [UInt8]()
    copy.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      copy.append(raw[i])
      if raw[i] == 34, i + 1 < raw.count, raw[i + 1] == 34 { i += 1 }
      i += 1
    }
    return try copy.withUnsafeBufferPointer(body)
  }

  /// The field as a `String` (invalid UTF-8 is repaired with U+FFFD); for cold paths such as master data.
  public func string(_ index: Int) -> String {
    withField(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// The record's text as it appears in the file, for quarantine files and error messages.
  public var rawText: String {
    String(
      decoding: UnsafeBufferPointer(start: scanner.base + rawStart, count: rawEnd - rawStart),
      as: UTF8.self)
  }

  /// All fields as strings; for cold paths and tests.
  public var strings: [String] { (0..<fieldCount).map(string) }
}
