import Foundation
import Registry

extension Workspace {
  /// Opens the registry (and its audit log) in the workspace database. The champion's artifact
  /// is served at `fittedSetPath`, which forecast and recommend read.
  public func openRegistry(actor: AuditActor = .current()) throws -> ModelRegistry {
    let database: RegistryDatabase
    do { database = try RegistryDatabase(path: databasePath, actor: actor) } catch {
      throw PipelineError.workspaceUnusable(path: databasePath, reason: "\(error)")
    }
    return ModelRegistry(
      database: database, versionsDirectory: modelVersionsDirectory, servingPath: fittedSetPath,
      catalog: StandardModels.catalog(for: try grain()))
  }
}
