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

  /// The temporary name of the copy of `night` this process writes.
  static func temporaryPath(_ workspace: Workspace, night: Day) -> String {
    directory(workspace) + "/." + prefix + night.iso + suffix + ".tmp-\(getpid())"
  }

  /// A byte copy of the database file started in the background when a night begins, so that
  /// writing gigabytes to the disk overlaps the night's stages instead of following them;
  /// `take(..., draft:)` then rewrites only what the night changed (`HistoryDatabase.backUp(to:
  /// draft:)`). The database may change while the draft is copied: the final step compares
  /// every chunk, so the copy equals the file all the same.
  ///
  /// On the benchmark's 200 × 500 night (a 2.9 GB database on a disk that writes 340 MB/s) the
  /// copy after the night took 8–9 s; with a draft the step after the night reads both files
  /// and rewrites the chunks the night changed.
  ///
  /// `@unchecked Sendable`: `failure` is written once by the copying task before it leaves
  /// `copying`, and read only after waiting on it.
  public final class Draft: @unchecked Sendable {
    let path: String
    private let copying = DispatchGroup()
    private var failure: String?

    fileprivate init(path: String, source: String) {
      self.path = path
      copying.enter()
      // A thread of its own, at the lowest CPU priority (on Linux `setpriority` with 0 sets
      // the calling thread's nice value only): the copy mostly waits on the disk, and its
      // kernel copying then runs in the night's idle moments instead of slowing a stage.
      let thread = Thread { [self] in
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        do { try FileCopy.copy(from: source, to: path) } catch { failure = "\(error)" }
        copying.leave()
      }
      thread.name = "shelfcast-backup-draft"
      thread.start()
    }

    /// Waits for the copy; the reason it failed, `nil` when it is complete.
    func finish() -> String? {
      copying.wait()
      return failure
    }

    /// Waits for the copy and removes it unless `take` made it the night's copy (renamed it).
    public func discard() {
      copying.wait()
      unlink(path)
    }
  }

  /// Starts the draft of the copy of `night` (see `Draft`); `nil` when `keep` is 0 or the
  /// backups folder cannot be made (the copy is then made whole after the night, if at all).
  public static func startDraft(
    _ database: HistoryDatabase, workspace: Workspace, night: Day, keep: Int
  ) -> Draft? {
    guard keep > 0, (try? AtomicFile.makeDirectories(directory(workspace))) != nil else {
      return nil
    }
    let temporary = temporaryPath(workspace, night: night)
    unlink(temporary)
    return Draft(path: temporary, source: database.path)
  }

  /// Copies the database as the night of `night` left it, then removes the oldest copies
  /// beyond `keep`. A copy of the same night made before is replaced.
  /// - Parameter draft: the copy started when the night began (`startDraft`, same workspace and
  ///   night), brought up to date here; without one (or when it failed) the copy is made
  ///   whole. The caller keeps it, and discards it whatever happens here.
  /// - Returns: `nil` when `keep` is 0 (no copies are kept).
  /// - Throws: `HistoryError.database` when SQLite cannot write the copy (the temporary file
  ///   is removed); file errors.
  @discardableResult
  public static func take(
    _ database: HistoryDatabase, workspace: Workspace, night: Day, keep: Int, logger: Logger?,
    draft: Draft? = nil
  ) throws -> Outcome? {
    guard keep > 0 else { return nil }
    let folder = directory(workspace)
    try AtomicFile.makeDirectories(folder)
    let final = path(workspace, night: night)
    let temporary = temporaryPath(workspace, night: night)
    // A draft is always at `temporary` (`startDraft`); its owner discards it when unused.
    var drafted = false
    if let draft {
      if let failure = draft.finish() {
        logger?.notice(
          "the database copy started with the night failed; copying it whole",
          metadata: ["copy": "\(draft.path)", "error": "\(failure)"])
      } else {
        drafted = true
      }
    }
    if !drafted { unlink(temporary) }
    let method: HistoryDatabase.BackupMethod
    do {
      method = try database.backUp(to: temporary, draft: drafted)
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
