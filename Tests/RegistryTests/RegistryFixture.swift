import DemandCore
import Forecasting
import Foundation
import GRDB
import Registry
import _TestSupport

/// A registry in a temporary folder, with a fixed actor and clock, and candidates that differ
/// by their horizon (so each artifact has its own bytes).
final class RegistryFixture {
  let directory: TemporaryDirectory
  let database: RegistryDatabase
  let registry: ModelRegistry
  static let actor = AuditActor(user: "ana", host: "shop-01")
  static let now = Date(timeIntervalSince1970: 1_767_323_045.25)

  init(prefix: String = "shelfcast-registry") throws {
    directory = try TemporaryDirectory(prefix: prefix)
    database = try RegistryDatabase(
      path: directory.path("shelfcast.sqlite"), actor: Self.actor, clock: { Self.now })
    registry = ModelRegistry(
      database: database, versionsDirectory: directory.path("models/versions"),
      servingPath: directory.path("models/fitted-set.json"), catalog: MethodCatalog([]))
  }

  var databasePath: String { directory.path("shelfcast.sqlite") }
  var servingPath: String { registry.servingPath }

  /// An empty fitted set trained for `horizon` days, encoded.
  static func artifact(horizon: Int) throws -> Data {
    try FittedSet(
      configuration: ForecastConfiguration(horizonDays: horizon),
      lastTrainingDay: Day(iso: "2026-03-31")!, series: []
    ).encoded()
  }

  /// A candidate whose artifact is an empty set for `horizon` days.
  func candidate(
    horizon: Int, reason: String = "test", artifact: Data? = nil,
    configuration: ForecastConfiguration? = nil
  ) throws -> ModelCandidate {
    var tally = BacktestTally()
    tally.series = 1
    tally.points = 10
    tally.sumActual = 50
    tally.sumAbsoluteError = Double(horizon)
    tally.sumSquaredError = Double(horizon * horizon)
    return ModelCandidate(
      artifact: try artifact ?? Self.artifact(horizon: horizon),
      windowFirstDay: Day(iso: "2025-04-01")!, windowLastDay: Day(iso: "2026-03-31")!,
      dataFingerprint: String(repeating: "ab", count: 32), codeVersion: "0123abc",
      configuration: configuration ?? ForecastConfiguration(horizonDays: horizon),
      metrics: ModelMetrics(
        overall: tally, byFamily: ["ets": tally], bySegment: [:], byRegion: ["North": tally],
        byFormat: ["supermarket": tally], byStore: ["S1": tally]),
      selectedMix: SelectedMix(seriesByKind: ["single": 1], seriesByFamily: ["ets": 1]),
      trigger: .manual, reason: reason)
  }

  /// Registers a candidate for each horizon; returns their ids.
  func register(horizons: [Int]) throws -> [String] {
    try horizons.map { try registry.register(candidate(horizon: $0)).id }
  }

  /// The status of every version, by id.
  func statuses() throws -> [String: ModelStatus] {
    Dictionary(uniqueKeysWithValues: try registry.list().map { ($0.id, $0.status) })
  }

  /// Runs raw SQL on the database, as someone with a SQLite shell would: the audit log's
  /// append-only triggers dropped first.
  func tamper(_ sql: String) throws {
    let queue = try DatabaseQueue(path: databasePath)
    try queue.write { db in
      try db.execute(
        sql: "DROP TRIGGER IF EXISTS audit_entry_no_update; "
          + "DROP TRIGGER IF EXISTS audit_entry_no_delete;")
      try db.execute(sql: sql)
    }
  }
}
