/// A growable, append-only byte buffer for writing CSV rows without building a `String` per row.
///
/// Writers append raw bytes, integers and fixed-decimal numbers straight into one contiguous
/// allocation, then hand the bytes to a file in one call (`withUnsafeBytes`). Numbers are written
/// in the C locale: ASCII digits, `-` for negatives, `.` as the decimal separator, no grouping.
///
/// Text fields go through `appendField(_:)`, which quotes them as RFC 4180 requires and, when
/// `isSpreadsheetSafe` is on, defuses cells that a spreadsheet would run as formulas.
///
/// A sink is a reference type with a single owner: it is not thread-safe, and parallel writers
/// should each fill their own sink and concatenate the results.
///
/// ```swift
/// let sink = ByteSink()
/// sink.append("store_id,units\n")
/// sink.appendField("Store 7, Riverside")
/// sink.appendComma()
/// sink.appendInt(42)
/// sink.appendNewline()          // "\"Store 7, Riverside\",42\n"
/// ```
public final class ByteSink {
  @usableFromInline var storage: UnsafeMutablePointer<UInt8>
  @usableFromInline var capacity: Int
  /// Number of bytes written so far.
  public private(set) var count: Int

  /// When `true`, `appendField(_:)` puts an apostrophe before text that starts with `=`, `+`, `-`,
  /// `@`, a tab or a carriage return, so spreadsheets show it as text instead of evaluating it
  /// (the OWASP "CSV injection" advice). Numbers written with `appendInt`/`appendDecimal` are
  /// never touched.
  public var isSpreadsheetSafe: Bool

  /// Creates an empty sink.
  /// - Parameters:
  ///   - initialCapacityBytes: bytes to allocate up front; the sink grows by doubling past it.
  ///   - spreadsheetSafe: the initial value of `isSpreadsheetSafe`.
  public init(initialCapacityBytes: Int = 64 * 1024, spreadsheetSafe: Bool = false) {
    capacity = max(16, initialCapacityBytes)
    storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    count = 0
    isSpreadsheetSafe = spreadsheetSafe
  }

  deinit { storage.deallocate() }

  // MARK: - Capacity

  /// Makes room for at least `additionalBytes` more bytes without further reallocation.
  @inlinable
  public func reserve(additionalBytes: Int) {
    if count &+ additionalBytes > capacity { grow(toAtLeast: count + additionalBytes) }
  }

  @usableFromInline
  func grow(toAtLeast minimumCapacity: Int) {
    var newCapacity = capacity
    while newCapacity < minimumCapacity { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  /// Forgets the contents, keeping the allocation for reuse.
  public func removeAll() { count = 0 }

  @usableFromInline
  func advance(by written: Int) { count &+= written }

  // MARK: - Raw bytes

  /// Appends one byte.
  @inlinable
  public func append(_ byte: UInt8) {
    reserve(additionalBytes: 1)
    storage[count] = byte
    advance(by: 1)
  }

  /// Appends `byteCount` bytes starting at `bytes`.
  @inlinable
  public func append(_ bytes: UnsafePointer<UInt8>, count byteCount: Int) {
    reserve(additionalBytes: byteCount)
    (storage + count).update(from: bytes, count: byteCount)
    advance(by: byteCount)
  }

  /// Appends the bytes of an array.
  @inlinable
  public func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { append(base, count: buffer.count) }
    }
  }

  /// Appends the UTF-8 bytes of a literal, e.g. a header line.
  @inlinable
  public func append(_ text: StaticString) {
    if text.hasPointerRepresentation {
      append(text.utf8Start, count: text.utf8CodeUnitCount)
    } else {
      text.withUTF8Buffer { buffer in
        if let base = buffer.baseAddress { append(base, count: buffer.count) }
      }
    }
  }

  /// Appends the UTF-8 bytes of `text` verbatim (no quoting; see `appendField(_:)` for that).
  public func append(utf8 text: String) {
    var copy = text
    copy.withUTF8 { buffer in
      if let base = buffer.baseAddress { append(base, count: buffer.count) }
    }
  }

  /// Lets `body` write directly into the sink: it receives room for `maximumBytes` bytes and
  /// returns how many it wrote (at most `maximumBytes`), which become part of the contents.
  @inlinable
  public func appendDirectly(
    maximumBytes: Int, _ body: (UnsafeMutablePointer<UInt8>) throws -> Int
  ) rethrows {
    reserve(additionalBytes: maximumBytes)
    let written = try body(storage + count)
    precondition(written >= 0 && written <= maximumBytes, "appendDirectly wrote out of bounds")
    advance(by: written)
  }

  /// Appends `,`.
  @inlinable
  public func appendComma() { append(UInt8(ascii: ",")) }

  /// Appends `\n` (CSV rows end in a bare line feed).
  @inlinable
  public func appendNewline() { append(UInt8(ascii: "\n")) }

  // MARK: - Reading

  /// Calls `body` with the bytes written so far. The pointer is valid only inside `body`.
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: storage, count: count))
  }

  /// Calls `body` with the bytes in `range` (offsets into the contents).
  /// - Precondition: `range` lies within `0...count`.
  public func withUnsafeBytes<R>(
    in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R
  ) rethrows -> R {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the sink")
    return try body(UnsafeRawBufferPointer(start: storage + range.lowerBound, count: range.count))
  }

  /// The contents decoded as UTF-8, for tests and diagnostics (not for hot paths).
  public var text: String {
    String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
  }
}
