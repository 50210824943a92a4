import DemandCore
import Foundation
import Logging
import Pipeline

/// The night the API serves: the last finished night of the workspace, as an immutable
/// `ServedNight` that is replaced whole (one pointer swap under a lock) when a newer night
/// finishes. A request takes the current night once and answers from it alone, so it sees the
/// old night or the new one, never parts of both.
///
/// `refresh()` looks for a newer night; it costs one `stat` of `manifests/` when nothing
/// changed (the nightly job writes its manifest by rename, which changes the folder's
/// modification time). Reading never takes the workspace's run lock, and the database is only
/// read (SQLite WAL readers never block its writer), so the nightly job is never held up.
final class NightCatalog: @unchecked Sendable {
  let workspace: Workspace
  private let logger: Logger
  private let lock = NSLock()
  private var served: ServedNight?
  /// The manifest folder's state when it was last searched.
  private var searchedStamp: FileStamp?
  /// Older finished nights asked for by `?night=`, read once.
  private let older = DayCache<ServedNight>(capacity: 4)
  /// Serialises refreshes (one reader of a new night at a time); never held by requests.
  private let refreshLock = NSLock()

  init(workspace: Workspace, logger: Logger) {
    self.workspace = workspace
    self.logger = logger
  }

  /// The night served now; nil before any night finished.
  var current: ServedNight? {
    lock.lock()
    defer { lock.unlock() }
    return served
  }

  /// Looks for a newer finished night and switches to it once read whole.
  /// - Returns: true when the night served changed.
  @discardableResult
  func refresh() -> Bool {
    refreshLock.lock()
    defer { refreshLock.unlock() }
    let stamp = FileStamp(path: workspace.manifestDirectory)
    lock.lock()
    let unchanged = stamp != nil && stamp == searchedStamp
    let servedNight = served?.night
    lock.unlock()
    if unchanged { return false }
    let finished = ServedNight.finishedNights(in: workspace) { [logger, workspace] day, reason in
      if servedNight.map({ day > $0 }) ?? true {
        logger.warning(
          "a night's manifest cannot be read; that night is not served",
          metadata: [
            "night": "\(day.iso)", "manifest": "\(workspace.nightlyManifestPath(day))",
            "error": "\(reason)",
          ])
      }
    }
    guard let newest = finished.first else {
      remember(stamp)
      return false
    }
    if let servedNight, newest.night <= servedNight {
      remember(stamp)
      return false
    }
    do {
      let night = try ServedNight.load(
        workspace: workspace, night: newest.night, manifest: newest.manifest)
      lock.lock()
      served = night
      searchedStamp = stamp
      lock.unlock()
      logger.info("serving night", metadata: ["night": "\(newest.night.iso)"])
      return true
    } catch {
      // Left unremembered, so the next refresh tries again (a file may have been pruned).
      logger.error(
        "cannot read night", metadata: ["night": "\(newest.night.iso)", "error": "\(error)"])
      return false
    }
  }

  /// The finished night of `day`: the one served, or an older one read now.
  /// - Throws: `ServingError.notFound` when no finished night has that date.
  func night(_ day: Day) throws -> ServedNight {
    if let current, current.night == day { return current }
    if let kept = older[day] { return kept }
    guard let found = ServedNight.finishedNights(in: workspace).first(where: { $0.night == day })
    else {
      throw ServingError.notFound("The workspace has no finished night of \(day.iso).")
    }
    let night: ServedNight
    do {
      night = try ServedNight.load(workspace: workspace, night: day, manifest: found.manifest)
    } catch let error as ServingError {
      throw error
    } catch {
      throw ServingError.notFound("The night of \(day.iso) cannot be read: \(error).")
    }
    older.keep(night, for: day)
    return night
  }

  private func remember(_ stamp: FileStamp?) {
    lock.lock()
    searchedStamp = stamp
    lock.unlock()
  }
}
