import DemandCore
import Foundation
import History
import Ingest
import Logging
import _TestSupport

/// A workspace in a temporary directory: database, quarantine and manifest folders, a fixed clock
/// and as-of date, and the chain's master data as CSV text.
struct IngestFixture {
  let directory: TemporaryDirectory
  let database: HistoryDatabase
  let asOf = Day(year: 2025, month: 3, day: 31)!

  /// 2025-03-31T06:00:00Z: python3 `datetime(2025,3,31,6,tzinfo=timezone.utc).timestamp()`.
  static let now = Date(timeIntervalSince1970: 1_743_400_800)

  static let stores = """
    store_id,name,region,format,open_date
    S001,Central,North,hyper,2020-01-01
    S002,Harbour,South,super,2025-03-01

    """

  static let skus = """
    sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty
    P001,Milk,dairy,0.60,1.20,12,2,24
    P002,Bread,bakery,0.80,2.50,10,1,10
    P003,Eggs,dairy,1.50,3.00,6,3,6

    """

  init() throws {
    directory = try TemporaryDirectory()
    database = try HistoryDatabase(path: directory.path("shelfcast.sqlite"))
  }

  var quarantineDirectory: String { directory.path("quarantine") }
  var manifestDirectory: String { directory.path("manifests") }

  func options(replace: Bool = false, maximumRejectShare: Double = 0.01, workers: Int = 2)
    -> IngestOptions
  {
    IngestOptions(
      asOf: asOf, quarantineDirectory: quarantineDirectory, manifestDirectory: manifestDirectory,
      maximumRejectShare: maximumRejectShare, replace: replace, workers: workers,
      clock: { IngestFixture.now },
      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
  }

  /// Runs ingest on paths relative to the fixture's directory.
  @discardableResult
  func run(
    _ paths: [String], replace: Bool = false, maximumRejectShare: Double = 0.01, workers: Int = 2
  ) throws -> IngestReport {
    try IngestRunner(
      database: database,
      options: options(replace: replace, maximumRejectShare: maximumRejectShare, workers: workers)
    ).run(paths: paths.map { directory.path($0) })
  }

  /// Writes `text` to `relative` and returns `relative`, for passing to `run`.
  @discardableResult
  func write(_ text: String, to relative: String) throws -> String {
    try directory.write(text, to: relative)
    return relative
  }

  @discardableResult
  func write(bytes: [UInt8], to relative: String) throws -> String {
    try directory.write(bytes: bytes, to: relative)
    return relative
  }

  /// Writes and ingests stores.csv and skus.csv; fails unless both are ingested whole.
  func loadMasterData() throws {
    let report = try run([
      try write(Self.stores, to: "master/stores.csv"), try write(Self.skus, to: "master/skus.csv"),
    ])
    guard report.files.map(\.outcome) == [.ingested, .ingested] else {
      throw FixtureError("master data not ingested: \(report.files.map(\.message))")
    }
  }

  func series(_ store: String, _ sku: String) throws -> [DailyDemand] {
    try database.dailySeries(store: StoreID(store), sku: SKUID(sku))
  }

  /// The rows of `<file>.rejected.csv` after its header, read with the reference reader.
  func quarantine(_ fileName: String) throws -> [[String]] {
    let text = try String(
      contentsOfFile: quarantineDirectory + "/" + fileName + ".rejected.csv", encoding: .utf8)
    let records = ReferenceCSV.parse(text)
    guard records.first?.fields == ["line", "column", "column_name", "reason", "raw"] else {
      throw FixtureError("unexpected quarantine header: \(records.first?.fields ?? [])")
    }
    return records.dropFirst().map(\.fields)
  }

  /// The manifest as written to disk.
  func manifest(of report: IngestReport) throws -> IngestReport {
    let path = try report.manifestPath.orThrow("no manifest path")
    return try JSONDecoder().decode(
      IngestReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Every byte of every file under the fixture's directory, by relative path.
  func allFiles() throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    while let relative = enumerator?.nextObject() as? String {
      let full = directory.path(relative)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
      }
    }
    return files
  }
}

struct FixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension Optional {
  func orThrow(_ message: String) throws -> Wrapped {
    guard let self else { throw FixtureError(message) }
    return self
  }
}

extension IngestReport {
  /// The report of the file called `name`.
  func file(_ name: String) throws -> FileReport {
    try files.first { $0.fileName == name }.orThrow(
      "no report for \(name) in \(files.map(\.fileName))")
  }
}

extension Data {
  func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
