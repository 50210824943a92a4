import Foundation
import GRDB

/// The workspace's audit log: an append-only table of entries, each chained to the one before it
/// by SHA-256 (see `AuditEntry`), so that `verify()` finds any entry edited, deleted or moved.
///
/// Registry operations append their own entries inside the transaction of the change they
/// record. Other stages (ingest, training runs, configuration changes) call `append`, which
/// commits the entry on its own. SQLite triggers refuse `UPDATE` and `DELETE` on the table; the
/// chain is what catches a change made around them.
public struct AuditLog: Sendable {
  let database: RegistryDatabase

  public init(database: RegistryDatabase) {
    self.database = database
  }

  /// Appends one entry dated now and signed by the database's actor.
  /// - Parameter details: encoded as JSON with sorted keys; what is stored is what is hashed.
  /// - Returns: the entry as stored, with its seq and hash.
  @discardableResult
  public func append(
    _ action: AuditAction, subject: String, details: some Encodable & Sendable
  ) throws -> AuditEntry {
    let json = try Self.json(details)
    return try database.write { db in try Self.append(action, subject, json, database, db) }
  }

  /// `append` with string details.
  @discardableResult
  public func append(_ action: AuditAction, subject: String, details: [String: String] = [:])
    throws -> AuditEntry
  {
    let json = try Self.json(details)
    return try database.write { db in try Self.append(action, subject, json, database, db) }
  }

  /// Entries with `seq` above `after`, oldest first, at most `limit` of them.
  public func entries(after: Int64 = 0, limit: Int? = nil) throws -> [AuditEntry] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?",
        arguments: [after, limit ?? -1]
      ).map(AuditEntry.init(row:))
    }
  }

  /// The latest entry of `action`, if any.
  public func lastEntry(_ action: AuditAction) throws -> AuditEntry? {
    try database.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM audit_entry WHERE action = ? ORDER BY seq DESC LIMIT 1",
        arguments: [action.rawValue]
      ).map(AuditEntry.init(row:))
    }
  }

  // MARK: - Inside another transaction

  /// Appends an entry inside the caller's (immediate) transaction and moves the head.
  static func append(
    _ action: AuditAction, _ subject: String, _ details: String, _ database: RegistryDatabase,
    _ db: Database
  ) throws -> AuditEntry {
    let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
    let previousSeq: Int64 = head?["seq"] ?? 0
    let previousHash: String = head?["hash"] ?? AuditEntry.genesisHash
    var entry = AuditEntry(
      seq: previousSeq + 1, at: database.timestamp(), user: database.actor.user,
      host: database.actor.host, action: action, subject: subject, details: details,
      previousHash: previousHash, hash: "")
    guard let hash = entry.computedHash() else {
      throw RegistryError.database(
        "the audit head holds a malformed hash (\(previousHash)); run `shelfcast audit verify`")
    }
    entry.hash = hash
    try db.execute(
      sql: """
        INSERT INTO audit_entry (seq, at, user, host, action, subject, details, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        entry.seq, entry.at, entry.user, entry.host, entry.action.rawValue, entry.subject,
        entry.details, entry.previousHash, entry.hash,
      ])
    try db.execute(
      sql: "INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)",
      arguments: [entry.seq, entry.hash])
    return entry
  }

  /// Sorted-key JSON without whitespace or escaped slashes.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
      throw RegistryError.database("audit details cannot be encoded as JSON: \(error)")
    }
  }
}

extension AuditEntry {
  init(row: Row) {
    self.init(
      seq: row["seq"], at: row["at"], user: row["user"], host: row["host"],
      action: AuditAction(rawValue: row["action"]), subject: row["subject"],
      details: row["details"], previousHash: row["prev_hash"], hash: row["hash"])
  }
}
