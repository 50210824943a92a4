import DemandCore
import Inventory
import Tabular

/// The generator's true expected demand (`truth/expected_demand.csv`:
/// `store_id,sku_id,date,expected_units`, followed in realistic chains by the true quantiles
/// `p10,p50,p90`, which this table does not read) over a window of days, for scoring the oracle.
struct TruthTable: Sendable {
  let first: Day
  let dayCount: Int
  private(set) var paths: [SeriesKey: [Double]] = [:]
  /// `quantilePaths[key]`: the p10, p50 and p90 paths, when the file has those columns.
  private(set) var quantilePaths: [SeriesKey: [[Double]]] = [:]
  /// Whether the file has the `p10,p50,p90` columns.
  private(set) var hasQuantiles = false

  /// Reads the rows dated `first ..< first + dayCount`; other rows are skipped unparsed.
  /// - Throws: `PipelineError.invalidArgument` naming the file, line and column of a bad row.
  init(path: String, first: Day, dayCount: Int) throws {
    self.first = first
    self.dayCount = dayCount
    let file = try FileBytes(path: path, limitBytes: 64 << 30)
    var paths: [SeriesKey: [Double]] = [:]
    var quantilePaths: [SeriesKey: [[Double]]] = [:]
    var hasQuantiles = false
    try file.withBytes { bytes in
      let scanner = CSVScanner(bytes: bytes)
      let columns = ["store_id", "sku_id", "date", "expected_units"]
      guard let header = scanner.next(),
        header.strings == columns || header.strings == columns + ["p10", "p50", "p90"]
      else {
        throw PipelineError.invalidArgument(
          "\(path): line 1: expected the header store_id,sku_id,date,expected_units "
            + "(optionally followed by p10,p50,p90).")
      }
      let fieldCount = header.fieldCount
      hasQuantiles = fieldCount == 7
      while let record = scanner.next() {
        if record.fieldCount == 1 && record.rawField(0).isEmpty { continue }
        guard record.problem == nil, record.fieldCount == fieldCount else {
          throw PipelineError.invalidArgument(
            "\(path): line \(record.line): expected \(fieldCount) fields, found "
              + "\(record.fieldCount).")
        }
        guard let day = Day.parseISO(record.rawField(2)) else {
          throw PipelineError.invalidArgument(
            "\(path): line \(record.line), column 3: not a date (YYYY-MM-DD).")
        }
        let offset = first.days(to: day)
        guard offset >= 0 && offset < dayCount else { continue }
        guard case .success(let units) = DecimalParser.parse(record.rawField(3)) else {
          throw PipelineError.invalidArgument(
            "\(path): line \(record.line), column 4: not a number.")
        }
        let key = SeriesKey(store: StoreID(record.string(0)), sku: SKUID(record.string(1)))
        paths[key, default: [Double](repeating: .nan, count: dayCount)][offset] = units
        guard hasQuantiles else { continue }
        for column in 4...6 {
          guard case .success(let value) = DecimalParser.parse(record.rawField(column)) else {
            throw PipelineError.invalidArgument(
              "\(path): line \(record.line), column \(column + 1): not a number.")
          }
          quantilePaths[
            key,
            default: Array(repeating: [Double](repeating: .nan, count: dayCount), count: 3)][
              column - 4][offset] = value
        }
      }
    }
    self.paths = paths
    self.quantilePaths = quantilePaths
    self.hasQuantiles = hasQuantiles
  }

  /// The series' true p10, p50 and p90 paths over the window, when the file has them and every
  /// day is present.
  func quantiles(_ key: SeriesKey) -> [[Double]]? {
    guard let paths = quantilePaths[key], paths.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
      return nil
    }
    return paths
  }

  /// The series' expected demand over the window, when every day is present.
  func path(_ key: SeriesKey) -> [Double]? {
    guard let path = paths[key], path.allSatisfy(\.isFinite) else { return nil }
    return path
  }
}

/// The generator's demand dispersion per SKU (`truth/demand_dispersion.csv`:
/// `sku_id,nb_size_intercept,nb_size_per_unit`).
enum DispersionTable {
  /// - Throws: `PipelineError.invalidArgument` naming the file, line and column of a bad row.
  static func read(path: String) throws -> [SKUID: DemandDispersion] {
    let file = try FileBytes(path: path, limitBytes: 1 << 30)
    var table: [SKUID: DemandDispersion] = [:]
    try file.withBytes { bytes in
      let scanner = CSVScanner(bytes: bytes)
      guard let header = scanner.next(),
        header.strings == ["sku_id", "nb_size_intercept", "nb_size_per_unit"]
      else {
        throw PipelineError.invalidArgument(
          "\(path): line 1: expected the header sku_id,nb_size_intercept,nb_size_per_unit.")
      }
      while let record = scanner.next() {
        if record.fieldCount == 1 && record.rawField(0).isEmpty { continue }
        guard record.problem == nil, record.fieldCount == 3 else {
          throw PipelineError.invalidArgument(
            "\(path): line \(record.line): expected 3 fields, found \(record.fieldCount).")
        }
        var numbers: [Double] = []
        for column in 1...2 {
          guard case .success(let value) = DecimalParser.parse(record.rawField(column)),
            value.isFinite, column == 1 ? value > 0 : value >= 0
          else {
            throw PipelineError.invalidArgument(
              "\(path): line \(record.line), column \(column + 1): expected a "
                + (column == 1 ? "positive" : "non-negative") + " number.")
          }
          numbers.append(value)
        }
        table[SKUID(record.string(0))] = DemandDispersion(
          sizeIntercept: numbers[0], sizePerUnit: numbers[1])
      }
    }
    return table
  }
}
