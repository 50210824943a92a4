import Foundation

/// A CSV file sorted by its first two columns (`store_id`, `sku_id`), mapped into memory and
/// searched by bisection: one series' rows are found in O(log n) line reads, without reading or
/// holding the rest (`forecast.csv`, `forecast_vs_actual.csv` of a 200 × 500 chain run to
/// hundreds of MB).
///
/// The mapping keeps the file's bytes as they were when it was opened: the night's files are
/// written once and renamed into place, so a later write makes a new file and never changes
/// these bytes.
final class SeriesRows: Sendable {
  let path: String
  let columns: [String: Int]
  private let data: Data
  private let bodyStart: Int

  /// Maps `path`.
  /// - Throws: `ServingError.unreadableFile` when it cannot be read or has no header.
  init(path: String) throws {
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw ServingError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
    }
    self.path = path
    let (header, bodyStart) = data.withUnsafeBytes { raw -> ([String], Int) in
      let bytes = raw.bindMemory(to: UInt8.self)
      let start = CSVTable.bodyStart(bytes)
      let end = Self.lineEnd(bytes, from: start)
      return (
        CSVLine.fields(UnsafeBufferPointer(rebasing: bytes[start..<end])), min(end + 1, bytes.count)
      )
    }
    guard header.count >= 2 else {
      throw ServingError.unreadableFile(path: path, reason: "has no header")
    }
    self.bodyStart = bodyStart
    columns = Dictionary(
      header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
  }

  /// The rows of `store`/`sku`, in the file's order.
  func rows(store: String, sku: String) -> [CSVRow] {
    let target = (store, sku)
    return data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      // Invariants: every line starting before `low` has a key < target; the line starting at
      // `high` (or the end) has a key >= target. Both are line starts.
      var low = bodyStart
      var high = bytes.count
      while low < high {
        let middle = low + (high - low) / 2
        var start = Self.lineStart(bytes, atOrAfter: middle)
        if start >= high { start = low }
        let fields = Self.fields(bytes, lineAt: start)
        if fields.count >= 2, (fields[0], fields[1]) < target {
          low = Self.lineEnd(bytes, from: start) + 1
        } else {
          high = start
        }
      }
      var rows: [CSVRow] = []
      var start = low
      while start < bytes.count {
        let fields = Self.fields(bytes, lineAt: start)
        guard fields.count >= 2, fields[0] == store, fields[1] == sku else { break }
        rows.append(CSVRow(columns: columns, fields: fields))
        start = Self.lineEnd(bytes, from: start) + 1
      }
      return rows
    }
  }

  private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, lineAt start: Int) -> [String] {
    let end = lineEnd(bytes, from: start)
    return CSVLine.fields(UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }

  /// The offset of the `\n` ending the line at `start`, or the end of the file.
  private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
    return end
  }

  /// `offset` when a line starts there, else the start of the next line (or the end).
  private static func lineStart(_ bytes: UnsafeBufferPointer<UInt8>, atOrAfter offset: Int) -> Int {
    if offset == 0 || bytes[offset - 1] == UInt8(ascii: "\n") { return offset }
    return min(lineEnd(bytes, from: offset) + 1, bytes.count)
  }
}
