import DemandCore
import Foundation
import Models

/// Everything a training run produced that a forecast needs: per-series choices with their
/// fitted models and calibration residuals, and the configuration they were trained under.
///
/// Saved in the chunked binary container of format version 3 (`FittedSet+Container.swift`: a
/// checksummed header, then the series in independently decodable chunks read on all cores).
/// Sets saved as one JSON document (format version 1) are still read (`FittedSet+JSON.swift`).
/// The same set always gives the same bytes.
public struct FittedSet: Sendable, Codable {
  /// Bumped whenever the encoding changes; `encoded()` writes this version.
  public static let currentFormatVersion = 3

  /// The format version the set was read from (`currentFormatVersion` for a set made in memory).
  public var formatVersion: Int
  public var configuration: ForecastConfiguration
  /// The last day of history the set was trained on.
  public var lastTrainingDay: Day
  /// Sorted by series key.
  public var series: [SeriesFit]
  /// The direct ridge regression of each category (one model per horizon bucket), fitted on
  /// all training data.
  public var regressions: [String: DirectRidge]
  /// How the residual offsets widen with the step ahead (`nil` in sets trained before it was
  /// measured, or when the backtest had too few points: offsets then apply unchanged).
  public var horizonSpread: HorizonSpread?

  public init(
    configuration: ForecastConfiguration, lastTrainingDay: Day, series: [SeriesFit],
    regressions: [String: DirectRidge] = [:], horizonSpread: HorizonSpread? = nil
  ) {
    self.init(
      formatVersion: Self.currentFormatVersion, configuration: configuration,
      lastTrainingDay: lastTrainingDay, sortedSeries: series.sorted { $0.key < $1.key },
      regressions: regressions, horizonSpread: horizonSpread)
  }

  /// A set of series already sorted by key, as a decoder read them.
  init(
    formatVersion: Int, configuration: ForecastConfiguration, lastTrainingDay: Day,
    sortedSeries: [SeriesFit], regressions: [String: DirectRidge],
    horizonSpread: HorizonSpread?
  ) {
    self.formatVersion = formatVersion
    self.configuration = configuration
    self.lastTrainingDay = lastTrainingDay
    self.series = sortedSeries
    self.regressions = regressions
    self.horizonSpread = horizonSpread
  }

  /// The position of each series' fit in `series`.
  func indexByKey() -> [SeriesKey: Int] {
    Dictionary(
      series.enumerated().map { ($0.element.key, $0.offset) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The encoding of the current format version (see `FittedSet+Container.swift` for the byte layout).
  ///
  /// Deterministic: the same set gives the same bytes, whatever the scheduling of the chunks,
  /// which are encoded in parallel.
  /// - Throws: an `EncodingError` when a model cannot be encoded.
  public func encoded() throws -> Data {
    try encodedContainer()
  }

  /// The horizon spread (its quantile offsets and cover variance ratios) of an encoded set,
  /// read from the container's header alone (its digest checked, no series decoded); a set in
  /// the older JSON format is decoded whole.
  /// - Throws: `ForecastError.incompatibleFittedSet` as `decode` does for the header.
  public static func decodeHorizonSpread(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> HorizonSpread?
  {
    guard data.starts(with: ContainerLayout.magic) else {
      return try decode(data, catalog: catalog, path: path).horizonSpread
    }
    return try readHeader(data, catalog: catalog, path: path).header.horizonSpread
  }

  /// Decodes a set written by `encoded()` (format version 3, or 2) or a version-1 JSON set, rebuilding
  /// models through `catalog`. Every byte is parsed once; the chunks of versions 2 and 3 are checked
  /// against their SHA-256 and decoded on all cores.
  /// - Parameter path: where `data` was read from, for error messages only.
  /// - Throws: `ForecastError.incompatibleFittedSet` naming `path` and what is wrong (unknown
  ///   leading bytes, a format version this build does not read, a checksum mismatch, a
  ///   truncated file, an undecodable model).
  public static func decode(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> FittedSet
  {
    guard let first = data.first else {
      throw .incompatibleFittedSet(path: path, reason: "the file is empty")
    }
    if data.starts(with: ContainerLayout.magic) {
      return try decodeContainer(data, catalog: catalog, path: path)
    }
    if first == UInt8(ascii: "{") {
      return try decodeJSON(data, catalog: catalog, path: path)
    }
    let shown = data.prefix(8).map { String($0, radix: 16).leftPadded(to: 2) }
    throw .incompatibleFittedSet(
      path: path,
      reason: "it starts with the bytes \(shown.joined(separator: " ")), neither the magic "
        + "\"SCFS\" of format versions 2–3 nor the \"{\" of a version-1 JSON set")
  }

  /// A decoder set up for fitted sets: models rebuilt through `catalog`, non-finite numbers
  /// read from the strings the encoder writes.
  static func jsonDecoder(catalog: MethodCatalog) -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.userInfo[FittedCandidate.catalogKey] = catalog
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  /// An encoder set up for fitted sets: sorted keys, no whitespace, in-sample values left out,
  /// non-finite numbers as strings.
  static func jsonEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.userInfo[MissingAsNull.omitKey] = true
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
