import DemandCore
import Tabular

/// Byte spellings reused in every row, so hot loops copy bytes instead of formatting text.
///
/// Every identifier of a kind has the same width (ids are zero-padded), so the tables are flat
/// buffers of fixed-width slots. The buffers are written once in `init` and only read after,
/// which is why sharing them across threads is safe.
final class RowTemplates: @unchecked Sendable {
  /// Width of a store id (`S001` = 4).
  let storeIDWidth: Int
  /// Width of a SKU id (`P00001` = 6).
  let skuIDWidth: Int
  /// Store ids, each followed by a comma: slot `i` starts at `i * (storeIDWidth + 1)`.
  let storeIDs: UnsafeMutablePointer<UInt8>
  /// SKU ids, each followed by a comma: slot `i` starts at `i * (skuIDWidth + 1)`.
  let skuIDs: UnsafeMutablePointer<UInt8>
  /// `YYYY-MM-DD` for every day of the timeline, 10 bytes each.
  let isoDates: UnsafeMutablePointer<UInt8>
  /// `YYYYMMDD` for every day of the timeline, 8 bytes each (for transaction ids).
  let compactDates: UnsafeMutablePointer<UInt8>

  init(catalog: ChainCatalog) {
    storeIDWidth = catalog.stores.first?.id.rawValue.utf8.count ?? 4
    skuIDWidth = catalog.skus.first?.id.rawValue.utf8.count ?? 6
    storeIDs = RowTemplates.copy(catalog.stores.flatMap { Array($0.id.rawValue.utf8) + [44] })
    skuIDs = RowTemplates.copy(catalog.skus.flatMap { Array($0.id.rawValue.utf8) + [44] })
    let dayCount = catalog.configuration.timelineDayCount
    isoDates = .allocate(capacity: dayCount * 10)
    compactDates = .allocate(capacity: dayCount * 8)
    for index in 0..<dayCount {
      let text = isoDates + index * 10
      catalog.configuration.start.adding(days: index).writeISO(into: text)
      let digits = compactDates + index * 8
      digits.initialize(from: text, count: 4)
      (digits + 4).initialize(from: text + 5, count: 2)
      (digits + 6).initialize(from: text + 8, count: 2)
    }
  }

  deinit {
    storeIDs.deallocate()
    skuIDs.deallocate()
    isoDates.deallocate()
    compactDates.deallocate()
  }

  private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    pointer.initialize(from: bytes, count: bytes.count)
    return pointer
  }

  /// The store id and its comma for store `index` (`storeIDWidth + 1` bytes).
  @inline(__always)
  func storeID(_ index: Int) -> UnsafeMutablePointer<UInt8> {
    storeIDs + index * (storeIDWidth + 1)
  }

  /// The SKU id and its comma for SKU `index` (`skuIDWidth + 1` bytes).
  @inline(__always)
  func skuID(_ index: Int) -> UnsafeMutablePointer<UInt8> { skuIDs + index * (skuIDWidth + 1) }

  /// `YYYY-MM-DD` for day index `index` (10 bytes).
  @inline(__always)
  func isoDate(_ index: Int) -> UnsafeMutablePointer<UInt8> { isoDates + index * 10 }

  /// `YYYYMMDD` for day index `index` (8 bytes).
  @inline(__always)
  func compactDate(_ index: Int) -> UnsafeMutablePointer<UInt8> { compactDates + index * 8 }
}

/// Writes bytes at a raw pointer, for hot loops that first reserved room with
/// `ByteSink.appendDirectly(maximumBytes:_:)`. It never checks bounds: callers size the room.
struct RowCursor {
  private(set) var pointer: UnsafeMutablePointer<UInt8>
  private let start: UnsafeMutablePointer<UInt8>

  init(_ pointer: UnsafeMutablePointer<UInt8>) {
    self.pointer = pointer
    start = pointer
  }

  /// Bytes written so far.
  var written: Int { pointer - start }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    pointer.pointee = byte
    pointer += 1
  }

  @inline(__always)
  mutating func put(_ bytes: UnsafePointer<UInt8>, count: Int) {
    pointer.update(from: bytes, count: count)
    pointer += count
  }

  /// Writes a non-negative integer, left-padded with zeros to `minimumDigits`.
  /// - Precondition: `value >= 0`.
  @inline(__always)
  mutating func put(digitsOf value: Int, minimumDigits: Int = 1) {
    put(unsigned: UInt64(value), minimumDigits: minimumDigits)
  }

  /// Writes an integer, with `-` when negative.
  @inline(__always)
  mutating func put(signed value: Int) {
    if value < 0 { put(UInt8(ascii: "-")) }
    put(unsigned: UInt64(value.magnitude), minimumDigits: 1)
  }

  @inline(__always)
  private mutating func put(unsigned value: UInt64, minimumDigits: Int) {
    pointer += ByteSink.writeDigits(value, minimumDigits: minimumDigits, to: pointer)
  }

  /// Writes `thousandths / 1000` with exactly three decimals (`1234` → `1.234`).
  /// - Precondition: `thousandths >= 0`.
  @inline(__always)
  mutating func put(thousandths: Int) {
    put(digitsOf: thousandths / 1000)
    put(UInt8(ascii: "."))
    put(digitsOf: thousandths % 1000, minimumDigits: 3)
  }
}
