import Foundation
import History
import Tabular

/// A ShelfCast workspace: one folder holding the database and everything a run writes.
///
/// ```
/// DIR/shelfcast.sqlite      system of record (ledger, master data, demand history)
/// DIR/quarantine/           <file>.rejected.csv for every file with bad rows
/// DIR/manifests/            ingest-<timestamp>.json, one per ingest call
/// ```
public struct Workspace: Sendable, Equatable {
  /// Absolute, standardised path of the folder.
  public let root: String

  /// - Throws: `PipelineError.workspaceUnusable` when the folder cannot be created.
  public init(path: String) throws {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    root = (absolute as NSString).standardizingPath
    do { try AtomicFile.makeDirectories(root) } catch {
      throw PipelineError.workspaceUnusable(path: root, reason: "\(error)")
    }
  }

  public var databasePath: String { root + "/shelfcast.sqlite" }
  public var quarantineDirectory: String { root + "/quarantine" }
  public var manifestDirectory: String { root + "/manifests" }

  /// Opens (creating if needed) the workspace database.
  public func openDatabase() throws -> HistoryDatabase {
    do { return try HistoryDatabase(path: databasePath) } catch {
      throw PipelineError.workspaceUnusable(path: databasePath, reason: "\(error)")
    }
  }
}
