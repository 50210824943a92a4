import DemandCore
import Foundation

/// The binary layout of blocks stored as BLOBs.
///
/// A 4-byte tag, a UInt32 row count, then each column in turn, each starting with a one-byte
/// encoding chosen per column to keep the database small (a month of a 200 × 500 chain is ~5
/// million store/SKU/day cells; the write volume is what bounds ingest once parsing is fast):
///
/// | code | meaning |
/// |---|---|
/// | 0 | every value is zero; nothing follows |
/// | 1 | raw values, little-endian, `count × stride` bytes |
/// | 2 | whole numbers that fit Int32 (Double columns) or UInt16 (Int32 columns), dense |
/// | 3 | sparse: UInt32 non-zero count, UInt32 row indices, then raw values |
/// | 4 | increasing Int32 keys as UInt16 deltas from the previous key (first from 0) |
///
/// Every encoding decodes to exactly the values written (Double bit patterns included).
enum BlockCoding {
  static let demandTag: [UInt8] = Array("SCD2".utf8)
  static let inventoryTag: [UInt8] = Array("SCI2".utf8)

  struct Writer {
    var bytes: [UInt8] = []
    init(tag: [UInt8], count: Int) {
      bytes.reserveCapacity(8 + count * 24)
      bytes += tag
      appendRaw([UInt32(count)])
    }

    mutating func appendRaw<T: BitwiseCopyable>(_ values: [T]) {
      values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Keys: delta-coded when every step fits in 16 bits, raw otherwise.
    mutating func appendKeys(_ keys: [Int32]) {
      var previous: Int32 = 0
      var deltas: [UInt16] = []
      deltas.reserveCapacity(keys.count)
      for key in keys {
        let step = Int64(key) - Int64(previous)
        guard step >= 0, step <= Int64(UInt16.max) else {
          bytes.append(1)
          appendRaw(keys)
          return
        }
        deltas.append(UInt16(step))
        previous = key
      }
      bytes.append(4)
      appendRaw(deltas)
    }

    mutating func appendDoubles(_ values: [Double]) {
      var nonZero = 0
      var whole = true
      for v in values {
        if v.bitPattern != 0 { nonZero += 1 }
        if whole,
          !(v.rounded() == v && abs(v) <= Double(Int32.max) && v.bitPattern != (-0.0).bitPattern)
        {
          whole = false
        }
      }
      if nonZero == 0 { return bytes.append(0) }
      let sparseBytes = 4 + nonZero * 12
      let denseBytes = whole ? values.count * 4 : values.count * 8
      if sparseBytes < denseBytes {
        bytes.append(3)
        appendSparse(values) { $0.bitPattern != 0 }
      } else if whole {
        bytes.append(2)
        appendRaw(values.map { Int32($0) })
      } else {
        bytes.append(1)
        appendRaw(values)
      }
    }

    mutating func appendCounts(_ values: [Int32]) {
      var nonZero = 0
      var small = true
      for v in values {
        if v != 0 { nonZero += 1 }
        if v < 0 || v > Int32(UInt16.max) { small = false }
      }
      if nonZero == 0 { return bytes.append(0) }
      let sparseBytes = 4 + nonZero * 8
      let denseBytes = values.count * (small ? 2 : 4)
      if sparseBytes < denseBytes {
        bytes.append(3)
        appendSparse(values) { $0 != 0 }
      } else if small {
        bytes.append(2)
        appendRaw(values.map { UInt16($0) })
      } else {
        bytes.append(1)
        appendRaw(values)
      }
    }

    mutating func appendFlags(_ values: [UInt8]) {
      let nonZero = values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
      if nonZero == 0 { return bytes.append(0) }
      if 4 + nonZero * 5 < values.count {
        bytes.append(3)
        appendSparse(values) { $0 != 0 }
      } else {
        bytes.append(1)
        appendRaw(values)
      }
    }

    private mutating func appendSparse<T: BitwiseCopyable>(_ values: [T], _ isNonZero: (T) -> Bool)
    {
      let indices = values.indices.filter { isNonZero(values[$0]) }.map { UInt32($0) }
      appendRaw([UInt32(indices.count)])
      appendRaw(indices)
      appendRaw(indices.map { values[Int($0)] })
    }

    var data: Data { Data(bytes) }
  }

  struct Reader {
    let bytes: [UInt8]
    var offset = 0
    let count: Int

    init(data: Data, tag: [UInt8]) throws(HistoryError) {
      bytes = [UInt8](data)
      guard bytes.count >= 8, Array(bytes[0..<4]) == tag else {
        throw .corruptBlock("unknown block tag")
      }
      offset = 4
      count = Int(try Reader.load(UInt32.self, bytes, &offset))
    }

    static func load<T: BitwiseCopyable>(_: T.Type, _ bytes: [UInt8], _ offset: inout Int)
      throws(HistoryError) -> T
    {
      let size = MemoryLayout<T>.size
      guard offset + size <= bytes.count else { throw .corruptBlock("block ends early") }
      let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
      offset += size
      return value
    }

    mutating func raw<T: BitwiseCopyable>(_: T.Type, count n: Int) throws(HistoryError) -> [T] {
      let length = n * MemoryLayout<T>.stride
      guard n >= 0, offset + length <= bytes.count else { throw .corruptBlock("block ends early") }
      let start = offset
      let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
        bytes.withUnsafeBytes { source in
          UnsafeMutableRawBufferPointer(buffer).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: source[start..<(start + length)]))
        }
        initialized = n
      }
      offset += length
      return values
    }

    mutating func code() throws(HistoryError) -> UInt8 {
      try Reader.load(UInt8.self, bytes, &offset)
    }

    mutating func sparse<T: BitwiseCopyable>(_: T.Type, zero: T) throws(HistoryError) -> [T] {
      let nonZero = Int(try Reader.load(UInt32.self, bytes, &offset))
      guard nonZero <= count else { throw .corruptBlock("sparse column larger than its block") }
      let indices = try raw(UInt32.self, count: nonZero)
      let values = try raw(T.self, count: nonZero)
      var result = [T](repeating: zero, count: count)
      for (i, index) in indices.enumerated() {
        guard Int(index) < count else { throw .corruptBlock("sparse index out of range") }
        result[Int(index)] = values[i]
      }
      return result
    }

    mutating func keys() throws(HistoryError) -> [Int32] {
      switch try code() {
      case 1: return try raw(Int32.self, count: count)
      case 4:
        var previous: Int32 = 0
        return try raw(UInt16.self, count: count).map {
          previous += Int32($0)
          return previous
        }
      default: throw .corruptBlock("unknown key encoding")
      }
    }

    mutating func doubles() throws(HistoryError) -> [Double] {
      switch try code() {
      case 0: return [Double](repeating: 0, count: count)
      case 1: return try raw(Double.self, count: count)
      case 2: return try raw(Int32.self, count: count).map(Double.init)
      case 3: return try sparse(Double.self, zero: 0)
      default: throw .corruptBlock("unknown column encoding")
      }
    }

    mutating func counts() throws(HistoryError) -> [Int32] {
      switch try code() {
      case 0: return [Int32](repeating: 0, count: count)
      case 1: return try raw(Int32.self, count: count)
      case 2: return try raw(UInt16.self, count: count).map(Int32.init)
      case 3: return try sparse(Int32.self, zero: 0)
      default: throw .corruptBlock("unknown column encoding")
      }
    }

    mutating func flags() throws(HistoryError) -> [UInt8] {
      switch try code() {
      case 0: return [UInt8](repeating: 0, count: count)
      case 1: return try raw(UInt8.self, count: count)
      case 3: return try sparse(UInt8.self, zero: 0)
      default: throw .corruptBlock("unknown column encoding")
      }
    }
  }
}

extension DemandBlock {
  func encoded() -> Data {
    var writer = BlockCoding.Writer(tag: BlockCoding.demandTag, count: count)
    writer.appendKeys(skuKeys)
    writer.appendDoubles(unitsSold)
    writer.appendDoubles(unitsReturned)
    writer.appendDoubles(revenue)
    writer.appendCounts(lines)
    writer.appendCounts(promoLines)
    writer.appendFlags(stockout)
    return writer.data
  }

  package init(storeKey: Int32, day: Day, decoding data: Data) throws(HistoryError) {
    var reader = try BlockCoding.Reader(data: data, tag: BlockCoding.demandTag)
    self.init(
      storeKey: storeKey, day: day, skuKeys: try reader.keys(), unitsSold: try reader.doubles(),
      unitsReturned: try reader.doubles(), revenue: try reader.doubles(),
      lines: try reader.counts(), promoLines: try reader.counts(), stockout: try reader.flags())
  }
}

extension InventoryBlock {
  func encoded() -> Data {
    var writer = BlockCoding.Writer(tag: BlockCoding.inventoryTag, count: count)
    writer.appendKeys(skuKeys)
    writer.appendDoubles(onHand)
    writer.appendDoubles(onOrder)
    return writer.data
  }

  package init(storeKey: Int32, day: Day, decoding data: Data) throws(HistoryError) {
    var reader = try BlockCoding.Reader(data: data, tag: BlockCoding.inventoryTag)
    self.init(
      storeKey: storeKey, day: day, skuKeys: try reader.keys(), onHand: try reader.doubles(),
      onOrder: try reader.doubles())
  }
}
