import DemandCore
import Foundation
import History
import Logging
import Tabular

/// The copies of the workspace database (the system of record) in `DIR/backups/`: one per
/// finished night, `shelfcast-<run date>.sqlite`, the newest `backup_keep` kept.
///
/// A copy is a consistent snapshot of the last commit (`HistoryDatabase.backUp(to:)`): the
/// database file copied whole after a full checkpoint, under the write lock, or page by page
/// with SQLite's online backup API when a reader holds the checkpoint back. It is written to a
/// temporary name and renamed, so a copy under its final name is always whole. The night's copy is taken
/// after its `night` record, so a restored copy holds that night's work and the next night
/// starts from it.
public enum DatabaseBackups {
  /// One copy on disk.
  public struct Copy: Sendable, Equatable {
    /// `shelfcast-2026-10-18.sqlite`.
    public var name: String
    public var path: String
    public var bytes: Int
    /// The night it was taken after, read from its name.
    public var night: Day?
  }

  /// What taking a copy did, for the log.
  public struct Outcome: Sendable, Equatable {
    public var copy: Copy
    /// The copies kept after it, the new one included, and their bytes together.
    public var kept: Int
    public var keptBytes: Int
    /// Copies removed to keep `backup_keep`.
    public var removed: [String]
  }

  static let prefix = "shelfcast-"
  static let suffix = ".sqlite"

  public static func directory(_ workspace: Workspace) -> String { workspace.root + "/backups" }

  static func path(_ workspace: Workspace, night: Day) -> String {
    directory(workspace) + "/" + prefix + night.iso + suffix
  }

  /// Runs `PRAGMA quick_check` on the workspace database (when it exists).
  /// - Throws: `HistoryError.damaged` naming the file and what SQLite found.
  public static func check(_ workspace: Workspace) throws {
    guard FileManager.default.fileExists(atPath: workspace.databasePath) else { return }
    try HistoryDatabase.quickCheck(path: workspace.databasePath)
  }

  /// The copies on disk, oldest first.
  public static func list(_ workspace: Workspace) -> [Copy] {
    let folder = directory(workspace)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted().map { name in
      let path = folder + "/" + name
      let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      let date = name.dropFirst(prefix.count).dropLast(suffix.count)
      return Copy(name: name, path: path, bytes: bytes, night: Day(iso: String(date)))
    }
  }

  /// Copies the database as the night of `night` left it, then removes the oldest copies
  /// beyond `keep`. A copy of the same night made before is replaced.
  /// - Returns: `nil` when `keep` is 0 (no copies are kept).
  /// - Throws: `HistoryError.database` when SQLite cannot write the copy (the temporary file
  ///   is removed); file errors.
  @discardableResult
  public static func take(
    _ database: HistoryDatabase, workspace: Workspace, night: Day, keep: Int, logger: Logger?
  ) throws -> Outcome? {
    guard keep > 0 else { return nil }
    let folder = directory(workspace)
    try AtomicFile.makeDirectories(folder)
    let final = path(workspace, night: night)
    let temporary = folder + "/." + prefix + night.iso + suffix + ".tmp-\(getpid())"
    unlink(temporary)
    let method: HistoryDatabase.BackupMethod
    do {
      method = try database.backUp(to: temporary)
      CrashPoint.hit("backup.before-rename")
      guard rename(temporary, final) == 0 else {
        throw PipelineError.workspaceUnusable(
          path: final, reason: "cannot rename the copy: \(String(cString: strerror(errno)))")
      }
    } catch {
      unlink(temporary)
      throw error
    }
    var copies = list(workspace)
    var removed: [String] = []
    while copies.count > keep {
      let oldest = copies.removeFirst()
      if unlink(oldest.path) == 0 { removed.append(oldest.name) }
    }
    let copy = copies.first { $0.path == final } ?? Copy(name: "", path: final, bytes: 0)
    let outcome = Outcome(
      copy: copy, kept: copies.count, keptBytes: copies.reduce(0) { $0 + $1.bytes },
      removed: removed)
    logger?.notice(
      "database copied",
      metadata: [
        "copy": "\(final)", "method": "\(method.rawValue)", "bytes": "\(copy.bytes)",
        "copies_kept": "\(outcome.kept)",
        "copies_bytes": "\(outcome.keptBytes)", "removed": "\(removed.joined(separator: ", "))",
      ])
    return outcome
  }
}
