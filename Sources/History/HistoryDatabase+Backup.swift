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

  /// How `backUp(to:)` made its copy.
  public enum BackupMethod: String, Sendable, Equatable {
    /// The database file itself, copied in the kernel after a full checkpoint, under the
    /// write lock.
    case fileCopy = "file_copy"
    /// An earlier byte copy of the file (`FileCopy`, taken while the night ran) brought up to
    /// date after a full checkpoint, under the write lock: only the chunks that differ are
    /// rewritten.
    case draftUpdate = "draft_update"
    /// SQLite's online backup API, page by page (a reader kept the checkpoint from completing).
    case pageCopy = "page_copy"
  }

  /// Writes a consistent copy of the last commit to `path`.
  ///
  /// The fast way, taken whenever it is safe: a full checkpoint (`wal_checkpoint(TRUNCATE)`)
  /// moves every commit into the database file and empties the WAL; then, under the write lock
  /// (`BEGIN IMMEDIATE`, so no commit can start), the WAL is confirmed still empty and the file
  /// is copied. Nothing can change the file meanwhile: readers do not write it, and with an
  /// empty WAL a checkpoint has nothing to copy. The copy is either the whole file, copied by
  /// the kernel and flushed (`FileCopy.copy`: about 3 s on the benchmark's 2.9 GB workspace,
  /// against 12 s page by page), or, with `draft`, the chunks of that earlier byte copy of the
  /// file that differ from it (`FileCopy.update`): the draft may have been taken while the
  /// database changed, and comes out equal to the file all the same.
  ///
  /// When a reader of an older snapshot (another process, e.g. `shelfcast serve`) keeps the
  /// checkpoint from completing, the copy is made with SQLite's online backup API instead
  /// (`sqlite3_backup`, through GRDB's `backup(to:)`): the pages of one snapshot, read from a
  /// reader of the pool, while the pool's readers go on. That page copy is about twice as fast
  /// as `VACUUM INTO`, which rebuilds every table and index.
  /// - Parameter draft: `true` when `path` holds an earlier byte copy of the database file to
  ///   bring up to date; `false` when `path` must not exist.
  /// - Returns: how the copy was made.
  /// - Throws: `HistoryError.database` when SQLite or the copy fails (a full disk, an existing
  ///   `path` without `draft`).
  @discardableResult
  public func backUp(to path: String, draft: Bool = false) throws -> BackupMethod {
    let source = self.path
    do {
      let copied = try underCheckpoint {
        if draft {
          try FileCopy.update(path, from: source)
          return BackupMethod.draftUpdate
        }
        try FileCopy.copy(from: source, to: path)
        return BackupMethod.fileCopy
      }
      if let copied { return copied }
      if draft { unlink(path) }
      let destination = try DatabaseQueue(path: path)
      try pool.backup(to: destination)
      try destination.close()
      return .pageCopy
    } catch let error as DatabaseError {
      throw HistoryError.database("copying \(source) to \(path): \(error.message ?? "\(error)")")
    } catch let error as FileCopy.Failure {
      throw HistoryError.database("copying \(source) to \(path): \(error)")
    }
  }

  /// How long the backup's checkpoint waits for readers of older snapshots.
  static let checkpointWaitMilliseconds = 1_000

  /// Runs `body` when the database file holds every commit and no commit can start: after a
  /// full checkpoint, under the write lock, with the WAL still empty. `nil` (`body` not run)
  /// when the checkpoint could not empty the WAL or a commit came between it and the lock.
  private func underCheckpoint<T>(_ body: () throws -> T) throws -> T? {
    let walPath = path + "-wal"
    return try pool.writeWithoutTransaction { db in
      // A reader of an older snapshot gets a second to finish (reads are short), not the
      // pool's ten: past it the page copy does not need the checkpoint.
      let busyMilliseconds = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
      try db.execute(sql: "PRAGMA busy_timeout = \(Self.checkpointWaitMilliseconds)")
      defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busyMilliseconds)") }
      do {
        try db.checkpoint(.truncate)
      } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
        return nil
      }
      var result: T?
      try db.inTransaction(.immediate) {
        // A commit between the checkpoint and the lock would have written the WAL again.
        var wal = stat()
        guard stat(walPath, &wal) != 0 || wal.st_size == 0 else { return .rollback }
        result = try body()
        return .rollback
      }
      return result
    }
  }
}
