import DemandCore
import Foundation
import Models

/// Everything a training run produced that a forecast needs: per-series choices with their
/// fitted models and calibration residuals, and the configuration they were trained under.
///
/// Encoded as JSON with sorted keys, so the same training gives the same bytes.
public struct FittedSet: Sendable, Codable {
  /// Bumped whenever the encoding changes; older sets are refused with a clear error.
  public static let currentFormatVersion = 1

  public var formatVersion: Int
  public var configuration: ForecastConfiguration
  /// The last day of history the set was trained on.
  public var lastTrainingDay: Day
  /// Sorted by series key.
  public var series: [SeriesFit]
  /// The ridge regression of each category, fitted on all training data.
  public var regressions: [String: FittedRidge]

  public init(
    configuration: ForecastConfiguration, lastTrainingDay: Day, series: [SeriesFit],
    regressions: [String: FittedRidge] = [:]
  ) {
    formatVersion = Self.currentFormatVersion
    self.configuration = configuration
    self.lastTrainingDay = lastTrainingDay
    self.series = series.sorted { $0.key < $1.key }
    self.regressions = regressions
  }

  /// The position of each series' fit in `series`.
  func indexByKey() -> [SeriesKey: Int] {
    Dictionary(
      series.enumerated().map { ($0.element.key, $0.offset) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The JSON encoding, with sorted keys and no whitespace.
  ///
  /// Written piece by piece (each series encoded on its own, the pieces joined) rather than in
  /// one `JSONEncoder` call: Foundation's encoder builds a tree of the whole value first, which for
  /// 100,000 series is several gigabytes. The bytes are those one call would write.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.userInfo[MissingAsNull.omitKey] = true
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    // The members in sorted-key order, each encoded on its own; the series array piecewise.
    let members: [(String, Data)] = [
      ("configuration", try encoder.encode(configuration)),
      ("formatVersion", try encoder.encode(formatVersion)),
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

  /// Decodes a set written by `encoded()`, rebuilding models through `catalog`.
  /// - Throws: `ForecastError.incompatibleFittedSet` naming `path` and what is wrong.
  public static func decode(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> FittedSet
  {
    let decoder = JSONDecoder()
    decoder.userInfo[FittedCandidate.catalogKey] = catalog
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    struct Version: Decodable { var formatVersion: Int }
    do {
      let version = try decoder.decode(Version.self, from: data).formatVersion
      guard version == currentFormatVersion else {
        throw ForecastError.incompatibleFittedSet(
          path: path,
          reason: "format version \(version), this build reads \(currentFormatVersion)")
      }
      return try decoder.decode(FittedSet.self, from: data)
    } catch let error as ForecastError {
      throw error
    } catch {
      throw .incompatibleFittedSet(path: path, reason: "\(error)")
    }
  }
}
