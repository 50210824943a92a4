import Forecasting
import Foundation
import Registry
import Tabular

extension RegistryStage {
  /// Brings the files that describe the registry back in line with it, after a promotion,
  /// rollback or rejection killed between its commit and its files (or inside its transaction):
  /// every model card that differs from what the registry says now, the champion's
  /// `selection.csv` and `abc-classes.csv` when `selection.csv` is not the champion's, and the
  /// serving copy `models/fitted-set.json` (`ModelRegistry.repairServingCopy`).
  ///
  /// The commands `registry promote`, `rollback` and `reject` call it first (the nightly run
  /// writes the files of a decision it finds committed itself), so running the command again
  /// after a kill leaves the state an uninterrupted run leaves, even when the change itself had
  /// committed (the command then refuses it as done: exit 64). Cost: one card per version, and
  /// one decode of the champion's artifact.
  /// - Returns: the files rewritten.
  @discardableResult
  public static func repair(_ workspace: Workspace) throws -> [String] {
    let registry = try workspace.openRegistry()
    var rewritten: [String] = []
    for version in try registry.list() {
      let path = workspace.modelCardPath(version.id)
      let card = Data(ModelCard.markdown(version: version).utf8)
      if FileManager.default.contents(atPath: path) != card {
        rewritten.append(try writeCard(workspace, version))
      }
    }
    guard let champion = try registry.champion() else { return rewritten }
    if try registry.repairServingCopy() != nil { rewritten.append(workspace.fittedSetPath) }
    let fittedSet = try registry.loadFittedSet(champion.id)
    // Each file on its own: a kill between the two writes leaves one new and one old.
    for (path, bytes) in try servingFiles(workspace, fittedSet)
    where FileManager.default.contents(atPath: path) != Data(bytes) {
      try AtomicFile.write(bytes, to: path)
      rewritten.append(path)
    }
    return rewritten
  }
}
