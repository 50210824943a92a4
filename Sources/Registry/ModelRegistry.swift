import DemandCore
import Forecasting
import Foundation
import GRDB
import Tabular
import _Digest

/// The workspace's model versions: registration, the champion, promotion, rollback and
/// rejection, each recorded in the audit log in the same transaction.
///
/// Artifacts are files, `versionsDirectory/<id>.json` (a fitted set of 100,000 series is tens
/// of megabytes, too much to copy through SQLite's page cache at each read), with their SHA-256
/// and size in the database; every load checks both. The champion's artifact is also copied to
/// `servingPath` (`DIR/models/fitted-set.json`) for readers outside ShelfCast (every command
/// serves the champion's artifact itself): a promotion or rollback rewrites it atomically inside
/// the transaction that changes the statuses, so a failed write leaves the old champion in
/// place; a kill after the write and before the commit leaves the copy ahead of the registry
/// until `repairServingCopy()`.
public struct ModelRegistry: Sendable {
  public let database: RegistryDatabase
  public let versionsDirectory: String
  public let servingPath: String
  /// Decodes artifacts: a promotion is refused unless its artifact decodes with this build.
  public let catalog: MethodCatalog

  public init(
    database: RegistryDatabase, versionsDirectory: String, servingPath: String,
    catalog: MethodCatalog
  ) {
    self.database = database
    self.versionsDirectory = versionsDirectory
    self.servingPath = servingPath
    self.catalog = catalog
  }

  /// The audit log of the same database.
  public var audit: AuditLog { AuditLog(database: database) }

  // MARK: - Reading

  /// Every version, oldest first.
  public func list() throws -> [ModelVersion] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM model_version ORDER BY number").map(
        ModelVersion.init(row:))
    }
  }

  /// The version `id`.
  /// - Throws: `RegistryError.unknownVersion`.
  public func show(_ id: String) throws -> ModelVersion {
    try database.read { db in try Self.version(id, db) }
  }

  /// The version in service, or `nil` before the first promotion.
  public func champion() throws -> ModelVersion? {
    try database.read { db in try Self.champion(db) }
  }

  // MARK: - Registration

  /// Stores the candidate's artifact as `versionsDirectory/<id>.json` and registers it as a
  /// `candidate`, with a `register` audit entry.
  /// - Returns: the new version.
  /// - Throws: `RegistryError.cannotWrite` when the artifact cannot be written (nothing is
  ///   registered then).
  public func register(_ candidate: ModelCandidate) throws -> ModelVersion {
    let sha256 = SHA256.hash(data: candidate.artifact).hex
    let configuration = try AuditLog.json(candidate.configuration)
    let metrics = try AuditLog.json(candidate.metrics)
    let mix = try AuditLog.json(candidate.selectedMix)
    return try database.write { db in
      let number = try (Int.fetchOne(db, sql: "SELECT MAX(number) FROM model_version") ?? 0) + 1
      let id = ModelVersion.id(number: number)
      let file = id + ".json"
      try write(candidate.artifact, to: versionsDirectory + "/" + file)
      try db.execute(
        sql: """
          INSERT INTO model_version (
            number, id, created_at, created_by, window_first_day, window_last_day,
            data_fingerprint, code_version, configuration, metrics, selected_mix, artifact_file,
            artifact_sha256, artifact_bytes, status, trigger, reason, run_date)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'candidate', ?, ?, ?)
          """,
        arguments: [
          number, id, database.timestamp(), database.actor.name,
          candidate.windowFirstDay.daysSinceEpoch, candidate.windowLastDay.daysSinceEpoch,
          candidate.dataFingerprint, candidate.codeVersion, configuration, metrics, mix, file,
          sha256, candidate.artifact.count, candidate.trigger.rawValue, candidate.reason,
          candidate.runDate?.daysSinceEpoch,
        ])
      let details = try AuditLog.json([
        "trigger": candidate.trigger.rawValue, "reason": candidate.reason,
        "window": "\(candidate.windowFirstDay.iso)..\(candidate.windowLastDay.iso)",
        "data_fingerprint": candidate.dataFingerprint, "code_version": candidate.codeVersion,
        "artifact_sha256": sha256, "series": String(candidate.selectedMix.seriesCount),
      ])
      _ = try AuditLog.append(.register, id, details, database, db)
      return try Self.version(id, db)
    }
  }

  // MARK: - Artifacts

  /// The artifact's bytes, after checking them against the registered size and SHA-256.
  /// - Throws: `RegistryError.artifactMissing` or `.artifactChecksumMismatch`.
  public func loadArtifact(_ id: String) throws -> Data {
    try loadArtifact(of: try show(id))
  }

  /// The version's fitted set, from a checked artifact.
  /// - Throws: as `loadArtifact`, and `RegistryError.artifactIncompatible` when it does not
  ///   decode with this build.
  public func loadFittedSet(_ id: String) throws -> FittedSet {
    let version = try show(id)
    return try decode(try loadArtifact(of: version), version)
  }

  func loadArtifact(of version: ModelVersion) throws -> Data {
    let path = artifactPath(version)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RegistryError.artifactMissing(version: version.id, path: path)
    }
    let actual = SHA256.hash(data: data).hex
    guard actual == version.artifactSHA256, data.count == version.artifactBytes else {
      throw RegistryError.artifactChecksumMismatch(
        version: version.id, path: path, expected: version.artifactSHA256, actual: actual)
    }
    return data
  }

  /// The version's horizon spread (quantile offsets and cover variance ratios), from a checked
  /// artifact's header alone: what `recommend` needs of the set that issued a forecast, without
  /// decoding its 100,000 series.
  /// - Throws: as `loadFittedSet`.
  public func loadHorizonSpread(_ id: String) throws -> HorizonSpread? {
    let version = try show(id)
    return try decoded(version) {
      try FittedSet.decodeHorizonSpread(
        try loadArtifact(of: version), catalog: catalog, path: artifactPath(version))
    }
  }

  func decode(_ data: Data, _ version: ModelVersion) throws -> FittedSet {
    try decoded(version) {
      try FittedSet.decode(data, catalog: catalog, path: artifactPath(version))
    }
  }

  /// `body`'s value, a `ForecastError` it throws as `artifactIncompatible` (other errors, such
  /// as reading the artifact, pass through).
  private func decoded<T>(_ version: ModelVersion, _ body: () throws -> T) throws -> T {
    let path = artifactPath(version)
    do {
      return try body()
    } catch let error as ForecastError {
      let reason: String
      if case .incompatibleFittedSet(_, let why) = error {
        reason = why
      } else {
        reason = "\(error)"
      }
      throw RegistryError.artifactIncompatible(version: version.id, path: path, reason: reason)
    }
  }

  /// Where the version's artifact is.
  public func artifactPath(_ version: ModelVersion) -> String {
    versionsDirectory + "/" + version.artifactFile
  }

  func write(_ data: Data, to path: String) throws {
    do { try AtomicFile.write([UInt8](data), to: path) } catch {
      throw RegistryError.cannotWrite(path: path, reason: "\(error)")
    }
  }

  // MARK: - Rows

  static func version(_ id: String, _ db: Database) throws -> ModelVersion {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT * FROM model_version WHERE id = ?", arguments: [id])
    else { throw RegistryError.unknownVersion(id) }
    return try ModelVersion(row: row)
  }

  /// Every version registered by the retraining of `runDate`, oldest first: the judged
  /// candidate (window end c), then its refit (window end D) when it won.
  public func versions(registeredOn runDate: Day) throws -> [ModelVersion] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM model_version WHERE run_date = ? ORDER BY number",
        arguments: [runDate.daysSinceEpoch]
      ).map(ModelVersion.init(row:))
    }
  }

  /// The last version registered by the nightly retraining of `runDate`, if any.
  public func version(registeredOn runDate: Day) throws -> ModelVersion? {
    try database.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM model_version WHERE run_date = ? ORDER BY number DESC LIMIT 1",
        arguments: [runDate.daysSinceEpoch]
      ).map(ModelVersion.init(row:))
    }
  }

  /// The last version registered by a nightly retraining before or on `day`, if any.
  public func lastRetrain(onOrBefore day: Day) throws -> ModelVersion? {
    try database.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT * FROM model_version WHERE run_date IS NOT NULL AND run_date <= ?
          ORDER BY run_date DESC, number DESC LIMIT 1
          """, arguments: [day.daysSinceEpoch]
      ).map(ModelVersion.init(row:))
    }
  }

  static func champion(_ db: Database) throws -> ModelVersion? {
    try Row.fetchOne(db, sql: "SELECT * FROM model_version WHERE status = 'champion'").map(
      ModelVersion.init(row:))
  }
}

extension ModelVersion {
  init(row: Row) throws {
    let id: String = row["id"]
    func decoded<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
      let text: String = row[column]
      do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
        throw RegistryError.corruptRecord(version: id, reason: "\(column): \(error)")
      }
    }
    let statusText: String = row["status"]
    guard let status = ModelStatus(rawValue: statusText) else {
      throw RegistryError.corruptRecord(version: id, reason: "unknown status '\(statusText)'")
    }
    self.init(
      id: id, number: row["number"], createdAt: row["created_at"], createdBy: row["created_by"],
      windowFirstDay: Day(daysSinceEpoch: row["window_first_day"]),
      windowLastDay: Day(daysSinceEpoch: row["window_last_day"]),
      dataFingerprint: row["data_fingerprint"], codeVersion: row["code_version"],
      configurationJSON: row["configuration"],
      metrics: try decoded(ModelMetrics.self, "metrics"),
      selectedMix: try decoded(SelectedMix.self, "selected_mix"),
      artifactFile: row["artifact_file"], artifactSHA256: row["artifact_sha256"],
      artifactBytes: row["artifact_bytes"], status: status,
      trigger: RetrainTrigger(rawValue: row["trigger"]), reason: row["reason"],
      promotedBy: row["promoted_by"], promotedAt: row["promoted_at"],
      promotionReason: row["promotion_reason"], retiredAt: row["retired_at"],
      statusReason: row["status_reason"],
      runDate: (row["run_date"] as Int32?).map { Day(daysSinceEpoch: $0) },
      evaluationWindowLastDay: (row["evaluation_window_last_day"] as Int32?).map {
        Day(daysSinceEpoch: $0)
      },
      refitOf: row["refit_of"],
      comparison: try (row["comparison"] as String?).map { _ in
        try decoded(HoldoutComparison.self, "comparison")
      },
      decision: try (row["decision"] as String?).map { _ in
        try decoded(RetrainDecision.self, "decision")
      },
      overrideNote: row["override_note"])
  }
}
