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
  /// - Parameters:
  ///   - reason: why, recorded with the actor in the version and the audit log.
  ///   - byHand: a person's decision: a `rejected` version may be promoted too, the override
  ///     (who, when, why, and the rejection overridden) kept in `overrideNote`, the audit
  ///     entry's `override` and the model card.
  /// - Throws: `RegistryError.unknownVersion`; `.invalidTransition` for the champion, and for a
  ///   rejected version unless `byHand`; the artifact errors of `loadFittedSet`; `.cannotWrite`
  ///   for the serving file.
  public func promote(_ id: String, reason: String, byHand: Bool = false) throws -> Promotion {
    let version = try show(id)
    try Self.checkPromotable(version, byHand: byHand)
    let data = try loadArtifact(of: version)
    let fittedSet = try decode(data, version)
    return try database.write { db in
      // Statuses may have moved since the check above (another process); check again inside
      // the write lock.
      let current = try Self.version(id, db)
      try Self.checkPromotable(current, byHand: byHand)
      let now = database.timestamp()
      var override: String?
      if current.status == .rejected {
        let note =
          "promoted by hand by \(database.actor.name) at \(now) over its rejection "
          + "(\(current.statusReason ?? "no reason recorded")): \(reason)"
        try db.execute(
          sql: "UPDATE model_version SET override_note = ? WHERE id = ?", arguments: [note, id])
        override = current.statusReason ?? ""
      }
      let previous = try Self.champion(db)
      if let previous {
        try Self.retire(
          previous.id, status: .archived, at: now, why: "replaced by \(id): \(reason)", db)
      }
      try Self.crown(id, at: now, by: database.actor.name, reason: reason, db)
      var fields = [
        "reason": reason, "replaced": previous?.id ?? "", "artifact_sha256": version.artifactSHA256,
        "was": current.status.rawValue,
      ]
      if let override { fields["override"] = override }
      let details = try AuditLog.json(fields)
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
  /// - Parameter target: the version to return to instead (any but the champion; a rejected
  ///   one is an override by hand, recorded as by `promote(_:reason:byHand:)`).
  /// - Throws: `RegistryError.noChampion`, `.noPreviousChampion` (naming the version to
  ///   promote by hand instead), `.invalidTransition` for a `target` that is the champion, the
  ///   artifact errors of `loadFittedSet`, `.cannotWrite`.
  public func rollback(reason: String, to target: String? = nil) throws -> Promotion {
    let (current, previous) = try database.read { db in
      guard let current = try Self.champion(db) else { throw RegistryError.noChampion }
      return (current, try target.map { try Self.version($0, db) } ?? Self.previousChampion(db))
    }
    if let previous, previous.id == current.id {
      throw RegistryError.invalidTransition(
        version: previous.id, status: .champion, operation: "roll back to",
        hint: "It is already in service.")
    }
    guard let previous else {
      throw RegistryError.noPreviousChampion(
        current: current.id, lastFormer: try database.read { try Self.lastFormerChampion($0) }?.id)
    }
    let data = try loadArtifact(of: previous)
    let fittedSet = try decode(data, previous)
    return try database.write { db in
      let returning = try Self.version(previous.id, db)
      guard try Self.champion(db)?.id == current.id,
        try target != nil || Self.previousChampion(db)?.id == previous.id,
        returning.status != .champion
      else {
        throw RegistryError.database("the registry changed during the rollback; run it again")
      }
      let now = database.timestamp()
      if returning.status == .rejected {
        let note =
          "rolled back to by hand by \(database.actor.name) at \(now) over its rejection "
          + "(\(returning.statusReason ?? "no reason recorded")): \(reason)"
        try db.execute(
          sql: "UPDATE model_version SET override_note = ? WHERE id = ?",
          arguments: [note, previous.id])
      }
      try Self.retire(
        current.id, status: .rejected, at: now,
        why: "rolled back to \(previous.id): \(reason)", db)
      try Self.crown(previous.id, at: now, by: database.actor.name, reason: reason, db)
      var fields = [
        "reason": reason, "from": current.id, "to": previous.id,
        "artifact_sha256": previous.artifactSHA256,
      ]
      if returning.status == .rejected { fields["override"] = returning.statusReason ?? "" }
      let details = try AuditLog.json(fields)
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

  static func checkPromotable(_ version: ModelVersion, byHand: Bool) throws {
    switch version.status {
    case .candidate, .archived: return
    case .rejected where byHand: return
    case .champion:
      throw RegistryError.invalidTransition(
        version: version.id, status: .champion, operation: "promote",
        hint: "It is already in service.")
    case .rejected:
      throw RegistryError.invalidTransition(
        version: version.id, status: .rejected, operation: "promote",
        hint:
          "Only a person overrides a rejection: `shelfcast registry promote \(version.id) "
          + "--reason TEXT`.")
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

  /// The version that left the champion's place most recently, whatever its status now.
  static func lastFormerChampion(_ db: Database) throws -> ModelVersion? {
    try Row.fetchOne(
      db,
      sql: """
        SELECT * FROM model_version WHERE retired_order IS NOT NULL
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
