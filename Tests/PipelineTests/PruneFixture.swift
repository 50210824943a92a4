import DemandCore
import Forecasting
import Foundation
import GRDB
import History
import Logging
import Pipeline
import Registry
import Synthetic
import _TestSupport

/// A small workspace with something of every kind `prune` judges, dated around one cutoff.
///
/// `today` is 2026-11-20 and the tests keep 60 days, so the cutoff is 2026-09-21; the model
/// cutoff is 2026-11-20 − 1,096 days = 2023-11-20 (by hand: back 365 days to 2025-11-20, 365 to
/// 2024-11-20 and 366, across 29 February 2024, to 2023-11-20). `expectedDeleted` is the list
/// written by hand from the dates below, not from the code under test.
final class PruneFixture {
  static let today = Day(iso: "2026-11-20")!
  static let keepDays = 60
  static let actor = AuditActor(user: "ops", host: "batch-01")

  /// What a 60-day prune on `today` deletes: files and folders relative to the workspace.
  static let expectedDeleted: Set<String> = [
    "reports/2025-06-01", "reports/2026-09-20",
    "manifests/ingest-20260822T120000Z.json", "manifests/nightly-2026-09-20.json",
    "manifests/notes.json", "manifests/nightly-2026-02-30.json",
    "quarantine/sales_2026-08-01.csv.rejected.csv", "quarantine/undated.csv.rejected.csv",
    "models/versions/v0001.json", "reports/models/v0001.md",
    "models/versions/v0002.json", "reports/models/v0002.md",
    "models/versions/v0005.json", "reports/models/v0005.md",
  ]
  /// Forecast run dates archived for each store; those before 2026-08-24 end before the cutoff.
  static let issueDays = ["2026-08-01", "2026-08-23", "2026-08-24", "2026-11-19"].map {
    Day(iso: $0)!
  }
  static let deletedIssueDays = Array(issueDays.prefix(2))

  let directory: TemporaryDirectory
  let workspace: Workspace
  let stores: [StoreID]
  let skus: [SKUID]

  init() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-prune")
    workspace = try Workspace(path: directory.path("ws"))
    let chain = directory.path("chain")
    _ = try ChainGenerator(
      configuration: ChainConfiguration(
        storeCount: 2, skuCount: 3, start: Day(iso: "2026-07-01")!, dayCount: 30,
        transactionDayCount: 0, seed: 11)
    ).write(to: chain, progress: nil)
    // Two ingests, whose manifests are named by the (injected) clock.
    for (folders, day) in [(["master"], "2026-08-22"), (["history"], "2026-11-15")] {
      _ = try IngestStage.run(
        workspace: workspace, paths: folders.map { chain + "/" + $0 }, asOf: Self.today,
        logger: Logger(label: "test"), clock: { Self.noon(day) })
    }
    let master = try workspace.openDatabase().masterIndex()
    stores = master.stores.map(\.record.id)
    skus = master.skus.map(\.record.id)
    try writeReports()
    try writeManifestsAndQuarantine()
    try archiveForecasts()
    try registerVersions()
  }

  static func noon(_ iso: String) -> Date {
    Date(timeIntervalSince1970: Double(Day(iso: iso)!.daysSinceEpoch) * 86_400 + 43_200)
  }

  var root: String { workspace.root }

  // MARK: - Contents

  private func write(_ text: String, _ relative: String, modified: String? = nil) throws {
    let path = try directory.write(text, to: "ws/" + relative)
    if let modified {
      try FileManager.default.setAttributes(
        [.modificationDate: Self.noon(modified)], ofItemAtPath: path)
    }
  }

  private func writeReports() throws {
    for day in ["2025-06-01", "2026-09-20", "2026-09-21", "2026-11-19"] {
      try write("store,sku,date,p50\nS1,K1,\(day),1.5\n", "reports/\(day)/forecast.csv")
      try write("<html>\(day)</html>\n", "reports/\(day)/report.html")
    }
    // Never pruned: not a dated folder.
    try write("# metrics\n", "reports/metrics.prom", modified: "2020-01-01")
    try write("family,wape\n", "reports/backtest/metrics.csv", modified: "2020-01-01")
    try write("not a day\n", "reports/2026-02-30/forecast.csv", modified: "2020-01-01")
    try write("a file, not a folder\n", "reports/2020-01-01", modified: "2020-01-01")
  }

  private func writeManifestsAndQuarantine() throws {
    try write("{}\n", "manifests/nightly-2026-09-20.json")  // named the day before the cutoff
    try write("{}\n", "manifests/nightly-2026-09-21.json", modified: "2020-01-01")  // the name wins
    try write("{}\n", "manifests/nightly-2026-02-30.json", modified: "2026-01-01")  // no such day
    try write("{}\n", "manifests/notes.json", modified: "2026-01-01")
    try write("{}\n", "manifests/other.json", modified: "2026-11-01")
    try write("not json\n", "manifests/readme.txt", modified: "2020-01-01")
    try write("{}\n", "manifests/.nightly-2026-01-01.json.tmp-42", modified: "2020-01-01")
    let rejected = "line,column,column_name,reason,raw\n2,3,units,not a number,x\n"
    try write(rejected, "quarantine/sales_2026-08-01.csv.rejected.csv")
    try write(rejected, "quarantine/sales_2026-11-18.csv.rejected.csv", modified: "2020-01-01")
    try write(rejected, "quarantine/undated.csv.rejected.csv", modified: "2026-03-01")
    try write(rejected, "quarantine/fresh.csv.rejected.csv")
    try write("notes\n", "quarantine/notes.txt", modified: "2020-01-01")
  }

  private func archiveForecasts() throws {
    var blocks: [ForecastBlock] = []
    for day in Self.issueDays {
      for store in stores {
        var block = ForecastBlock(
          store: store, issuedOn: day, firstTargetDay: day.adding(days: 1), dayCount: 28,
          modelVersion: "v0004")
        for (index, sku) in skus.enumerated() {
          let level = [Double](repeating: Double(index + 1), count: 28)
          block.append(
            sku: sku, model: "ets", p10: level.map { $0 / 2 }, p50: level,
            p90: level.map { $0 * 2 }, mean: level)
        }
        blocks.append(block)
      }
    }
    try workspace.openDatabase().archiveForecasts(blocks)
  }

  /// Seven versions whose registry dates straddle the model cutoff (2023-11-20):
  /// v0001 in service 2021-01-10 … 2022-06-01, v0002 2022-06-01 … 2023-03-01, v0003 (the
  /// rollback target) 2023-03-01 … 2023-04-01, v0004 the champion since 2023-04-01; candidates
  /// v0005 (2023-11-19), v0006 (2023-11-20) and v0007 (2026-10-01, rejected 2026-10-02).
  private func registerVersions() throws {
    let steps: [(String, (ModelRegistry) throws -> Void)] = [
      ("2021-01-10", { _ = try $0.register(Self.candidate(horizon: 7)) }),
      ("2021-01-10", { _ = try $0.promote("v0001", reason: "first model") }),
      ("2022-05-01", { _ = try $0.register(Self.candidate(horizon: 8)) }),
      ("2022-06-01", { _ = try $0.promote("v0002", reason: "lower WAPE") }),
      ("2023-01-01", { _ = try $0.register(Self.candidate(horizon: 9)) }),
      ("2023-03-01", { _ = try $0.promote("v0003", reason: "lower WAPE") }),
      ("2023-03-15", { _ = try $0.register(Self.candidate(horizon: 10)) }),
      ("2023-04-01", { _ = try $0.promote("v0004", reason: "lower WAPE") }),
      ("2023-11-19", { _ = try $0.register(Self.candidate(horizon: 11)) }),
      ("2023-11-20", { _ = try $0.register(Self.candidate(horizon: 12)) }),
      ("2026-10-01", { _ = try $0.register(Self.candidate(horizon: 13)) }),
      ("2026-10-02", { _ = try $0.reject("v0007", reason: "bias") }),
    ]
    for (day, step) in steps { try step(try registry(at: day)) }
    let registry = try registry(at: "2026-11-20")
    for version in try registry.list() { try RegistryStage.writeCard(workspace, version) }
    try write("# v0099\n", "reports/models/v0099.md", modified: "2019-01-01")
    try write("stray\n", "models/versions/notes.txt", modified: "2019-01-01")
  }

  /// The workspace's registry, its clock stopped at noon UTC of `day`.
  func registry(at day: String) throws -> ModelRegistry {
    let now = Self.noon(day)
    return ModelRegistry(
      database: try RegistryDatabase(
        path: workspace.databasePath, actor: Self.actor, clock: { now }),
      versionsDirectory: workspace.modelVersionsDirectory, servingPath: workspace.fittedSetPath,
      catalog: StandardModels.catalog)
  }

  /// A candidate whose artifact is an empty fitted set for `horizon` days.
  static func candidate(horizon: Int) throws -> ModelCandidate {
    var tally = BacktestTally()
    tally.series = 1
    tally.points = 10
    tally.sumActual = 50
    tally.sumAbsoluteError = Double(horizon)
    return ModelCandidate(
      artifact: try FittedSet(
        configuration: ForecastConfiguration(horizonDays: horizon),
        lastTrainingDay: Day(iso: "2026-07-30")!, series: []
      ).encoded(),
      windowFirstDay: Day(iso: "2026-07-01")!, windowLastDay: Day(iso: "2026-07-30")!,
      dataFingerprint: String(repeating: "cd", count: 32), codeVersion: "0123abc",
      configuration: ForecastConfiguration(horizonDays: horizon),
      metrics: ModelMetrics(
        overall: tally, byFamily: ["ets": tally], bySegment: [:], byRegion: [:], byFormat: [:],
        byStore: [:]),
      selectedMix: SelectedMix(seriesByKind: ["single": 1], seriesByFamily: ["ets": 1]),
      trigger: .manual, reason: "test")
  }

  // MARK: - Snapshots

  /// Every file's bytes (the database's own files and the run lock aside) and every table's
  /// rows.
  struct Snapshot: Equatable {
    var files: [String: Data]
    var tables: [String: [Row]]
  }

  /// Tables and the order their rows are read in.
  static let tables = [
    "ingested_file": "id", "store": "key", "sku": "key", "calendar_day": "day",
    "promotion": "store_key, sku_key, start_day", "demand_block": "id",
    "inventory_block": "id", "delivered_line": "id", "forecast_block": "id",
    "model_version": "number", "audit_entry": "seq", "audit_head": "id",
  ]

  func snapshot() throws -> Snapshot {
    var files: [String: Data] = [:]
    let skipped: Set<String> = [
      "shelfcast.sqlite", "shelfcast.sqlite-wal", "shelfcast.sqlite-shm", ".shelfcast.lock",
    ]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = root + "/" + relative
      guard !skipped.contains(relative),
        FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    let queue = try DatabaseQueue(path: workspace.databasePath)
    let tables = try queue.read { db in
      var rows: [String: [Row]] = [:]
      for (table, order) in Self.tables {
        rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
      }
      return rows
    }
    return Snapshot(files: files, tables: tables)
  }
}
