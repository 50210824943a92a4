import DemandCore
import Foundation
import Logging

/// The intraday run the API serves: the latest finished run under `DIR/reports` (newest day,
/// then latest cut-off; see `IntradayRunLocation` for "finished"), as an immutable
/// `ServedIntradayRun` replaced whole (one pointer swap under a lock) when a newer run, or a
/// new version of the same run's `expedite.csv`, appears. Like `NightCatalog`, reading never
/// takes the workspace's run lock, so `shelfcast intraday` is never held up.
final class IntradayCatalog: @unchecked Sendable {
  /// `DIR/reports`, where `shelfcast intraday` writes by default.
  let reportDirectory: String
  private let logger: Logger
  private let lock = NSLock()
  private var served: ServedIntradayRun?
  /// Runs of other days asked for by `?date=`, read once (a newer run of the day replaces its
  /// entry).
  private let others = DayCache<ServedIntradayRun>(capacity: 4)
  /// Serialises refreshes; never held by requests.
  private let refreshLock = NSLock()

  init(reportDirectory: String, logger: Logger) {
    self.reportDirectory = reportDirectory
    self.logger = logger
  }

  /// The run served now; nil before any intraday run finished.
  var current: ServedIntradayRun? {
    lock.lock()
    defer { lock.unlock() }
    return served
  }

  /// Looks for a newer finished run (or a new version of the one served) and switches to it
  /// once read whole. A run that disappeared (pruned) is served until another one is found.
  /// - Returns: true when the run served changed.
  @discardableResult
  func refresh() -> Bool {
    refreshLock.lock()
    defer { refreshLock.unlock() }
    guard let latest = IntradayRunLocation.latest(under: reportDirectory),
      latest != current?.location
    else { return false }
    do {
      let run = try ServedIntradayRun.load(latest)
      lock.lock()
      served = run
      lock.unlock()
      logger.info(
        "serving intraday run",
        metadata: ["date": "\(latest.day.iso)", "cutoff": "\(latest.cutoff)"])
      return true
    } catch {
      logger.error(
        "cannot read intraday run", metadata: ["path": "\(latest.directory)", "error": "\(error)"])
      return false
    }
  }

  /// The latest finished run of `day` (the one served when it is that day's latest), or of the
  /// newest day when `day` is nil.
  /// - Throws: `ServingError.notFound` when there is none.
  func run(of day: Day?) throws -> ServedIntradayRun {
    guard let day else {
      guard let current else {
        throw ServingError.notFound("No intraday run of the workspace has finished yet.")
      }
      return current
    }
    guard let location = IntradayRunLocation.latest(under: reportDirectory, day: day) else {
      throw ServingError.notFound("No intraday run of \(day.iso) has finished.")
    }
    if let current, current.location == location { return current }
    if let kept = others[day], kept.location == location { return kept }
    let run = try ServedIntradayRun.load(location)
    others.keep(run, for: day)
    return run
  }
}
