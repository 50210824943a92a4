import DemandCore
import Tabular

/// The generator's true expected demand (`truth/expected_demand.csv`:
/// `store_id,sku_id,date,expected_units`) over a window of days, for scoring the oracle.
struct TruthTable: Sendable {
  let first: Day
  let dayCount: Int
  private(set) var paths: [SeriesKey: [Double]] = [:]

  /// Reads the rows dated `first ..< first + dayCount`; other rows are skipped unparsed.
  /// - Throws: `PipelineError.invalidArgument` naming the file, line and column of a bad row.
  init(path: String, first: Day, dayCount: Int) throws {
    self.first = first
    self.dayCount = dayCount
    let file = try FileBytes(path: path, limitBytes: 64 << 30)
    var paths: [SeriesKey: [Double]] = [:]
    try file.withBytes { bytes in
      let scanner = CSVScanner(bytes: bytes)
      guard let header = scanner.next(),
        header.strings == ["store_id", "sku_id", "date", "expected_units"]
      else {
        throw PipelineError.invalidArgument(
          "\(path): line 1: expected the header store_id,sku_id,date,expected_units.")
      }
      while let record = scanner.next() {
        if record.fieldCount == 1 && record.rawField(0).isEmpty { continue }
        guard record.problem == nil, record.fieldCount == 4 else {
          throw PipelineError.invalidArgument(
            "\(path): line \(record.line): expected 4 fields, found \(record.fieldCount).")
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
      }
    }
    self.paths = paths
  }

  /// The series' expected demand over the window, when every day is present.
  func path(_ key: SeriesKey) -> [Double]? {
    guard let path = paths[key], path.allSatisfy(\.isFinite) else { return nil }
    return path
  }
}
