import Foundation

extension ModelRegistry {
  /// Makes the serving copy (`servingPath`, `models/fitted-set.json`) the champion's artifact
  /// again when it is not.
  ///
  /// A promotion writes the serving copy inside its transaction; killed there, the copy holds
  /// the next champion's set while the registry still names the old champion. Nothing in
  /// ShelfCast serves from the copy while there is a champion (every command decodes the
  /// champion's checked artifact), so the copy is only wrong for outside readers of the file;
  /// the nightly run and `forecast` call this at their start so it never stays wrong.
  /// - Returns: the champion's id when the copy was rewritten; `nil` when it already matched
  ///   or there is no champion.
  /// - Throws: `RegistryError.artifactMissing` / `.artifactChecksumMismatch` for a damaged
  ///   champion artifact (the copy is then left as it is); write errors.
  @discardableResult
  public func repairServingCopy() throws -> String? {
    guard let champion = try champion() else { return nil }
    let artifact = try loadArtifact(of: champion)
    if FileManager.default.contents(atPath: servingPath) == artifact { return nil }
    try write(artifact, to: servingPath)
    return champion.id
  }
}
