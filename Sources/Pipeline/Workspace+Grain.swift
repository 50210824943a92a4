import DemandCore
import Foundation
import Tabular

extension Workspace {
  /// `DIR/grain.txt`: `weekly-<weekday>` for a weekly workspace; absent for a daily one (every
  /// workspace made before weekly grain existed is daily, and stays byte-for-byte as it was).
  public var grainPath: String { root + "/grain.txt" }

  /// The grain fixed for this workspace, or `nil` when none is stored (daily, or not yet fixed).
  /// - Throws: `PipelineError.workspaceUnusable` when the file holds something else.
  public func storedGrain() throws -> Grain? {
    guard let data = FileManager.default.contents(atPath: grainPath) else { return nil }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let grain = Grain(storageText: text) else {
      throw PipelineError.workspaceUnusable(
        path: grainPath, reason: "it holds '\(text)'; expected daily or weekly-<weekday>")
    }
    return grain
  }

  /// The workspace's grain: the stored one, daily when none is.
  public func grain() throws -> Grain { try storedGrain() ?? .daily }

  /// Fixes the workspace's grain to `grain` (written once; a daily grain writes nothing).
  /// - Throws: `PipelineError.invalidArgument` when the workspace already has another grain,
  ///   or is daily with demand already stored and `grain` is weekly.
  public func fix(grain: Grain, hasDemand: Bool) throws {
    let stored = try storedGrain()
    if let stored {
      guard stored == grain else {
        throw PipelineError.invalidArgument(
          "\(root) is a \(stored) workspace; its grain is fixed when it is created and cannot "
            + "become \(grain). Please use a new workspace for \(grain) data.")
      }
      return
    }
    guard grain != .daily else { return }
    guard !hasDemand else {
      throw PipelineError.invalidArgument(
        "\(root) is a daily workspace with demand stored; its grain cannot become \(grain). "
          + "Please use a new workspace for \(grain) data.")
    }
    try AtomicFile.write(grain.storageText + "\n", to: grainPath)
  }
}

extension Grain {
  /// Refuses a run date that does not end a period of this grain (any day is a daily one).
  /// - Throws: `PipelineError.invalidArgument` naming the date's weekday and the grain.
  func requireRunDate(_ date: Day) throws {
    guard accepts(date) else {
      throw PipelineError.invalidArgument(
        "--date \(date.iso) is a \(Day.weekdayNames[date.weekdayIndex]); this workspace is "
          + "\(self), so a run date is a week-ending date.")
    }
  }
}
