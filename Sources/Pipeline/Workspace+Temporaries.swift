import Tabular

extension Workspace {
  /// Removes the temporary files (`.<name>.tmp-<pid>`) that runs killed while writing left in
  /// the workspace's output folders (reports, manifests, models, quarantine, backups), so no
  /// half-written file stays beside the outputs. Files of a process still running are kept.
  /// Every command that takes the run lock calls it first.
  /// - Returns: how many files were removed.
  @discardableResult
  public func removeStrayTemporaryFiles() -> Int {
    let folders = [
      reportDirectory, manifestDirectory, modelDirectory, quarantineDirectory,
      DatabaseBackups.directory(self),
    ]
    return folders.reduce(0) { $0 + AtomicFile.removeStrayTemporaries(under: $1) }
  }
}
