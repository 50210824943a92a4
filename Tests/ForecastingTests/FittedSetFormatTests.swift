import DemandCore
import Forecasting
import Foundation
import Models
import XCTest
import _TestSupport

/// Format version 2 (the chunked container) and the reading of version-1 JSON sets.
final class FittedSetFormatTests: XCTestCase {
  static let lastDay = Day(iso: "2026-06-30")!
  let lastDay = FittedSetFormatTests.lastDay
  let path = "/w/models/fitted-set.json"

  /// Three trained series (a long one, a short one, a new item) and their source.
  static func trainedSet() throws -> (set: FittedSet, source: MemorySource) {
    var random = SplitMix64(seed: 7)
    let level = (0..<100).map { _ in Double(3 + random.next() % 5) }
    let source = MemorySource.oneStore(
      [level, Array(level.prefix(40)), [0, 0, 1, 0, 2]], lastDay: lastDay)
    let trainer = Trainer(
      catalog: TrainerTests.catalog(),
      configuration: ForecastConfiguration(
        horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
        historyWindowDays: 120, ensembleSize: 2),
      ridgeSettings: nil)
    return (try trainer.train(source: source, lastDay: lastDay).fittedSet, source)
  }

  /// The trained series copied under `count` keys over several stores: three chunks of 1,024
  /// series, the last one partial.
  static func largeSet(count: Int = 2_500) throws -> FittedSet {
    let small = try trainedSet().set
    let series = (0..<count).map { index in
      var fit = small.series[index % small.series.count]
      fit.key = SeriesKey(store: StoreID("S\(index / 1000)"), sku: SKUID("P\(index % 1000)"))
      return fit
    }
    return FittedSet(
      configuration: small.configuration, lastTrainingDay: small.lastTrainingDay, series: series,
      regressions: small.regressions)
  }

  func decode(_ data: Data) throws -> FittedSet {
    try FittedSet.decode(data, catalog: TrainerTests.catalog(), path: path)
  }

  func trainedSet() throws -> (set: FittedSet, source: MemorySource) { try Self.trainedSet() }
  func largeSet(count: Int = 2_500) throws -> FittedSet { try Self.largeSet(count: count) }

  /// Asserts that decoding `data` is refused for `path` with a reason containing `fragment`.
  func assertRefused(
    _ data: Data, _ fragment: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try decode(data), file: file, line: line) { error in
      guard case .incompatibleFittedSet(let refusedPath, let reason) = error as? ForecastError
      else { return XCTFail("\(error)", file: file, line: line) }
      XCTAssertEqual(refusedPath, path, file: file, line: line)
      XCTAssertTrue(reason.contains(fragment), "\(reason)", file: file, line: line)
    }
  }

  // MARK: - Round trip and determinism

  func testTheContainerStartsWithItsMagicAndVersion() throws {
    let bytes = Array(try largeSet().encoded().prefix(8))
    XCTAssertEqual(bytes, Array("SCFS".utf8) + [3, 0, 0, 0])
  }

  func testEncodingIsDeterministic() throws {
    let set = try largeSet()
    XCTAssertEqual(try set.encoded(), try set.encoded())
    XCTAssertEqual(try largeSet().encoded(), try set.encoded())
  }

  func testARoundTripKeepsEverySeriesAndTheBytes() throws {
    let set = try largeSet()
    let encoded = try set.encoded()
    let decoded = try decode(encoded)
    XCTAssertEqual(decoded.formatVersion, 3)
    XCTAssertEqual(decoded.series.map(\.key), set.series.map(\.key))
    XCTAssertEqual(decoded.series.map(\.label), set.series.map(\.label))
    XCTAssertEqual(decoded.series.map(\.residuals), set.series.map(\.residuals))
    XCTAssertEqual(decoded.lastTrainingDay, set.lastTrainingDay)
    XCTAssertEqual(try decoded.encoded(), encoded)
  }

  func testAnEmptySetRoundTrips() throws {
    let small = try trainedSet().set
    let empty = FittedSet(
      configuration: small.configuration, lastTrainingDay: lastDay, series: [])
    let decoded = try decode(try empty.encoded())
    XCTAssertEqual(decoded.series.count, 0)
    XCTAssertEqual(try decoded.encoded(), try empty.encoded())
  }

  func testADecodedSetForecastsLikeTheOriginal() throws {
    let (set, source) = try trainedSet()
    let decoded = try decode(try set.encoded())
    let forecast = { (set: FittedSet) in
      try Forecaster(fittedSet: set)
        .forecast(source: source, runDate: self.lastDay, horizon: 7, levels: [0.1, 0.5, 0.9])
        .flatMap(\.series)
    }
    let original = try forecast(set)
    XCTAssertEqual(original.count, 3)
    XCTAssertEqual(try forecast(decoded), original)
  }

  // MARK: - Version 1

  /// A set written by the version-1 writer reads back as the same set.
  func testAVersion1JSONSetStillReads() throws {
    let set = try largeSet(count: 40)
    let json = try set.encodedVersion1()
    XCTAssertEqual(json.first, UInt8(ascii: "{"))
    let decoded = try decode(json)
    XCTAssertEqual(decoded.formatVersion, 1)
    XCTAssertEqual(decoded.series.map(\.key), set.series.map(\.key))
    XCTAssertEqual(try decoded.encoded(), try set.encoded())
  }

  /// The helper writes what version 1 is: one `JSONEncoder` call on the set, sorted keys.
  func testTheVersion1WriterIsTheCodableEncoding() throws {
    var set = try largeSet(count: 40)
    set.formatVersion = 1
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    XCTAssertEqual(try set.encodedVersion1(), try encoder.encode(set))
  }

  func testAnotherJSONVersionIsRefusedNamingIt() {
    assertRefused(
      Data(#"{"configuration":{},"formatVersion" : 99}"#.utf8),
      "format version 99, this build reads 1 (JSON), 2 and 3")
  }

  func testUnreadableJSONIsRefused() {
    assertRefused(Data(#"{"formatVersion":1,"series":[{"#.utf8), "unreadable version-1 JSON")
  }

  // MARK: - Damage

  func testAFlippedByteAnywhereIsRefused() throws {
    let encoded = try largeSet().encoded()
    let header = 16 + Int(encoded[8]) + Int(encoded[9]) << 8 + Int(encoded[10]) << 16
    // In the header, in its digest, in the first chunk, the middle and the last byte.
    let cases: [(Int, String)] = [
      (20, "header's SHA-256"), (header + 5, "header's SHA-256"),
      (header + 32 + 10, "chunk 0's SHA-256"), (encoded.count / 2, "SHA-256"),
      (encoded.count - 1, "chunk 2's SHA-256"),
    ]
    for (offset, fragment) in cases {
      var damaged = encoded
      damaged[offset] ^= 0x01
      assertRefused(damaged, fragment)
    }
  }

  func testATruncatedFileIsRefused() throws {
    let encoded = try largeSet().encoded()
    for length in [4, 20, 200, encoded.count / 2, encoded.count - 1] {
      assertRefused(encoded.prefix(length), "truncated")
    }
  }

  /// `decodeHorizonSpread` reads the header alone: the same spread as the whole decoding, and
  /// still there when the chunks are cut off (the whole decoding refuses that file).
  func testTheHorizonSpreadIsReadFromTheHeaderAlone() throws {
    let trained = try trainedSet().set
    var spread = HorizonSpread(factors: [1, 1.1, 1.3], points: [40, 40, 38])
    spread.cover = CoverSpread(ratios: [1, 1.2], points: [30, 29])
    let set = FittedSet(
      configuration: trained.configuration, lastTrainingDay: trained.lastTrainingDay,
      series: trained.series, regressions: trained.regressions, horizonSpread: spread)
    let encoded = try set.encoded()
    let catalog = TrainerTests.catalog()
    XCTAssertEqual(try FittedSet.decodeHorizonSpread(encoded, catalog: catalog, path: path), spread)
    XCTAssertEqual(try decode(encoded).horizonSpread, spread)
    let headerOnly = encoded.prefix(encoded.count - 1)
    assertRefused(headerOnly, "truncated")
    XCTAssertEqual(
      try FittedSet.decodeHorizonSpread(headerOnly, catalog: catalog, path: path), spread)
    // A damaged header is refused as the whole decoding refuses it.
    var damaged = encoded
    damaged[20] ^= 0xFF
    XCTAssertThrowsError(try FittedSet.decodeHorizonSpread(damaged, catalog: catalog, path: path))
  }

  func testTrailingBytesAreRefused() throws {
    assertRefused(try largeSet().encoded() + Data([0]), "1 bytes follow the last chunk")
  }

  func testAFutureContainerVersionIsRefused() throws {
    var encoded = try largeSet().encoded()
    encoded[4] = 4
    assertRefused(encoded, "format version 4, this build reads 1 (JSON), 2 and 3")
  }

  func testUnknownBytesAreRefusedShowingThem() {
    assertRefused(Data([0x50, 0x4B, 0x03, 0x04, 0x14]), "starts with the bytes 50 4b 03 04 14")
    assertRefused(Data(), "the file is empty")
  }
}

extension FittedSet {
  /// The version-1 writer, as `FittedSet.encoded()` was before format version 2 (commit
  /// e553ef6): one JSON document with sorted keys, the series encoded piecewise.
  func encodedVersion1() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.userInfo[MissingAsNull.omitKey] = true
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let members: [(String, Data)] = [
      ("configuration", try encoder.encode(configuration)),
      ("formatVersion", try encoder.encode(1)),
      ("lastTrainingDay", try encoder.encode(lastTrainingDay)),
      ("regressions", try encoder.encode(regressions)),
    ]
    var data = Data("{".utf8)
    for (name, value) in members {
      data.append(contentsOf: Array("\"\(name)\":".utf8))
      data.append(value)
      data.append(UInt8(ascii: ","))
    }
    data.append(contentsOf: Array("\"series\":[".utf8))
    for (index, fit) in series.enumerated() {
      if index > 0 { data.append(UInt8(ascii: ",")) }
      data.append(try encoder.encode(fit))
    }
    data.append(contentsOf: Array("]}".utf8))
    return data
  }
}
