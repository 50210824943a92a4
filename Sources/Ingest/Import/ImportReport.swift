import DemandCore

/// What an import read, kept and dropped, file by file, and what it wrote.
public struct ImportReport: Sendable, Equatable {
  /// One input file's tally: every data row is kept or rejected, never both, never neither.
  public struct FileTally: Sendable, Equatable {
    public var file: String
    /// Data rows read (the header not counted).
    public var rows = 0
    public var kept = 0
    public var rejected = 0
    /// Rejected rows per reason kind (`offGrain`, `duplicateKey`, …), sorted by kind.
    public var reasons: [String: Int] = [:]
  }

  public var files: [FileTally] = []
  /// The grain of the demand written.
  public var grain: Grain = .daily
  public var stores = 0
  public var skus = 0
  /// Store × SKU series in the demand file.
  public var series = 0
  /// Series with a value for every week from the first to the last.
  public var completeSeries = 0
  public var firstDate: Day? = nil
  public var lastDate: Day? = nil
  public var demandRows = 0
  /// Kept rows whose value is negative (net returns); kept and flagged, never dropped.
  public var negativeRows = 0
  public var zeroRows = 0
  /// Series with a single row.
  public var singleRowSeries = 0
  public var holidayDates = 0
  public var covariateRows = 0
  /// Covariate values given as `NA` or empty (written as missing).
  public var missingCovariateValues = 0
  /// Where the output folder is.
  public var outputDirectory = ""

  /// The report as lines for the terminal and `import-report.txt`.
  public var text: String {
    var lines: [String] = []
    for file in files {
      var line = "\(file.file): \(file.rows) rows, \(file.kept) kept, \(file.rejected) rejected"
      if !file.reasons.isEmpty {
        line +=
          " ("
          + file.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
          .joined(separator: ", ") + ")"
      }
      lines.append(line)
    }
    let span = firstDate.map { "\($0.iso) … \(lastDate?.iso ?? $0.iso)" } ?? "none"
    lines.append(
      "demand: \(demandRows) rows, grain \(grain), \(stores) stores × \(skus) SKUs, "
        + "\(series) series (\(completeSeries) span every period, \(singleRowSeries) have one "
        + "row), dates \(span)")
    lines.append(
      "flagged, kept: \(negativeRows) negative rows (net returns), \(zeroRows) zero rows")
    lines.append(
      "calendar: \(holidayDates) holiday weeks; covariates: \(covariateRows) rows, "
        + "\(missingCovariateValues) missing values")
    return lines.joined(separator: "\n")
  }
}

extension RowError.Reason {
  /// A short stable name for the report's per-reason counts.
  var kindName: String {
    switch self {
    case .malformed: "malformed"
    case .fieldCount: "fieldCount"
    case .missingValue: "missingValue"
    case .notANumber: "notANumber"
    case .notFinite: "notFinite"
    case .numberOutOfRange: "numberOutOfRange"
    case .notAWholeNumber: "notAWholeNumber"
    case .notADate: "notADate"
    case .notAFlag: "notAFlag"
    case .notUTF8: "notUTF8"
    case .unknownStore: "unknownStore"
    case .unknownSKU: "unknownSKU"
    case .futureDate: "futureDate"
    case .afterCutoff: "afterCutoff"
    case .beforeStoreOpened: "beforeStoreOpened"
    case .negative: "negative"
    case .absurdQuantity: "absurdQuantity"
    case .outOfRange: "outOfRange"
    case .endBeforeStart: "endBeforeStart"
    case .duplicateKey: "duplicateKey"
    case .duplicateValue: "duplicateValue"
    case .alreadyDelivered: "alreadyDelivered"
    case .offGrain: "offGrain"
    case .notATime: "notATime"
    case .conflictingScope: "conflictingScope"
    case .inconsistentFlag: "inconsistentFlag"
    }
  }
}
