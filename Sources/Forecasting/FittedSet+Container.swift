import DemandCore
import Foundation
import Models
import _Digest
import _Parallel

/// The byte layout of format versions 2 and 3: a checksummed header, then the series in chunks that
/// are checked and decoded independently, on all cores.
///
/// All integers are unsigned little-endian; offsets are in bytes from the start of the file.
///
/// | Offset        | Bytes | Content                                                         |
/// |---------------|-------|-----------------------------------------------------------------|
/// | 0             | 4     | magic `SCFS` (`53 43 46 53`)                                    |
/// | 4             | 4     | format version, `UInt32` (3; 2 is read)                         |
/// | 8             | 8     | header length *H*, `UInt64`                                     |
/// | 16            | *H*   | header, JSON (sorted keys, no whitespace), see `ContainerHeader`|
/// | 16 + *H*      | 32    | SHA-256 of bytes `0 ..< 16 + H` (prefix and header)             |
/// | 48 + *H*      | …     | the chunks back to back, lengths and SHA-256 in the header      |
///
/// Chunk *i* holds series `i·1024 ..< min(count, (i+1)·1024)` in key order, in the encoding of
/// `ChunkRecords` (`FittedSet+Records.swift`): the chunk's fitted models as JSON, everything
/// else as compact binary records. The file ends right after the last chunk; a shorter or
/// longer file is refused.
///
/// The checksum is SHA-256 (module _Digest) rather than CRC32: it is already what the registry
/// uses for artifacts, needs no second implementation, and costs little (libcrypto uses the
/// CPU's SHA instructions: 1.2 GB/s on the 2-core Intel machine of docs/engineering.md),
/// verified on the core that decodes the chunk. The header's digest covers the chunk table, so
/// every byte of the file is covered.
enum ContainerLayout {
  static let magic: [UInt8] = Array("SCFS".utf8)
  /// Magic, version and header length.
  static let prefixBytes = 16
  /// A SHA-256 digest.
  static let digestBytes = 32
  /// Series per chunk: about 0.4 MB at the chain's mix of models, enough chunks (98 for
  /// 100,000 series) to keep every core busy, few enough that the chunk table stays small.
  static let seriesPerChunk = 1024
}

/// The header of format versions 2 and 3: everything but the series, and the table of chunks.
struct ContainerHeader: Codable {
  /// One chunk of series.
  struct Chunk: Codable {
    /// Series in the chunk.
    var series: Int
    /// Length of the chunk in bytes.
    var bytes: Int
    /// SHA-256 of the chunk's bytes, lowercase hex.
    var sha256: String
  }
  var configuration: ForecastConfiguration
  var lastTrainingDay: Day
  var regressions: [String: DirectRidge]
  /// Absent in version 2.
  var horizonSpread: HorizonSpread?
  var seriesCount: Int
  var chunks: [Chunk]
}

extension FittedSet {
  /// The bytes of the current format version; chunks are encoded in parallel, in a fixed order.
  func encodedContainer() throws -> Data {
    let series = self.series
    let perChunk = ContainerLayout.seriesPerChunk
    let chunkCount = (series.count + perChunk - 1) / perChunk
    let chunks = try concurrentMap(chunkCount) { index in
      let range = index * perChunk..<min(series.count, (index + 1) * perChunk)
      let bytes = try ChunkRecords.encode(series[range], encoder: Self.jsonEncoder())
      return (
        bytes: bytes,
        entry: ContainerHeader.Chunk(
          series: range.count, bytes: bytes.count, sha256: SHA256.hash(data: bytes).hex)
      )
    }
    let header = ContainerHeader(
      configuration: configuration, lastTrainingDay: lastTrainingDay, regressions: regressions,
      horizonSpread: horizonSpread, seriesCount: series.count, chunks: chunks.map(\.entry))
    let headerBytes = try Self.jsonEncoder().encode(header)
    let total =
      ContainerLayout.prefixBytes + headerBytes.count + ContainerLayout.digestBytes
      + chunks.reduce(0) { $0 + $1.bytes.count }
    var data = Data(capacity: total)
    data.append(contentsOf: ContainerLayout.magic)
    Self.appendLittleEndian(UInt32(Self.currentFormatVersion), to: &data)
    Self.appendLittleEndian(UInt64(headerBytes.count), to: &data)
    data.append(headerBytes)
    data.append(contentsOf: SHA256.hash(data: data))
    for chunk in chunks { data.append(chunk.bytes) }
    return data
  }

  /// The header of a format 2 or 3 file once its digest holds, with the byte where the chunks
  /// start and the format version.
  static func readHeader(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> (header: ContainerHeader, chunksStart: Int, version: UInt32)
  {
    func refused(_ reason: String) -> ForecastError {
      .incompatibleFittedSet(path: path, reason: reason)
    }
    let base = data.startIndex
    let minimum = ContainerLayout.prefixBytes + ContainerLayout.digestBytes
    guard data.count >= minimum else {
      throw refused("truncated: \(data.count) bytes, fewer than the \(minimum) of an empty set")
    }
    let version = readLittleEndian(UInt32.self, data, at: 4)
    // Version 2 differs only in its header's regressions, one model per category, which
    // `DirectRidge` reads as a single bucket.
    guard version == currentFormatVersion || version == 2 else {
      throw refusedVersion(Int(version), path: path)
    }
    let headerLength = readLittleEndian(UInt64.self, data, at: 8)
    guard headerLength <= UInt64(data.count - minimum) else {
      throw refused(
        "truncated: the header is \(headerLength) bytes, the file only \(data.count) in all")
    }
    let headerEnd = ContainerLayout.prefixBytes + Int(headerLength)
    let chunksStart = headerEnd + ContainerLayout.digestBytes
    let digest = SHA256.hash(data: data[base..<base + headerEnd])
    guard Array(digest) == Array(data[base + headerEnd..<base + chunksStart]) else {
      throw refused("the header's SHA-256 does not match (the file is damaged)")
    }
    let header: ContainerHeader
    do {
      header = try jsonDecoder(catalog: catalog).decode(
        ContainerHeader.self, from: data[base + ContainerLayout.prefixBytes..<base + headerEnd])
    } catch {
      throw refused("unreadable header: \(error)")
    }
    try checkGrain(header.configuration, catalog: catalog, path: path)
    return (header, chunksStart, version)
  }

  /// Decodes format versions 2 and 3: the header once its digest holds, then every chunk on all cores,
  /// each checked against its digest before it is parsed.
  static func decodeContainer(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> FittedSet
  {
    func refused(_ reason: String) -> ForecastError {
      .incompatibleFittedSet(path: path, reason: reason)
    }
    let base = data.startIndex
    let (header, chunksStart, version) = try readHeader(data, catalog: catalog, path: path)
    let chunkBytes = header.chunks.reduce(0) { $0 + $1.bytes }
    guard chunkBytes == data.count - chunksStart else {
      throw refused(
        chunkBytes > data.count - chunksStart
          ? "truncated: the chunks need \(chunkBytes) bytes, \(data.count - chunksStart) follow"
          : "\(data.count - chunksStart - chunkBytes) bytes follow the last chunk")
    }
    guard header.chunks.reduce(0, { $0 + $1.series }) == header.seriesCount else {
      throw refused("the chunk table does not add up to \(header.seriesCount) series")
    }
    var offset = base + chunksStart
    let starts = header.chunks.map { chunk in
      defer { offset += chunk.bytes }
      return offset
    }
    let parts: [[SeriesFit]]
    do {
      parts = try concurrentMap(header.chunks.count) { index in
        try decodeChunk(
          data[starts[index]..<starts[index] + header.chunks[index].bytes],
          entry: header.chunks[index], index: index, catalog: catalog, path: path)
      }
    } catch let error as ForecastError {
      throw error
    } catch {
      throw refused("\(error)")
    }
    var series: [SeriesFit] = []
    series.reserveCapacity(header.seriesCount)
    for part in parts { series.append(contentsOf: part) }
    return FittedSet(
      formatVersion: Int(version), configuration: header.configuration,
      lastTrainingDay: header.lastTrainingDay, sortedSeries: series,
      regressions: header.regressions, horizonSpread: header.horizonSpread)
  }

  /// One chunk's series, once its digest holds.
  private static func decodeChunk(
    _ bytes: Data, entry: ContainerHeader.Chunk, index: Int, catalog: MethodCatalog,
    path: String
  ) throws(ForecastError) -> [SeriesFit] {
    guard SHA256.hash(data: bytes).hex == entry.sha256 else {
      throw .incompatibleFittedSet(
        path: path, reason: "chunk \(index)'s SHA-256 does not match (the file is damaged)")
    }
    let fits: [SeriesFit]
    do {
      fits = try ChunkRecords.decode(bytes, decoder: jsonDecoder(catalog: catalog))
    } catch {
      throw .incompatibleFittedSet(
        path: path, reason: "chunk \(index) is unreadable: \(error.reason)")
    }
    guard fits.count == entry.series else {
      throw .incompatibleFittedSet(
        path: path,
        reason: "chunk \(index) holds \(fits.count) series, the header says \(entry.series)")
    }
    return fits
  }

  // MARK: - Bytes

  private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
  }

  /// The integer at `offset` from the start of `data`.
  /// - Precondition: `data` holds `offset + T.bitWidth / 8` bytes (checked by the caller).
  private static func readLittleEndian<T: FixedWidthInteger>(
    _: T.Type, _ data: Data, at offset: Int
  ) -> T {
    var value: T = 0
    for byte in 0..<T.bitWidth / 8 {
      value |= T(data[data.startIndex + offset + byte]) << (8 * byte)
    }
    return value
  }
}
