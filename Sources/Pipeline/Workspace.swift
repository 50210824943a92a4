import Foundation
import History
import Tabular

/// A ShelfCast workspace: one folder holding the database and everything a run writes. Every
/// path in it is named in one place, `Workspace+Layout.swift`.
public struct Workspace: Sendable, Equatable {
  /// Canonical path of the folder: absolute, `.` and `..` collapsed, symbolic links resolved
  /// (once it exists), so every path a run writes or records under it has one spelling.
  public let root: String

  /// - Parameter create: make the folder when it is missing (commands that write); commands that
  ///   only read pass `false` and get an error instead of an empty new workspace.
  /// - Throws: `PipelineError.workspaceUnusable` when the folder cannot be created, or
  ///   `.noWorkspace` when it holds no database and `create` is false.
  public init(path: String, create: Bool = true) throws {
    let standard = Self.absolute(path)
    if create {
      do { try AtomicFile.makeDirectories(standard) } catch {
        throw PipelineError.workspaceUnusable(path: standard, reason: "\(error)")
      }
    } else if !FileManager.default.fileExists(atPath: standard + "/shelfcast.sqlite") {
      throw PipelineError.noWorkspace(path: standard)
    }
    root = Self.canonical(standard)
  }

  public var databasePath: String { root + "/shelfcast.sqlite" }
  public var quarantineDirectory: String { root + "/quarantine" }
  public var manifestDirectory: String { root + "/manifests" }

  /// Opens (creating if needed) the workspace database; with `readOnly`, opens it for reading
  /// only and refuses a schema older than this build's instead of migrating it.
  public func openDatabase(readOnly: Bool = false) throws -> HistoryDatabase {
    do { return try HistoryDatabase(path: databasePath, readOnly: readOnly) } catch {
      throw PipelineError.workspaceUnusable(path: databasePath, reason: "\(error)")
    }
  }

  /// Opens the database for a command that only reads (`status`, `history`): read-only, so a
  /// workspace its user may read but not write is still summarised; a schema older than this
  /// build's is migrated first, as a writing command would (which needs write access).
  public func openDatabaseForReading() throws -> HistoryDatabase {
    if let database = try? openDatabase(readOnly: true) { return database }
    return try openDatabase()
  }
}
