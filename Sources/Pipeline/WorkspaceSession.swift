import Forecasting
import Foundation
import History
import Logging
import Registry

/// One command's open workspace: the database connection pool (shared by the history and the
/// registry, migrated once), the history source, and the model in service, each opened, read
/// or decoded once and handed to every stage of the command.
///
/// Not thread-safe: a command's stages run one after another on one thread and pass the
/// `Sendable` values they get from it (`database`, `history()`, `serving()`) to their workers.
public final class WorkspaceSession {
  public let workspace: Workspace
  /// The workspace database (one connection pool for the whole command).
  public let database: HistoryDatabase
  /// The model registry, on the same pool.
  public let registry: ModelRegistry
  private var cachedHistory: HistoryStoreSource?
  private var cachedServing: ServingSet?

  /// Opens `workspace`'s database and registry, migrating the database's schema; with
  /// `readOnly` (`shelfcast serve`, which never takes the workspace lock), opens it read-only
  /// and never migrates or writes it.
  /// - Throws: `PipelineError.workspaceUnusable` when the database cannot be opened, or with
  ///   `readOnly`, when its schema is older than this build's (the message says how to migrate).
  public init(workspace: Workspace, readOnly: Bool = false, actor: AuditActor = .current()) throws {
    self.workspace = workspace
    database = try workspace.openDatabase(readOnly: readOnly)
    let registryDatabase: RegistryDatabase
    do {
      registryDatabase = try RegistryDatabase(sharing: database, readOnly: readOnly, actor: actor)
    } catch {
      throw PipelineError.workspaceUnusable(path: workspace.databasePath, reason: "\(error)")
    }
    registry = ModelRegistry(
      database: registryDatabase, versionsDirectory: workspace.modelVersionsDirectory,
      servingPath: workspace.fittedSetPath,
      catalog: StandardModels.catalog(for: try workspace.grain()))
  }

  /// The history source (master data, calendar and promotions read on first use). Call
  /// `historyChanged()` after ingesting, so the next call reads them again.
  public func history() throws -> HistoryStoreSource {
    if let cachedHistory { return cachedHistory }
    let source = try HistoryStoreSource(database: database)
    cachedHistory = source
    return source
  }

  /// Forgets the history source read so far (after an ingest changed master data or calendar).
  public func historyChanged() { cachedHistory = nil }

  /// The model in service, decoded on first use: the registry champion's checked artifact, or
  /// for a workspace whose set was never registered, `models/fitted-set.json`.
  /// - Throws: `ForecastError.noFittedSet` when there is neither; registry and decoding errors.
  public func serving() throws -> ServingSet {
    if let cachedServing { return cachedServing }
    let serving: ServingSet
    if let champion = try registry.champion() {
      serving = ServingSet(
        fittedSet: try registry.loadFittedSet(champion.id), modelVersion: champion.id)
    } else {
      serving = try TrainStage.loadServingSet(workspace)
    }
    cachedServing = serving
    return serving
  }

  /// Serves `version` instead of the champion for the rest of the command (a backfill night).
  /// - Throws: registry and decoding errors.
  public func serve(_ version: ModelVersion) throws {
    cachedServing = ServingSet(
      fittedSet: try registry.loadFittedSet(version.id), modelVersion: version.id)
  }

  /// Rewrites `models/fitted-set.json` from the champion's artifact when a promotion killed
  /// inside its transaction left another version's set there (`ModelRegistry.repairServingCopy`),
  /// and says so in the log. Called by writers holding the lock, never by readers.
  public func repairServingCopy(logger: Logger?) throws {
    guard let champion = try registry.repairServingCopy() else { return }
    logger?.notice(
      "models/fitted-set.json was not the champion's set (a promotion did not finish); rewritten from the registry",
      metadata: ["champion": "\(champion)"])
  }

  /// The model in service if this session has already read it (nil otherwise: nothing is read).
  public var loadedServing: ServingSet? { cachedServing }

  /// Forgets the model in service (after a promotion or rollback), so the next `serving()`
  /// reads the new champion.
  public func servingChanged() { cachedServing = nil }
}
