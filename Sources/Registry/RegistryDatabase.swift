import Foundation
import GRDB
import History

/// The registry's connection to the workspace database (`DIR/shelfcast.sqlite`): its own
/// migrations, the actor every record names, and the clock that dates it.
///
/// Opens its own connection pool beside History's; SQLite (WAL) serialises the writers, each
/// waiting up to 10 s for the other. Every change is one immediate transaction, so the audit
/// entry recording a change commits with it or not at all.
public final class RegistryDatabase: Sendable {
  let pool: DatabasePool
  public let path: String
  /// Who the records of this connection name.
  public let actor: AuditActor
  private let clock: @Sendable () -> Date

  /// Opens (creating if needed) the database at `path` and applies the registry's migrations.
  /// - Parameters:
  ///   - actor: the user and host recorded; by default this process's.
  ///   - clock: the time recorded; by default the wall clock.
  /// - Throws: `RegistryError.cannotOpen` naming the path and SQLite's reason.
  public init(
    path: String, actor: AuditActor = .current(), clock: @escaping @Sendable () -> Date = Date.init
  ) throws {
    self.path = path
    self.actor = actor
    self.clock = clock
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      try RegistrySchema.migrator.migrate(pool)
    } catch let error as DatabaseError {
      throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
    }
  }

  /// The registry's view of an open history database: the same connection pool (one pool per
  /// command, not one per reader), with the registry's migrations applied to it; with
  /// `readOnly` (a database opened read-only), checked to be applied instead.
  /// - Throws: `RegistryError.cannotOpen` naming the path and SQLite's reason, or with
  ///   `readOnly` saying the schema is older than this build's.
  public init(
    sharing history: HistoryDatabase, readOnly: Bool = false, actor: AuditActor = .current(),
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws {
    self.path = history.path
    self.actor = actor
    self.clock = clock
    pool = history.pool
    do {
      if readOnly {
        guard try pool.read({ try RegistrySchema.migrator.hasCompletedMigrations($0) }) else {
          throw RegistryError.cannotOpen(path: path, reason: HistoryDatabase.olderSchema)
        }
      } else {
        try RegistrySchema.migrator.migrate(pool)
      }
    } catch let error as DatabaseError {
      throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
    }
  }

  /// Now, as stored: ISO 8601 in UTC with milliseconds (`2026-11-27T04:45:00.123Z`).
  func timestamp() -> String { Self.timestamp(clock()) }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  // MARK: - Scoped access

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try pool.read(body) } catch let error as DatabaseError {
      throw RegistryError.database(error.description)
    }
  }

  /// Runs `body` in one immediate transaction (the write lock taken at its start, so what it
  /// reads cannot change before it writes), committed when `body` returns.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else { preconditionFailure("a committed transaction ran its body") }
        return result
      }
    } catch let error as DatabaseError {
      throw RegistryError.database(error.description)
    }
  }
}
