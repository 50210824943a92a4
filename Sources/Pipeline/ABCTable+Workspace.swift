import DemandCore
import Foundation
import Inventory

extension ABCTable {
  /// Reads every store's last `windowDays` days from `source` and classifies them.
  init(source: HistoryStoreSource, lastDay: Day) throws {
    let first = lastDay.adding(days: 1 - Self.windowDays)
    let histories = try source.stores.map {
      try source.history(of: $0, from: first, through: lastDay)
    }
    self.init(histories: histories, lastDay: lastDay, unitPrice: source.unitPrice)
  }

  /// The table saved by the last training (`models/abc-classes.csv`), or `nil` without one.
  /// - Throws: `PipelineError.invalidArgument` naming the file and line of a bad row.
  static func saved(_ workspace: Workspace) throws -> ABCTable? {
    let path = workspace.abcClassesPath
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do { return try read(path: path) } catch let error as ABCTableError {
      throw PipelineError.invalidArgument("\(error)")
    }
  }
}
