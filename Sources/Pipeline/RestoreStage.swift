import DemandCore
import Foundation
import History
import Ingest
import Logging
import Registry
import Tabular

/// `shelfcast restore`: returns the workspace database to one of its copies
/// (`DatabaseBackups`) and replays the input files ingested since, so nothing the ledger took
/// in after the copy is lost.
///
/// 1. The copy (the newest, or the one named) passes `PRAGMA quick_check` first.
/// 2. The files to replay: when the current database can still be read, its ledger's files
///    stored after the copy's last ledger entry (in ledger order, with the nightly run date
///    each was taken in for); when it cannot, the files the ingest manifests
///    (`manifests/ingest-*.json`) list as stored and the copy's ledger does not know, with the
///    run date of the nightly manifest that lists them.
/// 3. The current database (and its `-wal`, `-shm` files) is moved aside into
///    `backups/replaced-<time>-<pid>/`, never deleted; the copy is put in its place (a temporary
///    file renamed).
/// 4. Each file is ingested again from its path (or the inbox); a file no longer there is
///    reported, not guessed.
/// 5. A `restore` audit entry records the copy, the files replayed and those missing.
///
/// Resumable: the copy's name and the files to replay are written to
/// `backups/.restore-pending.json` before the database is replaced, and removed after the
/// audit entry; a restore killed in between is done again from that record (the copy put in
/// place again, every file replayed) by the next `restore`, whatever it names. A restore run
/// again right after one finished (the newest audit entry is that copy's `restore`, nothing
/// ingested since) changes nothing.
///
/// The nights after the copy are not finished in the restored database: `shelfcast nightly
/// --catch-up` runs them again (their files come back as ingested by them, counted once).
/// The caller holds the workspace lock.
public enum RestoreStage {
  /// What a restore did.
  public struct Outcome: Sendable {
    public var copy: DatabaseBackups.Copy
    /// Where the replaced database went.
    public var replacedDirectory: String?
    /// Files ingested again, by name.
    public var replayed: [String]
    /// Files that were ingested after the copy but are no longer on disk.
    public var missing: [String]
    /// True when the workspace already was this copy, restored by the previous command.
    public var alreadyRestored = false
  }

  /// What a restore under way is doing, kept until it has finished.
  struct Pending: Codable, Equatable {
    var copy: String
    var replays: [Replay]
  }

  /// A file to ingest again.
  struct Replay: Codable, Equatable {
    var fileName: String
    var sha256: String
    var path: String?
    var runDate: Day?
  }

  /// Restores `backup` (a name in `backups/`, default the newest) and replays.
  /// - Throws: `PipelineError.invalidArgument` when there is no such copy, or when it is
  ///   damaged (nothing is changed; the message names the other copies); file and ingest errors.
  public static func run(
    workspace: Workspace, backup: String?, inbox: String = "inbox", logger: Logger,
    now: Date = Date()
  ) throws -> Outcome {
    let copies = DatabaseBackups.list(workspace)
    let pendingPath = DatabaseBackups.directory(workspace) + "/.restore-pending.json"
    let pending = FileManager.default.contents(atPath: pendingPath).flatMap {
      try? JSONDecoder().decode(Pending.self, from: $0)
    }
    if let pending {
      logger.notice(
        "a restore did not finish; doing it again", metadata: ["copy": "\(pending.copy)"])
    }
    guard
      let copy = (pending?.copy ?? backup).map({ name in
        copies.first { $0.name == name || $0.path == name }
      }) ?? copies.last
    else {
      let known = copies.map(\.name).joined(separator: ", ")
      throw PipelineError.invalidArgument(
        backup.map {
          "\($0) is not a copy in \(DatabaseBackups.directory(workspace)) (copies: "
            + (known.isEmpty ? "none" : known) + ")."
        }
          ?? "\(DatabaseBackups.directory(workspace)) holds no copy of the database: the "
          + "nightly run makes one after each night (backup_keep).")
    }
    do { try HistoryDatabase.quickCheck(path: copy.path) } catch HistoryError.damaged(
      _, let findings)
    {
      // The copy asked for (by default the newest) cannot be used: name the others, newest
      // first, since the advice "restore from backup" is what just failed.
      let others = copies.filter { $0.name != copy.name }.map(\.name).reversed()
      throw PipelineError.invalidArgument(
        "the copy \(copy.name) is damaged (PRAGMA quick_check: \(findings)); nothing was "
          + "changed. "
          + (others.isEmpty
            ? "There is no other copy in \(DatabaseBackups.directory(workspace))."
            : "Return to another with --backup NAME: "
              + others.joined(separator: ", ") + " (newest first)."))
    }
    if pending == nil, try alreadyRestored(copy, workspace: workspace) {
      return Outcome(
        copy: copy, replacedDirectory: nil, replayed: [], missing: [], alreadyRestored: true)
    }
    let staging = workspace.root + "/.shelfcast.sqlite.restore-\(getpid())"
    try? FileManager.default.removeItem(atPath: staging)
    do { try FileCopy.copy(from: copy.path, to: staging) } catch {
      unlink(staging)
      throw PipelineError.workspaceUnusable(path: staging, reason: "\(error)")
    }
    let known = try ledgerOfCopy(staging)
    let replays =
      try pending?.replays ?? filesSince(known, workspace: workspace, inbox: inbox, after: copy)
    if pending == nil {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      try AtomicFile.write(
        [UInt8](try encoder.encode(Pending(copy: copy.name, replays: replays))), to: pendingPath)
    }
    let replaced = try putInPlace(staging, workspace: workspace, now: now)
    CrashPoint.hit("restore.replaced")

    var replayed: [String] = []
    var missing: [String] = []
    var index = 0
    while index < replays.count {
      let runDate = replays[index].runDate
      var batch: [Replay] = []
      while index < replays.count, replays[index].runDate == runDate {
        batch.append(replays[index])
        index += 1
      }
      let present = batch.filter { $0.path.map(FileManager.default.fileExists) ?? false }
      missing += batch.filter { !present.contains($0) }.map(\.fileName)
      guard !present.isEmpty else { continue }
      let report = try IngestStage.run(
        workspace: workspace, paths: present.compactMap(\.path),
        asOf: max(runDate ?? Clock.today(), Clock.today()), runDate: runDate, logger: logger)
      replayed += report.files.filter { $0.outcome == .ingested }.map(\.fileName)
    }
    let outcome = Outcome(
      copy: copy, replacedDirectory: replaced, replayed: replayed, missing: missing)
    try workspace.openRegistry().audit.append(
      "restore", subject: copy.name,
      details: [
        "copy": copy.name, "night": copy.night?.iso ?? "", "replaced": replaced ?? "",
        "replayed": replayed.joined(separator: ", "), "missing": missing.joined(separator: ", "),
      ])
    unlink(pendingPath)
    logger.notice(
      "database restored",
      metadata: [
        "copy": "\(copy.path)", "replayed": "\(replayed.count)", "missing": "\(missing.count)",
      ])
    return outcome
  }

  /// Whether the workspace is `copy` as the previous command restored it: the newest audit
  /// entry is that copy's `restore` (so nothing was ingested or changed since).
  static func alreadyRestored(_ copy: DatabaseBackups.Copy, workspace: Workspace) throws -> Bool {
    guard (try? DatabaseBackups.check(workspace)) != nil,
      let last = try? workspace.openRegistry().audit.entries().last
    else { return false }
    return last.action == "restore" && last.subject == copy.name
  }

  /// The SHA-256s and last ledger id of the copy's ledger (opening the staged copy, which is
  /// brought to this build's schema as any workspace database is).
  static func ledgerOfCopy(_ path: String) throws -> (shas: Set<String>, lastID: Int64) {
    let ledger = try HistoryDatabase(path: path).ledger()
    return (Set(ledger.map(\.sha256)), ledger.map(\.id).max() ?? 0)
  }

  /// The files stored after the copy, oldest first.
  static func filesSince(
    _ known: (shas: Set<String>, lastID: Int64), workspace: Workspace, inbox: String,
    after copy: DatabaseBackups.Copy
  ) throws -> [Replay] {
    let manifests = ingestManifests(workspace)
    var pathBySHA: [String: String] = [:]
    for report in manifests {
      for file in report.files where file.outcome == .ingested {
        if let sha = file.sha256 { pathBySHA[sha] = file.path }
      }
    }
    let inboxPath =
      (try? workspace.pathInside(inbox, setting: "inbox")) ?? workspace.root + "/inbox"
    func path(_ name: String, _ sha: String) -> String? {
      pathBySHA[sha] ?? inboxPath + "/" + name
    }
    // The current ledger, when the database still reads.
    if (try? DatabaseBackups.check(workspace)) != nil,
      let ledger = try? HistoryDatabase(path: workspace.databasePath).ledger()
    {
      var seen = known.shas
      return ledger.filter { $0.id > known.lastID && $0.status == .ingested }.compactMap {
        guard seen.insert($0.sha256).inserted else { return nil }
        return Replay(
          fileName: $0.fileName, sha256: $0.sha256, path: path($0.fileName, $0.sha256),
          runDate: $0.runDate)
      }
    }
    // Otherwise the ingest manifests, and the nightly manifests for the run dates.
    var runDateBySHA: [String: Day] = [:]
    let manifestFolder = workspace.manifestDirectory
    for name in (try? FileManager.default.contentsOfDirectory(atPath: manifestFolder)) ?? []
    where name.hasPrefix("nightly-") && name.hasSuffix(".json") {
      guard let data = FileManager.default.contents(atPath: manifestFolder + "/" + name),
        let manifest = try? JSONDecoder().decode(NightlyManifest.self, from: data)
      else { continue }
      for file in manifest.inputs where file.outcome == .ingested {
        if let sha = file.sha256 { runDateBySHA[sha] = manifest.runDate }
      }
    }
    var seen = known.shas
    var replays: [Replay] = []
    for report in manifests {
      for file in report.files where file.outcome == .ingested {
        guard let sha = file.sha256, seen.insert(sha).inserted else { continue }
        replays.append(
          Replay(
            fileName: file.fileName, sha256: sha, path: path(file.fileName, sha),
            runDate: runDateBySHA[sha]))
      }
    }
    return replays
  }

  /// The ingest manifests, oldest first (their names hold their start time).
  static func ingestManifests(_ workspace: Workspace) -> [IngestReport] {
    let folder = workspace.manifestDirectory
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasPrefix("ingest-") && $0.hasSuffix(".json") }.sorted()
    return names.compactMap { name in
      FileManager.default.contents(atPath: folder + "/" + name).flatMap {
        try? JSONDecoder().decode(IngestReport.self, from: $0)
      }
    }
  }

  /// Moves the current database files aside and renames the staged copy into place.
  /// - Returns: the folder the replaced files went to, `nil` when there were none.
  static func putInPlace(_ staging: String, workspace: Workspace, now: Date) throws -> String? {
    let manager = FileManager.default
    let database = workspace.databasePath
    let present = ["", "-wal", "-shm"].map { database + $0 }.filter(manager.fileExists)
    var aside: String?
    if !present.isEmpty {
      let formatter = ISO8601DateFormatter()
      formatter.timeZone = TimeZone(identifier: "UTC")
      let stamp = formatter.string(from: now).replacingOccurrences(of: ":", with: "")
      let folder = DatabaseBackups.directory(workspace) + "/replaced-\(stamp)-\(getpid())"
      try AtomicFile.makeDirectories(folder)
      // The write-ahead log first: a database without its log is the older state, never a
      // log applied to another database.
      for path in present.reversed() {
        try manager.moveItem(
          atPath: path, toPath: folder + "/" + (path as NSString).lastPathComponent)
      }
      aside = folder
    }
    for suffix in ["-wal", "-shm"] { unlink(staging + suffix) }
    guard rename(staging, database) == 0 else {
      throw PipelineError.workspaceUnusable(
        path: database, reason: "cannot put the copy in place: \(String(cString: strerror(errno)))")
    }
    return aside
  }
}
