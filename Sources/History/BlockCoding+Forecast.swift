import DemandCore
import Foundation

/// The stored form of a `ForecastBlock` (tag `SCF1`).
///
/// After the tag and the UInt32 series count: a UInt32 day count; the SKU keys (increasing, as
/// in demand blocks); the model labels as a table of distinct UTF-8 strings (UInt32 count, then
/// each as a UInt32 byte length and its bytes) followed by one UInt32 table index per series;
/// then the p10, p50, p90 and mean columns, `count × dayCount` Float32 values each, series-major.
/// A float column is written with code 0 (every value +0.0), 1 (raw little-endian Float32) or
/// 3 (sparse: UInt32 non-zero count, UInt32 indices, Float32 values), whichever is smallest; p10
/// of slow movers is mostly zero. Every encoding decodes to exactly the bits written.
extension BlockCoding {
  static let forecastTag: [UInt8] = Array("SCF1".utf8)
}

extension BlockCoding.Writer {
  mutating func appendFloats(_ values: [Float]) {
    var nonZero = 0
    for v in values where v.bitPattern != 0 { nonZero += 1 }
    if nonZero == 0 { return bytes.append(0) }
    if 4 + nonZero * 8 < values.count * 4 {
      bytes.append(3)
      var indices: [UInt32] = []
      var kept: [Float] = []
      indices.reserveCapacity(nonZero)
      kept.reserveCapacity(nonZero)
      for (i, v) in values.enumerated() where v.bitPattern != 0 {
        indices.append(UInt32(i))
        kept.append(v)
      }
      appendRaw([UInt32(nonZero)])
      appendRaw(indices)
      appendRaw(kept)
    } else {
      bytes.append(1)
      appendRaw(values)
    }
  }

  /// Strings as a table of distinct values and one index per entry.
  mutating func appendLabels(_ labels: [String]) {
    var table: [String] = []
    var position: [String: UInt32] = [:]
    var indices: [UInt32] = []
    indices.reserveCapacity(labels.count)
    for label in labels {
      if let index = position[label] {
        indices.append(index)
      } else {
        let index = UInt32(table.count)
        position[label] = index
        table.append(label)
        indices.append(index)
      }
    }
    appendRaw([UInt32(table.count)])
    for label in table {
      let utf8 = Array(label.utf8)
      appendRaw([UInt32(utf8.count)])
      bytes += utf8
    }
    appendRaw(indices)
  }
}

extension BlockCoding.Reader {
  mutating func floats(length: Int) throws(HistoryError) -> [Float] {
    switch try code() {
    case 0: return [Float](repeating: 0, count: length)
    case 1: return try raw(Float.self, count: length)
    case 3:
      let nonZero = Int(try Self.load(UInt32.self, bytes, &offset))
      guard nonZero <= length else { throw .corruptBlock("sparse column larger than its block") }
      let indices = try raw(UInt32.self, count: nonZero)
      let values = try raw(Float.self, count: nonZero)
      var result = [Float](repeating: 0, count: length)
      for (i, index) in indices.enumerated() {
        guard Int(index) < length else { throw .corruptBlock("sparse index out of range") }
        result[Int(index)] = values[i]
      }
      return result
    default: throw .corruptBlock("unknown column encoding")
    }
  }

  mutating func labels() throws(HistoryError) -> [String] {
    let tableCount = Int(try Self.load(UInt32.self, bytes, &offset))
    guard tableCount <= max(count, 1) else { throw .corruptBlock("label table too long") }
    var table: [String] = []
    table.reserveCapacity(tableCount)
    for _ in 0..<tableCount {
      let length = Int(try Self.load(UInt32.self, bytes, &offset))
      let utf8 = try raw(UInt8.self, count: length)
      table.append(String(decoding: utf8, as: UTF8.self))
    }
    return try raw(UInt32.self, count: count).map { (index: UInt32) throws(HistoryError) in
      guard Int(index) < table.count else { throw .corruptBlock("label index out of range") }
      return table[Int(index)]
    }
  }
}

/// A forecast block in its stored form: SKU keys instead of ids, sorted by key.
struct StoredForecastBlock {
  var skuKeys: [Int32]
  var dayCount: Int
  var models: [String]
  var p10: [Float]
  var p50: [Float]
  var p90: [Float]
  var mean: [Float]

  var count: Int { skuKeys.count }

  /// `block` with its SKUs replaced by their keys and reordered by key.
  /// - Throws: `HistoryError.unknownSKU` for a SKU not in `keys`.
  init(_ block: ForecastBlock, keys: [SKUID: Int32]) throws(HistoryError) {
    var order: [(key: Int32, index: Int)] = []
    order.reserveCapacity(block.count)
    for (index, sku) in block.skus.enumerated() {
      guard let key = keys[sku] else { throw .unknownSKU(sku.rawValue) }
      order.append((key, index))
    }
    order.sort { $0.key < $1.key }
    for i in order.indices.dropFirst() where order[i].key == order[i - 1].key {
      throw .corruptBlock("SKU \(block.skus[order[i].index].rawValue) appears twice in a block")
    }
    let n = block.dayCount
    func permuted(_ column: [Float]) -> [Float] {
      var result: [Float] = []
      result.reserveCapacity(column.count)
      for entry in order { result += column[(entry.index * n)..<((entry.index + 1) * n)] }
      return result
    }
    skuKeys = order.map(\.key)
    dayCount = n
    models = order.map { block.models[$0.index] }
    p10 = permuted(block.p10)
    p50 = permuted(block.p50)
    p90 = permuted(block.p90)
    mean = permuted(block.mean)
  }

  func encoded() -> Data {
    var writer = BlockCoding.Writer(tag: BlockCoding.forecastTag, count: count)
    writer.appendRaw([UInt32(dayCount)])
    writer.appendKeys(skuKeys)
    writer.appendLabels(models)
    writer.appendFloats(p10)
    writer.appendFloats(p50)
    writer.appendFloats(p90)
    writer.appendFloats(mean)
    return writer.data
  }

  init(decoding data: Data) throws(HistoryError) {
    var reader = try BlockCoding.Reader(data: data, tag: BlockCoding.forecastTag)
    dayCount = Int(try BlockCoding.Reader.load(UInt32.self, reader.bytes, &reader.offset))
    guard dayCount >= 1 else { throw .corruptBlock("a forecast block without target days") }
    let length = reader.count * dayCount
    skuKeys = try reader.keys()
    models = try reader.labels()
    p10 = try reader.floats(length: length)
    p50 = try reader.floats(length: length)
    p90 = try reader.floats(length: length)
    mean = try reader.floats(length: length)
  }
}
