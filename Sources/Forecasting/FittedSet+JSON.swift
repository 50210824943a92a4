import Foundation

/// Reading sets saved as one JSON document (format version 1).
///
/// Version 1 is the synthesized `Codable` encoding of `FittedSet` with sorted keys and no
/// whitespace: `{"configuration":…,"formatVersion":1,"lastTrainingDay":…,"regressions":…,
/// "series":[…]}`. Nothing writes it any more.
extension FittedSet {
  /// The only JSON format version.
  static let jsonFormatVersion = 1

  /// How far into a JSON set `formatVersion` is looked for before the full parse: with sorted
  /// keys it follows only the configuration (a few hundred bytes).
  private static let versionScanBytes = 64 * 1024

  /// Decodes a version-1 JSON set in one parse. The version is found first by a scan of the
  /// leading bytes, so a set of another version is refused naming it rather than with whatever
  /// decoding error its different shape would give; it is checked again after the parse.
  static func decodeJSON(_ data: Data, catalog: MethodCatalog, path: String)
    throws(ForecastError) -> FittedSet
  {
    if let version = scanFormatVersion(data.prefix(versionScanBytes)),
      version != jsonFormatVersion
    {
      throw refusedVersion(version, path: path)
    }
    let set: FittedSet
    do {
      set = try jsonDecoder(catalog: catalog).decode(FittedSet.self, from: data)
    } catch {
      throw .incompatibleFittedSet(path: path, reason: "unreadable version-1 JSON: \(error)")
    }
    guard set.formatVersion == jsonFormatVersion else {
      throw refusedVersion(set.formatVersion, path: path)
    }
    try checkGrain(set.configuration, catalog: catalog, path: path)
    return set
  }

  /// Refuses a set trained at another grain than `catalog`'s: its models and its day counts
  /// mean other periods (a weekly set's "days" are weeks).
  static func checkGrain(
    _ configuration: ForecastConfiguration, catalog: MethodCatalog, path: String
  ) throws(ForecastError) {
    let trained = configuration.grain ?? .daily
    guard trained.daysPerPeriod != catalog.daysPerPeriod else { return }
    let workspace = catalog.daysPerPeriod == 1 ? "daily" : "weekly"
    throw .incompatibleFittedSet(
      path: path,
      reason: "it was trained on a \(trained) workspace and this workspace is \(workspace); a "
        + "fitted set forecasts only at the grain it was trained at: run 'shelfcast train' here")
  }

  /// The error for a set of a format version this build does not read.
  static func refusedVersion(_ version: Int, path: String) -> ForecastError {
    .incompatibleFittedSet(
      path: path,
      reason: "format version \(version), this build reads \(jsonFormatVersion) (JSON), 2 "
        + "and \(currentFormatVersion)")
  }

  /// The integer after the first `"formatVersion"` key in `bytes` (whitespace allowed around
  /// the colon), or `nil` when there is none.
  static func scanFormatVersion(_ bytes: Data) -> Int? {
    let key = Array(#""formatVersion""#.utf8)
    guard let found = bytes.firstRange(of: key) else { return nil }
    var index = found.upperBound
    func skipSpaces() {
      while index < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
        index += 1
      }
    }
    skipSpaces()
    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { return nil }
    index += 1
    skipSpaces()
    var digits = ""
    while index < bytes.endIndex, digits.count < 18,
      bytes[index] == UInt8(ascii: "-") && digits.isEmpty
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    {
      digits.append(Character(UnicodeScalar(bytes[index])))
      index += 1
    }
    return Int(digits)
  }
}
