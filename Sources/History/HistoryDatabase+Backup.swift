import Foundation
import GRDB

extension HistoryDatabase {
  /// Runs SQLite's `PRAGMA quick_check` on the database file at `path`, without migrating or
  /// writing it.
  ///
  /// `quick_check` reads every page and checks the b-tree structure, records and free list
  /// (not the indexes' content, which `integrity_check` also compares): about a second per
  /// GB on a warm cache.
  /// - Throws: `HistoryError.damaged` naming the file and SQLite's first findings, when the
  ///   file cannot be opened as a database (overwritten, truncated) or the check finds
  ///   anything.
  public static func quickCheck(path: String) throws {
    var configuration = Configuration()
    configuration.readonly = true
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      let findings = try queue.read { db in
        try String.fetchAll(db, sql: "PRAGMA quick_check(10)")
      }
      guard findings == ["ok"] else {
        throw HistoryError.damaged(path: path, findings: findings.joined(separator: "; "))
      }
    } catch let error as DatabaseError {
      throw HistoryError.damaged(path: path, findings: error.message ?? "\(error)")
    }
  }

  /// Writes a consistent copy of the database to `path` with `VACUUM INTO` (a snapshot of the
  /// last commit, compacted: free pages are left out), while readers go on.
  ///
  /// `path` must not exist. The copy holds writers back for as long as it takes (about
  /// the time to read and write the file once).
  /// - Throws: `HistoryError.database` when SQLite fails (a full disk, an existing `path`).
  public func backUp(to path: String) throws {
    do {
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [path])
      }
    } catch let error as DatabaseError {
      throw HistoryError.database("copying \(self.path) to \(path): \(error.message ?? "\(error)")")
    }
  }
}
