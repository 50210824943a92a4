import Foundation

/// A CSV file whose first two columns are `store_id`, `sku_id`, mapped into memory and indexed
/// by series once when opened: a request finds one series' lines with one dictionary lookup and
/// reads only those (`forecast.csv`, `forecast_vs_actual.csv` of a 200 × 500 chain run to
/// hundreds of MB, so the rows stay in the file; the index holds one entry per series).
///
/// A series' rows are expected together (the night writes its files sorted by store and SKU);
/// rows of a series that come back later are kept as further spans, in the file's order.
///
/// The mapping keeps the file's bytes as they were when it was opened: the night's files are
/// written once and renamed into place, so a later write makes a new file and never changes
/// these bytes.
final class SeriesRows: Sendable {
  let path: String
  let columns: [String: Int]
  private let data: Data
  /// Each series' first span of lines: byte offsets `[start, end)` of whole lines (the last
  /// line's `\n` excluded).
  private let spans: [SeriesKey: Span]
  /// Further spans of a series whose rows are not together (empty for the night's files).
  private let laterSpans: [SeriesKey: [Span]]

  /// A series: store id and SKU id.
  struct SeriesKey: Hashable, Sendable {
    let store: String
    let sku: String
  }

  /// Byte offsets of consecutive whole lines in the file.
  struct Span: Sendable {
    let start: Int
    let end: Int
  }

  /// Maps `path` and indexes its series (one pass over the file).
  /// - Throws: `ServingError.unreadableFile` when it cannot be read or has no header.
  init(path: String) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw ServingError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
    }
    self.path = path
    self.data = data
    let (header, spans, laterSpans) = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      let start = CSVTable.bodyStart(bytes)
      let end = Self.lineEnd(bytes, from: start)
      let header = CSVLine.fields(UnsafeBufferPointer(rebasing: bytes[start..<end]))
      let (spans, later) = Self.index(bytes, from: min(end + 1, bytes.count))
      return (header, spans, later)
    }
    guard header.count >= 2 else {
      throw ServingError.unreadableFile(path: path, reason: "has no header")
    }
    self.spans = spans
    self.laterSpans = laterSpans
    columns = Dictionary(
      header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
  }

  /// The number of series in the file.
  var seriesCount: Int { spans.count }

  /// The rows of `store`/`sku`, in the file's order.
  func rows(store: String, sku: String) -> [CSVRow] {
    var rows: [CSVRow] = []
    forEachLine(store: store, sku: sku) { line in
      rows.append(CSVRow(columns: columns, fields: CSVLine.fields(line)))
    }
    return rows
  }

  /// Calls `body` with each line of `store`/`sku` (without its line ending), in the file's
  /// order. The buffer is valid during the call only.
  func forEachLine(
    store: String, sku: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) rethrows {
    let key = SeriesKey(store: store, sku: sku)
    guard let first = spans[key] else { return }
    try data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      func lines(of span: Span) throws {
        var start = span.start
        while start < span.end {
          let end = Self.lineEnd(bytes, from: start)
          if end > start { try body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
          start = end + 1
        }
      }
      try lines(of: first)
      for span in laterSpans[key] ?? [] { try lines(of: span) }
    }
  }

  /// One pass over the body from `start`: each series' spans of consecutive lines. Blank lines
  /// and lines with fewer than two fields belong to no series.
  private static func index(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int)
    -> ([SeriesKey: Span], [SeriesKey: [Span]])
  {
    var spans: [SeriesKey: Span] = [:]
    var later: [SeriesKey: [Span]] = [:]
    var current: SeriesKey?
    var currentKeyBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var spanStart = start
    var spanEnd = start
    func close() {
      guard let key = current else { return }
      let span = Span(start: spanStart, end: spanEnd)
      if spans[key] == nil { spans[key] = span } else { later[key, default: []].append(span) }
    }
    var lineStart = start
    while lineStart < bytes.count {
      let end = lineEnd(bytes, from: lineStart)
      let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
      // The key's bytes: up to the second comma of an unquoted line; another one is split.
      if let keyBytes = unquotedKey(line) {
        if current == nil || !same(keyBytes, currentKeyBytes) {
          close()
          let comma = keyBytes.firstIndex(of: UInt8(ascii: ",")) ?? keyBytes.endIndex
          current = SeriesKey(
            store: String(
              decoding: UnsafeBufferPointer(rebasing: keyBytes[..<comma]), as: UTF8.self),
            sku: String(
              decoding: UnsafeBufferPointer(rebasing: keyBytes[(comma + 1)...]), as: UTF8.self))
          currentKeyBytes = keyBytes
          spanStart = lineStart
        }
        spanEnd = end
      } else {
        let fields = CSVLine.fields(line)
        if fields.count >= 2 {
          let key = SeriesKey(store: fields[0], sku: fields[1])
          if key != current {
            close()
            current = key
            currentKeyBytes = UnsafeBufferPointer(start: nil, count: 0)
            spanStart = lineStart
          }
          spanEnd = end
        } else if end > lineStart {
          close()
          current = nil
          currentKeyBytes = UnsafeBufferPointer(start: nil, count: 0)
        }
      }
      lineStart = end + 1
    }
    close()
    return (spans, later)
  }

  /// The bytes `store,sku` at the start of `line` when neither is quoted and a third field
  /// follows; nil when the line needs the full CSV reader.
  private static func unquotedKey(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<
    UInt8
  >? {
    guard let base = line.baseAddress, line.count > 0, line[0] != UInt8(ascii: "\"") else {
      return nil
    }
    guard let first = memchr(base, Int32(UInt8(ascii: ",")), line.count) else { return nil }
    let afterFirst = base.distance(to: first.assumingMemoryBound(to: UInt8.self)) + 1
    guard afterFirst < line.count, line[afterFirst] != UInt8(ascii: "\""),
      let second = memchr(base + afterFirst, Int32(UInt8(ascii: ",")), line.count - afterFirst)
    else { return nil }
    return UnsafeBufferPointer(
      rebasing: line[..<base.distance(to: second.assumingMemoryBound(to: UInt8.self))])
  }

  /// True when `a` and `b` hold the same bytes.
  private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard a.count == b.count else { return false }
    guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
    return memcmp(x, y, a.count) == 0
  }

  /// The offset of the `\n` ending the line at `start`, or the end of the file.
  private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
    else { return bytes.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }
}
