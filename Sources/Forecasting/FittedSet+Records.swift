import DemandCore
import Foundation
import Models

/// The bytes of one chunk of format version 2: the chunk's fitted models as JSON (they are
/// `Codable` values of many types, rebuilt through the `MethodCatalog`), then one compact binary
/// record per series for everything else (keys, reasons, residual sketches, backtest sums: 94 %
/// of a version-1 set's bytes, which JSON made the bulk of the decoding time).
///
/// Integers are little-endian; `Int` is written as `Int64`, `Double` and `Float` as their IEEE
/// 754 bit patterns (`UInt64`, `UInt32`), so numbers round-trip exactly. A string is a `UInt32`
/// byte count then UTF-8; a list is a `UInt32` count then its elements.
///
/// ```
/// chunk     = UInt64 M, M bytes: JSON array of FittedCandidate ({"kind","model"}), one per
///             `.series` candidate of the chunk in record order; UInt32 N, N × series
/// series    = string store, string sku, string category, string kind (SeriesFit.Kind raw
///             value), string reason, sketch residuals, UInt8 hasBacktest (0 or 1), [if 1:
///             Int series, Int points, Double sumActual, Double sumAbsoluteError,
///             Double sumSquaredError, Double sumError], list chosen, list others (candidates)
/// candidate = UInt8 source (0 the category's ridge, 1 the next model of the JSON array),
///             string name, string family (ModelFamily raw value), Double backtestRMSE,
///             sketch residuals
/// sketch    = Int count, list of Float quantiles
/// ```
enum ChunkRecords {
  /// Why a chunk's bytes could not be read.
  struct Malformed: Error {
    let reason: String
  }

  /// The bytes of a chunk holding `series`.
  static func encode(_ series: ArraySlice<SeriesFit>, encoder: JSONEncoder) throws -> Data {
    var records = RecordWriter()
    var models: [FittedCandidate] = []
    records.count(series.count)
    for fit in series {
      records.string(fit.key.store.rawValue)
      records.string(fit.key.sku.rawValue)
      records.string(fit.category)
      records.string(fit.kind.rawValue)
      records.string(fit.reason)
      records.sketch(fit.residuals)
      if let tally = fit.backtest {
        records.byte(1)
        records.int(tally.series)
        records.int(tally.points)
        for sum in [tally.sumActual, tally.sumAbsoluteError, tally.sumSquaredError, tally.sumError]
        {
          records.double(sum)
        }
      } else {
        records.byte(0)
      }
      for candidates in [fit.chosen, fit.others] {
        records.count(candidates.count)
        for candidate in candidates {
          switch candidate.source {
          case .ridge: records.byte(0)
          case .series(let model):
            records.byte(1)
            models.append(model)
          }
          records.string(candidate.name)
          records.string(candidate.family.rawValue)
          records.double(candidate.backtestRMSE)
          records.sketch(candidate.residuals)
        }
      }
    }
    let json = try encoder.encode(models)
    var chunk = RecordWriter()
    chunk.uint64(UInt64(json.count))
    var data = Data(chunk.bytes)
    data.append(json)
    data.append(contentsOf: records.bytes)
    return data
  }

  /// The series of a chunk written by `encode`.
  static func decode(_ data: Data, decoder: JSONDecoder) throws(Malformed) -> [SeriesFit] {
    var reader = RecordReader(bytes: [UInt8](data))
    let jsonLength = try reader.length(reader.uint64())
    let jsonRange = try reader.take(jsonLength)
    let models: [FittedCandidate]
    do {
      models = try decoder.decode(
        [FittedCandidate].self,
        from: data[data.startIndex + jsonRange.lowerBound..<data.startIndex + jsonRange.upperBound])
    } catch {
      throw Malformed(reason: "its models are unreadable: \(error)")
    }
    var nextModel = 0
    func candidates() throws(Malformed) -> [CandidateFit] {
      let count = try reader.count(minimumBytesEach: 25)
      var result: [CandidateFit] = []
      result.reserveCapacity(count)
      for _ in 0..<count {
        let source: CandidateFit.Source
        switch try reader.byte() {
        case 0: source = .ridge
        case 1:
          guard nextModel < models.count else {
            throw Malformed(reason: "more series candidates than the \(models.count) models")
          }
          source = .series(models[nextModel])
          nextModel += 1
        case let other: throw Malformed(reason: "candidate source \(other)")
        }
        let name = try reader.string()
        let familyName = try reader.string()
        guard let family = ModelFamily(rawValue: familyName) else {
          throw Malformed(reason: "unknown model family \(familyName)")
        }
        result.append(
          CandidateFit(
            source: source, name: name, family: family, backtestRMSE: try reader.double(),
            residuals: try reader.sketch()))
      }
      return result
    }
    let seriesCount = try reader.count(minimumBytesEach: 40)
    var series: [SeriesFit] = []
    series.reserveCapacity(seriesCount)
    for _ in 0..<seriesCount {
      let key = SeriesKey(store: StoreID(try reader.string()), sku: SKUID(try reader.string()))
      let category = try reader.string()
      let kindName = try reader.string()
      guard let kind = SeriesFit.Kind(rawValue: kindName) else {
        throw Malformed(reason: "unknown series kind \(kindName)")
      }
      let reason = try reader.string()
      let residuals = try reader.sketch()
      var backtest: BacktestTally? = nil
      switch try reader.byte() {
      case 0: break
      case 1:
        var tally = BacktestTally()
        tally.series = try reader.int()
        tally.points = try reader.int()
        tally.sumActual = try reader.double()
        tally.sumAbsoluteError = try reader.double()
        tally.sumSquaredError = try reader.double()
        tally.sumError = try reader.double()
        backtest = tally
      case let other: throw Malformed(reason: "backtest marker \(other)")
      }
      series.append(
        SeriesFit(
          key: key, category: category, kind: kind, chosen: try candidates(),
          others: try candidates(), residuals: residuals, reason: reason, backtest: backtest))
    }
    guard nextModel == models.count else {
      throw Malformed(reason: "\(models.count - nextModel) models belong to no candidate")
    }
    guard reader.isAtEnd else {
      throw Malformed(reason: "\(reader.remaining) bytes follow the last series")
    }
    return series
  }
}

/// Appends the primitives of the chunk records.
struct RecordWriter {
  var bytes: [UInt8] = []

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  mutating func uint32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  mutating func uint64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
  mutating func double(_ value: Double) { uint64(value.bitPattern) }

  /// - Precondition: fewer than 2³² elements (a chunk holds at most 1,024 series).
  mutating func count(_ value: Int) {
    guard let count = UInt32(exactly: value) else { preconditionFailure("count \(value)") }
    uint32(count)
  }

  mutating func string(_ value: String) {
    let utf8 = Array(value.utf8)
    count(utf8.count)
    bytes.append(contentsOf: utf8)
  }

  mutating func sketch(_ sketch: ResidualSketch) {
    int(sketch.count)
    count(sketch.quantiles.count)
    for quantile in sketch.quantiles { uint32(quantile.bitPattern) }
  }
}

/// Reads the primitives of the chunk records, refusing to read past the end.
struct RecordReader {
  let bytes: [UInt8]
  private(set) var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  var remaining: Int { bytes.count - index }
  var isAtEnd: Bool { index == bytes.count }

  mutating func take(_ count: Int) throws(ChunkRecords.Malformed) -> Range<Int> {
    guard count >= 0, count <= remaining else {
      throw ChunkRecords.Malformed(
        reason: "it ends early (\(count) bytes wanted at offset \(index), \(remaining) left)")
    }
    defer { index += count }
    return index..<index + count
  }

  mutating func byte() throws(ChunkRecords.Malformed) -> UInt8 {
    bytes[try take(1).lowerBound]
  }

  mutating func uint32() throws(ChunkRecords.Malformed) -> UInt32 {
    var value: UInt32 = 0
    for (shift, position) in try take(4).enumerated() {
      value |= UInt32(bytes[position]) << (8 * shift)
    }
    return value
  }

  mutating func uint64() throws(ChunkRecords.Malformed) -> UInt64 {
    var value: UInt64 = 0
    for (shift, position) in try take(8).enumerated() {
      value |= UInt64(bytes[position]) << (8 * shift)
    }
    return value
  }

  mutating func int() throws(ChunkRecords.Malformed) -> Int {
    Int(truncatingIfNeeded: Int64(bitPattern: try uint64()))
  }

  mutating func double() throws(ChunkRecords.Malformed) -> Double {
    Double(bitPattern: try uint64())
  }

  /// A length that fits in what is left.
  func length(_ value: UInt64) throws(ChunkRecords.Malformed) -> Int {
    guard value <= UInt64(remaining) else {
      throw ChunkRecords.Malformed(reason: "a length of \(value) bytes, \(remaining) left")
    }
    return Int(value)
  }

  /// A list's count, refused when its elements of at least `minimumBytesEach` cannot fit.
  mutating func count(minimumBytesEach: Int) throws(ChunkRecords.Malformed) -> Int {
    let count = Int(try uint32())
    guard count * minimumBytesEach <= remaining else {
      throw ChunkRecords.Malformed(
        reason: "a list of \(count) elements at offset \(index), \(remaining) bytes left")
    }
    return count
  }

  mutating func string() throws(ChunkRecords.Malformed) -> String {
    let range = try take(try count(minimumBytesEach: 1))
    return String(decoding: bytes[range], as: UTF8.self)
  }

  mutating func sketch() throws(ChunkRecords.Malformed) -> ResidualSketch {
    var sketch = ResidualSketch.empty
    sketch.count = try int()
    let count = try self.count(minimumBytesEach: 4)
    var quantiles: [Float] = []
    quantiles.reserveCapacity(count)
    for _ in 0..<count { quantiles.append(Float(bitPattern: try uint32())) }
    sketch.quantiles = quantiles
    return sketch
  }
}
