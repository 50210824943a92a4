import DemandCore
import GRDB

/// What one finished nightly run left for the nights after it: its outcome, the model that
/// forecast, the retraining it did, and the alerts the next night's triggers read.
public struct NightRecord: Sendable, Equatable, Codable {
  /// How a night ended.
  public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// Every stage ran and no input was refused.
    case completed
    /// Every stage ran, but an input file was refused (nothing of it stored).
    case inputRefused = "input_refused"
  }

  public var runDate: Day
  public var outcome: Outcome
  /// The champion that made the night's forecast.
  public var modelVersion: String?
  /// The retraining of the night, if a trigger fired: what fired, the version trained and what
  /// became of it (`promoted` or `rejected`).
  public var retrainTrigger: String?
  public var retrainVersion: String?
  public var retrainDecision: String?
  /// Drift alerts raised by the night's monitoring, critical (chain-wide level or accuracy)
  /// and warning (a segment).
  public var driftCritical: Int
  public var driftWarning: Int
  /// Accuracy-degraded alerts of the night's monitoring.
  public var accuracyDegraded: Int
  public var alertsCritical: Int
  public var alertsWarning: Int
  /// The run manifest's path.
  public var manifest: String
  /// ISO 8601 UTC.
  public var startedAt: String
  public var finishedAt: String

  public init(
    runDate: Day, outcome: Outcome, modelVersion: String?, retrainTrigger: String? = nil,
    retrainVersion: String? = nil, retrainDecision: String? = nil, driftCritical: Int = 0,
    driftWarning: Int = 0, accuracyDegraded: Int = 0, alertsCritical: Int = 0,
    alertsWarning: Int = 0, manifest: String, startedAt: String, finishedAt: String
  ) {
    self.runDate = runDate
    self.outcome = outcome
    self.modelVersion = modelVersion
    self.retrainTrigger = retrainTrigger
    self.retrainVersion = retrainVersion
    self.retrainDecision = retrainDecision
    self.driftCritical = driftCritical
    self.driftWarning = driftWarning
    self.accuracyDegraded = accuracyDegraded
    self.alertsCritical = alertsCritical
    self.alertsWarning = alertsWarning
    self.manifest = manifest
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }
}

/// The `night` table: one row per finished nightly run date (a re-run replaces its row).
public struct NightLog: Sendable {
  public let database: RegistryDatabase

  public init(database: RegistryDatabase) { self.database = database }

  /// Records a finished night, replacing an earlier record of the same date.
  public func record(_ night: NightRecord) throws {
    try database.write { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO night (
            run_date, outcome, model_version, retrain_trigger, retrain_version,
            retrain_decision, drift_critical, drift_warning, accuracy_degraded, alerts_critical,
            alerts_warning, manifest, started_at, finished_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          night.runDate.daysSinceEpoch, night.outcome.rawValue, night.modelVersion,
          night.retrainTrigger, night.retrainVersion, night.retrainDecision, night.driftCritical,
          night.driftWarning, night.accuracyDegraded, night.alertsCritical, night.alertsWarning,
          night.manifest, night.startedAt, night.finishedAt,
        ])
    }
  }

  /// The night of `day`, if it finished.
  public func night(_ day: Day) throws -> NightRecord? {
    try database.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM night WHERE run_date = ?", arguments: [day.daysSinceEpoch]
      ).map(Self.record(row:))
    }
  }

  /// The last finished night before `day`, if any.
  public func last(before day: Day) throws -> NightRecord? {
    try database.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM night WHERE run_date < ? ORDER BY run_date DESC LIMIT 1",
        arguments: [day.daysSinceEpoch]
      ).map(Self.record(row:))
    }
  }

  /// Every finished night, oldest first.
  public func all() throws -> [NightRecord] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM night ORDER BY run_date").map(Self.record(row:))
    }
  }

  static func record(row: Row) throws -> NightRecord {
    let day = Day(daysSinceEpoch: row["run_date"])
    let outcomeText: String = row["outcome"]
    guard let outcome = NightRecord.Outcome(rawValue: outcomeText) else {
      throw RegistryError.corruptRecord(
        version: "night \(day.iso)", reason: "unknown outcome '\(outcomeText)'")
    }
    return NightRecord(
      runDate: day, outcome: outcome, modelVersion: row["model_version"],
      retrainTrigger: row["retrain_trigger"], retrainVersion: row["retrain_version"],
      retrainDecision: row["retrain_decision"], driftCritical: row["drift_critical"],
      driftWarning: row["drift_warning"], accuracyDegraded: row["accuracy_degraded"],
      alertsCritical: row["alerts_critical"], alertsWarning: row["alerts_warning"],
      manifest: row["manifest"], startedAt: row["started_at"], finishedAt: row["finished_at"])
  }
}
