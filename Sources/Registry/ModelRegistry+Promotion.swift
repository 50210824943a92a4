import Forecasting
import Foundation
import GRDB
import Tabular

/// A change of champion.
public struct Promotion: Sendable {
  /// The version now in service, as updated.
  public var champion: ModelVersion
  /// The version it replaced, as updated (archived by a promotion, rejected by a rollback), or
  /// `nil` for the first promotion.
  public var replaced: ModelVersion?
  /// The champion's fitted set, decoded from its checked artifact.
  public var fittedSet: FittedSet
}

extension ModelRegistry {
  /// Makes `id` the champion: the current champion becomes `archived`, and the artifact is
  /// installed at `servingPath`.
  ///
  /// The artifact is checked (size, SHA-256, decoding with this build) before anything
  /// changes; if it fails, the error says why and the champion stays in service.
  /// - Parameter reason: why, recorded with the actor in the version and the audit log.
  /// - Throws: `RegistryError.unknownVersion`; `.invalidTransition` unless `id` is a candidate
  ///   or archived; the artifact errors of `loadFittedSet`; `.cannotWrite` for the serving file.
  public func promote(_ id: String, reason: String) throws -> Promotion {
    let version = try show(id)
    try Self.checkPromotable(version)
    let data = try loadArtifact(of: version)
    let fittedSet = try decode(data, version)
    return try database.write { db in
      // Statuses may have moved since the check above (another process); check again inside
      // the write lock.
      try Self.checkPromotable(try Self.version(id, db))
      let now = database.timestamp()
      let previous = try Self.champion(db)
      if let previous {
        try Self.retire(
          previous.id, status: .archived, at: now, why: "replaced by \(id): \(reason)", db)
      }
      try Self.crown(id, at: now, by: database.actor.name, reason: reason, db)
      let details = try AuditLog.json([
        "reason": reason, "replaced": previous?.id ?? "", "artifact_sha256": version.artifactSHA256,
        "was": version.status.rawValue,
      ])
      _ = try AuditLog.append(.promote, id, details, database, db)
      try write(data, to: servingPath)
      // Killed here, the serving file is the new champion's but the transaction is rolled
      // back: the next nightly run judges the candidate again and promotes it.
      CrashPoint.hit("registry.serving-written-uncommitted")
      return Promotion(
        champion: try Self.version(id, db),
        replaced: try previous.map { try Self.version($0.id, db) },
        fittedSet: fittedSet)
    }
  }

  /// Takes the champion out of service (it becomes `rejected`) and returns the version that was
  /// champion most recently before it, if that one is still `archived`.
  ///
  /// Repeated rollbacks walk further back, since each rejects the version it leaves. The
  /// returning version's artifact is checked first; if it fails, nothing changes.
  /// - Throws: `RegistryError.noChampion`, `.noPreviousChampion`, the artifact errors of
  ///   `loadFittedSet`, `.cannotWrite`.
  public func rollback(reason: String) throws -> Promotion {
    let (current, previous) = try database.read { db in
      guard let current = try Self.champion(db) else { throw RegistryError.noChampion }
      return (current, try Self.previousChampion(db))
    }
    guard let previous else { throw RegistryError.noPreviousChampion(current: current.id) }
    let data = try loadArtifact(of: previous)
    let fittedSet = try decode(data, previous)
    return try database.write { db in
      guard try Self.champion(db)?.id == current.id,
        try Self.previousChampion(db)?.id == previous.id
      else {
        throw RegistryError.database("the registry changed during the rollback; run it again")
      }
      let now = database.timestamp()
      try Self.retire(
        current.id, status: .rejected, at: now,
        why: "rolled back to \(previous.id): \(reason)", db)
      try Self.crown(previous.id, at: now, by: database.actor.name, reason: reason, db)
      let details = try AuditLog.json([
        "reason": reason, "from": current.id, "to": previous.id,
        "artifact_sha256": previous.artifactSHA256,
      ])
      _ = try AuditLog.append(.rollback, previous.id, details, database, db)
      try write(data, to: servingPath)
      return Promotion(
        champion: try Self.version(previous.id, db), replaced: try Self.version(current.id, db),
        fittedSet: fittedSet)
    }
  }

  /// Marks a candidate or archived version `rejected`: it will not be promoted or rolled back
  /// to.
  /// - Throws: `RegistryError.unknownVersion`; `.invalidTransition` for the champion (roll back
  ///   or promote another version first) or an already rejected version.
  public func reject(_ id: String, reason: String) throws -> ModelVersion {
    try database.write { db in
      let version = try Self.version(id, db)
      switch version.status {
      case .candidate, .archived: break
      case .champion:
        throw RegistryError.invalidTransition(
          version: id, status: .champion, operation: "reject",
          hint: "Roll back, or promote another version, first.")
      case .rejected:
        throw RegistryError.invalidTransition(
          version: id, status: .rejected, operation: "reject", hint: "Nothing to do.")
      }
      try db.execute(
        sql: "UPDATE model_version SET status = 'rejected', status_reason = ? WHERE id = ?",
        arguments: [reason, id])
      let details = try AuditLog.json(["reason": reason, "was": version.status.rawValue])
      _ = try AuditLog.append(.reject, id, details, database, db)
      return try Self.version(id, db)
    }
  }

  // MARK: - Rules

  static func checkPromotable(_ version: ModelVersion) throws {
    switch version.status {
    case .candidate, .archived: return
    case .champion:
      throw RegistryError.invalidTransition(
        version: version.id, status: .champion, operation: "promote",
        hint: "It is already in service.")
    case .rejected:
      throw RegistryError.invalidTransition(
        version: version.id, status: .rejected, operation: "promote",
        hint: "Rejected versions stay out of service; train a new version instead.")
    }
  }

  /// The archived version that left the champion's place most recently.
  static func previousChampion(_ db: Database) throws -> ModelVersion? {
    try Row.fetchOne(
      db,
      sql: """
        SELECT * FROM model_version
        WHERE status = 'archived' AND retired_order IS NOT NULL
        ORDER BY retired_order DESC LIMIT 1
        """
    ).map(ModelVersion.init(row:))
  }

  /// Takes the champion `id` out of service with `status`.
  static func retire(
    _ id: String, status: ModelStatus, at now: String, why: String, _ db: Database
  ) throws {
    try db.execute(
      sql: """
        UPDATE model_version SET status = ?, retired_at = ?, status_reason = ?,
          retired_order = (SELECT COALESCE(MAX(retired_order), 0) + 1 FROM model_version)
        WHERE id = ?
        """,
      arguments: [status.rawValue, now, why, id])
  }

  static func crown(_ id: String, at now: String, by actor: String, reason: String, _ db: Database)
    throws
  {
    try db.execute(
      sql: """
        UPDATE model_version SET status = 'champion', promoted_by = ?, promoted_at = ?,
          promotion_reason = ?, status_reason = NULL
        WHERE id = ?
        """,
      arguments: [actor, now, reason, id])
  }
}
