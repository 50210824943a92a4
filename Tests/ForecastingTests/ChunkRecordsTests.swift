import DemandCore
import Foundation
import XCTest

@testable import Forecasting

/// The binary records of a version-2 chunk, read back exactly or refused when cut short.
final class ChunkRecordsTests: XCTestCase {
  func chunk() throws -> (series: [SeriesFit], bytes: Data) {
    let series = try FittedSetFormatTests.largeSet(count: 9).series
    return (series, try ChunkRecords.encode(series[...], encoder: FittedSet.jsonEncoder()))
  }

  func decode(_ bytes: Data) throws -> [SeriesFit] {
    try ChunkRecords.decode(bytes, decoder: FittedSet.jsonDecoder(catalog: TrainerTests.catalog()))
  }

  func testAChunkReadsBackEveryField() throws {
    let (series, bytes) = try chunk()
    let decoded = try decode(bytes)
    XCTAssertEqual(decoded.count, 9)
    // Re-encoding compares every field, models included; spot checks name what matters.
    XCTAssertEqual(try ChunkRecords.encode(decoded[...], encoder: FittedSet.jsonEncoder()), bytes)
    XCTAssertEqual(decoded.map(\.reason), series.map(\.reason))
    XCTAssertEqual(decoded.map(\.backtest), series.map(\.backtest))
    XCTAssertTrue(series.contains { $0.backtest == nil }, "a series without a backtest")
    XCTAssertTrue(
      series.flatMap(\.chosen).contains {
        if case .series = $0.source { return true } else { return false }
      }, "a candidate with its own model")
  }

  func testACutChunkIsRefusedNotMisread() throws {
    let bytes = try chunk().bytes
    for length in [0, 3, 8, 20, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
      XCTAssertThrowsError(try decode(bytes.prefix(length)), "cut at \(length)") { error in
        XCTAssertNotNil(error as? ChunkRecords.Malformed, "\(error)")
      }
    }
  }

  func testTrailingBytesInAChunkAreRefused() throws {
    XCTAssertThrowsError(try decode(try chunk().bytes + Data([7]))) { error in
      XCTAssertEqual((error as? ChunkRecords.Malformed)?.reason, "1 bytes follow the last series")
    }
  }
}
