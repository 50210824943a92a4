import Foundation

/// One line of a CSV file ShelfCast wrote (RFC 4180 quoting, no line breaks inside fields, which
/// holds for every file the API reads), split into fields.
enum CSVLine {
  /// The fields of `line` (without its line ending), quotes removed and doubled quotes collapsed.
  /// An unquoted field is made straight from its bytes; only a quoted one is copied first.
  static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
    var fields: [String] = []
    fields.reserveCapacity(16)
    var fieldStart = 0
    var index = 0
    while index <= line.count {
      if index == line.count || line[index] == UInt8(ascii: ",") {
        var end = index
        if end > fieldStart, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        fields.append(
          String(decoding: UnsafeBufferPointer(rebasing: line[fieldStart..<end]), as: UTF8.self))
        fieldStart = index + 1
        index += 1
      } else if line[index] == UInt8(ascii: "\"") && index == fieldStart {
        let (field, next) = quoted(line, from: index)
        fields.append(field)
        // Up to the next comma (bytes after the closing quote are kept, as before).
        fieldStart = next
        index = next
        var rest: [UInt8] = []
        while index < line.count, line[index] != UInt8(ascii: ",") {
          if line[index] != UInt8(ascii: "\r") { rest.append(line[index]) }
          index += 1
        }
        if !rest.isEmpty { fields[fields.count - 1] += String(decoding: rest, as: UTF8.self) }
        fieldStart = index + 1
        index += 1
      } else {
        index += 1
      }
    }
    return fields
  }

  /// The quoted field whose opening quote is at `start`: its text, and the offset after its
  /// closing quote (or the end of the line).
  private static func quoted(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int) {
    var field: [UInt8] = []
    var index = start + 1
    while index < line.count {
      let byte = line[index]
      if byte == UInt8(ascii: "\"") {
        if index + 1 < line.count, line[index + 1] == UInt8(ascii: "\"") {
          field.append(byte)
          index += 2
          continue
        }
        return (String(decoding: field, as: UTF8.self), index + 1)
      }
      if byte != UInt8(ascii: "\r") { field.append(byte) }
      index += 1
    }
    return (String(decoding: field, as: UTF8.self), index)
  }

  /// Calls `body` with each field's index and bytes (a trailing `\r` dropped) when `line` holds
  /// no quote, and returns true; returns false, calling nothing, when it holds one (then
  /// `fields(_:)` reads it). The bytes are valid during the call only.
  static func withUnquotedFields(
    _ line: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void
  ) -> Bool {
    guard let base = line.baseAddress else {
      body(0, line)
      return true
    }
    if memchr(base, Int32(UInt8(ascii: "\"")), line.count) != nil { return false }
    var end = line.count
    if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    var column = 0
    var start = 0
    while true {
      let comma = memchr(base + start, Int32(UInt8(ascii: ",")), end - start)
      let stop = comma.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
      body(column, UnsafeBufferPointer(rebasing: line[start..<stop]))
      guard comma != nil else { return true }
      column += 1
      start = stop + 1
    }
  }

  /// The fields of `text`, one line.
  static func fields(_ text: String) -> [String] {
    var copy = text
    return copy.withUTF8 { fields($0) }
  }
}

/// A row of a CSV file read by column name.
struct CSVRow {
  let columns: [String: Int]
  let fields: [String]

  /// The field of `column`, or "" when the file has no such column.
  subscript(_ column: String) -> String {
    guard let index = columns[column], index < fields.count else { return "" }
    return fields[index]
  }

  /// The field as a number; nil when empty or not a number.
  func number(_ column: String) -> Double? { Double(self[column]) }

  /// The field as an integer; nil when empty or not an integer.
  func integer(_ column: String) -> Int? {
    Int(self[column]) ?? number(column).flatMap { Int(exactly: $0) }
  }

  /// `1`/`0` as a Boolean; nil when empty.
  func flag(_ column: String) -> Bool? {
    switch self[column] {
    case "1", "true": return true
    case "0", "false": return false
    default: return nil
    }
  }
}

/// A whole (small) CSV file as rows by column name: the accuracy summary, the alerts.
struct CSVTable {
  let path: String
  let header: [String]
  let rows: [CSVRow]

  /// Reads `path`.
  /// - Throws: `ServingError.unreadableFile` when it cannot be read.
  init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ServingError.unreadableFile(path: path, reason: "cannot be read")
    }
    self.init(data: data, path: path)
  }

  /// The rows of `data`, the bytes read from `path`.
  init(data: Data, path: String) {
    self.path = path
    var lines: [[String]] = []
    data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      var start = CSVTable.bodyStart(bytes)
      while start < bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start {
          lines.append(CSVLine.fields(UnsafeBufferPointer(rebasing: bytes[start..<end])))
        }
        start = end + 1
      }
    }
    header = lines.first ?? []
    let columns = Dictionary(
      header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    rows = lines.dropFirst().map { CSVRow(columns: columns, fields: $0) }
  }

  /// The offset after a UTF-8 byte-order mark (`csv_byte_order_mark: true`), or 0.
  static func bodyStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }
}
