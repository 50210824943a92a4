import Forecasting
import Foundation
import Inventory
import Registry
import Tabular

/// `shelfcast registry …` and `shelfcast audit verify`: the registry's operations with the files
/// they keep up to date (model cards, and `models/selection.csv` for the champion).
public enum RegistryStage {
  /// Makes `id` (a version id or a `VersionAlias`) the champion (see
  /// `ModelRegistry.promote`; `byHand` lets a person override a rejection), then rewrites the
  /// cards of both versions and the champion's `selection.csv`.
  public static func promote(
    workspace: Workspace, id: String, reason: String, byHand: Bool = false
  ) throws -> Promotion {
    let registry = try workspace.openRegistry()
    let promotion = try registry.promote(try registry.resolve(id), reason: reason, byHand: byHand)
    CrashPoint.hit("registry.promoted")
    try afterChange(workspace, promotion)
    return promotion
  }

  /// Rolls back to the previous champion, or to `target` (a version id or alias; see
  /// `ModelRegistry.rollback`), then rewrites the cards and `selection.csv`.
  public static func rollback(workspace: Workspace, reason: String, to target: String? = nil)
    throws -> Promotion
  {
    let registry = try workspace.openRegistry()
    let promotion = try registry.rollback(
      reason: reason, to: try target.map { try registry.resolve($0) })
    try afterChange(workspace, promotion)
    return promotion
  }

  /// Rejects a candidate or archived version and rewrites its card.
  public static func reject(workspace: Workspace, id: String, reason: String) throws
    -> ModelVersion
  {
    let registry = try workspace.openRegistry()
    let version = try registry.reject(try registry.resolve(id), reason: reason)
    CrashPoint.hit("registry.rejected")
    try writeCard(workspace, version)
    return version
  }

  /// Writes `reports/models/<id>.md`.
  @discardableResult
  public static func writeCard(_ workspace: Workspace, _ version: ModelVersion) throws -> String {
    let path = workspace.modelCardPath(version.id)
    try AtomicFile.write(ModelCard.markdown(version: version), to: path)
    return path
  }

  static func afterChange(_ workspace: Workspace, _ promotion: Promotion) throws {
    try writeCard(workspace, promotion.champion)
    if let replaced = promotion.replaced { try writeCard(workspace, replaced) }
    try writeServingFiles(workspace, promotion.fittedSet)
  }

  /// The files that describe the model in service: `models/selection.csv` (its choice per
  /// series) and `models/abc-classes.csv` (the ABC classes of its last training days, which the
  /// recommendations use until the next promotion). Written when a version goes into service,
  /// never for a candidate that did not, so a rejected retraining changes no service level.
  static func writeServingFiles(_ workspace: Workspace, _ fittedSet: FittedSet) throws {
    for (path, bytes) in try servingFiles(workspace, fittedSet) {
      try AtomicFile.write(bytes, to: path)
    }
  }

  /// The paths and bytes of the serving files of `fittedSet` (see `writeServingFiles`).
  static func servingFiles(_ workspace: Workspace, _ fittedSet: FittedSet) throws -> [(
    path: String, bytes: [UInt8]
  )] {
    let source = try HistoryStoreSource(database: try workspace.openDatabase())
    return [
      (workspace.selectionPath, ForecastFiles.selectionCSV(fittedSet.series)),
      (
        workspace.abcClassesPath,
        try ABCTable(source: source, lastDay: fittedSet.lastTrainingDay).csv()
      ),
    ]
  }
}
