import DemandCore

import Foundation

/// The binary layout of blocks stored as BLOBs: a 4-byte tag, a UInt32 count, then each column's
/// values back to back, little-endian (the byte order of every platform Swift targets here).
enum BlockCoding {
  static let demandTag: [UInt8] = Array("SCD1".utf8)
  static let inventoryTag: [UInt8] = Array("SCI1".utf8)

  struct Writer {
    var bytes: [UInt8] = []
    init(tag: [UInt8], count: Int) {
      bytes.reserveCapacity(8 + count * 40)
      bytes += tag
      append([UInt32(count)])
    }
    mutating func append<T: BitwiseCopyable>(_ values: [T]) {
      values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
    var data: Data { Data(bytes) }
  }

  struct Reader {
    let data: Data
    var offset = 0
    let count: Int

    init(data: Data, tag: [UInt8]) throws(HistoryError) {
      self.data = data
      guard data.count >= 8, Array(data.prefix(4)) == tag else {
        throw .corruptBlock("unknown block tag")
      }
      offset = 4
      var n: UInt32 = 0
      withUnsafeMutableBytes(of: &n) {
        data.copyBytes(to: $0, from: (data.startIndex + 4)..<(data.startIndex + 8))
      }
      count = Int(n)
      offset = 8
    }

    mutating func read<T: BitwiseCopyable>(_: T.Type) throws(HistoryError) -> [T] {
      let length = count * MemoryLayout<T>.stride
      guard offset + length <= data.count else { throw .corruptBlock("block shorter than its count") }
      let start = data.startIndex + offset
      let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        data.copyBytes(to: UnsafeMutableRawBufferPointer(buffer), from: start..<(start + length))
        initialized = count
      }
      offset += length
      return values
    }
  }
}

extension DemandBlock {
  func encoded() -> Data {
    var writer = BlockCoding.Writer(tag: BlockCoding.demandTag, count: count)
    writer.append(skuKeys)
    writer.append(unitsSold)
    writer.append(unitsReturned)
    writer.append(revenue)
    writer.append(lines)
    writer.append(promoLines)
    writer.append(stockout)
    return writer.data
  }

  init(storeKey: Int32, day: Day, decoding data: Data) throws(HistoryError) {
    var reader = try BlockCoding.Reader(data: data, tag: BlockCoding.demandTag)
    self.init(
      storeKey: storeKey, day: day, skuKeys: try reader.read(Int32.self),
      unitsSold: try reader.read(Double.self), unitsReturned: try reader.read(Double.self),
      revenue: try reader.read(Double.self), lines: try reader.read(Int32.self),
      promoLines: try reader.read(Int32.self), stockout: try reader.read(UInt8.self))
  }
}

extension InventoryBlock {
  func encoded() -> Data {
    var writer = BlockCoding.Writer(tag: BlockCoding.inventoryTag, count: count)
    writer.append(skuKeys)
    writer.append(onHand)
    writer.append(onOrder)
    return writer.data
  }

  init(storeKey: Int32, day: Day, decoding data: Data) throws(HistoryError) {
    var reader = try BlockCoding.Reader(data: data, tag: BlockCoding.inventoryTag)
    self.init(
      storeKey: storeKey, day: day, skuKeys: try reader.read(Int32.self),
      onHand: try reader.read(Double.self), onOrder: try reader.read(Double.self))
  }
}
