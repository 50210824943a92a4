import DemandCore
import Foundation
import Synthetic
import Tabular

/// The generator as the CLI and the demo call it.
public enum GenerateStage {
  /// Writes a synthetic chain under `directory` and returns a one-paragraph summary for people.
  ///
  /// The chain is written into a hidden sibling folder (`.<name>.partial-<pid>`) and renamed to
  /// `directory` only once every file is complete, so `directory` either does not exist (or is
  /// the empty folder it was) or holds a whole chain: a generate killed or stopped part-way is
  /// never taken for a finished chain. Partial folders left by killed runs are removed first.
  /// - Throws: `PipelineError.invalidArgument` (with `GeneratorError.directoryNotEmpty`'s
  ///   message) when `directory` holds files (nothing is written); `GeneratorError` when a file cannot be written (the partial folder is
  ///   removed); `Cancelled` when a stop was requested (`StopRequest`, checked before each run
  ///   of days): the partial folder is removed and `directory` left as it was.
  /// - Throws: `PipelineError.invalidArgument` (with `GeneratorError.directoryNotEmpty`'s
  ///   message) when `directory` holds files: the command line must change (another `--out` or
  ///   `--chain`), a usage error for every command that generates.
  static func requireEmpty(_ directory: String) throws {
    let target = Workspace.absolute(directory)
    if let existing = try? FileManager.default.contentsOfDirectory(atPath: target),
      !existing.isEmpty
    {
      throw PipelineError.invalidArgument(
        GeneratorError.directoryNotEmpty(path: directory).description)
    }
  }

  public static func run(
    configuration: ChainConfiguration, directory: String,
    progress: (@Sendable (Double, String) -> Void)?
  ) throws -> String {
    let manager = FileManager.default
    // Absolute, so that a bare name (`--out chain`) has the current directory as its parent.
    let target = Workspace.absolute(directory)
    try requireEmpty(directory)
    let parent = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    do { try manager.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
      throw GeneratorError.outputFailed(path: parent, reason: error.localizedDescription)
    }
    removeStrayPartials(of: name, in: parent)
    let partial = parent + "/" + partialPrefix(name) + "\(getpid())"
    try? manager.removeItem(atPath: partial)
    let summary: GenerationSummary
    do {
      summary = try ChainGenerator(configuration: configuration).write(
        to: partial, progress: progress, cancellation: StopRequest.cancellation)
      if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
      guard rename(partial, target) == 0 else {
        throw GeneratorError.outputFailed(
          path: target, reason: String(cString: strerror(errno)))
      }
    } catch {
      try? manager.removeItem(atPath: partial)
      if case GeneratorError.stopped = error { throw Cancelled() }
      throw error
    }
    let seconds = max(summary.elapsedSeconds, 1e-9)
    let rate = Double(summary.transactionLineCount) / seconds
    return """
      wrote \(summary.filesWritten.count) files (\(summary.bytesWritten / 1_000_000) MB) under \(directory) \
      in \(String(format: "%.2f", summary.elapsedSeconds)) s
      transaction lines: \(summary.transactionLineCount) (\(Int(rate)) lines/s)
      history rows:      \(summary.historyRowCount)
      inventory rows:    \(summary.inventoryRowCount)
      truth rows:        \(summary.expectedDemandRowCount)
      """
  }

  /// `.<name>.partial-`: the partial folder's name before the writer's pid.
  static func partialPrefix(_ name: String) -> String { "." + name + ".partial-" }

  /// Removes the partial folders of `name` in `parent` whose writer is no longer running.
  static func removeStrayPartials(of name: String, in parent: String) {
    let prefix = partialPrefix(name)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for entry in entries where entry.hasPrefix(prefix) {
      guard let pid = pid_t(entry.dropFirst(prefix.count)), pid > 0,
        !(kill(pid, 0) == 0 || errno == EPERM)
      else { continue }
      try? FileManager.default.removeItem(atPath: parent + "/" + entry)
    }
  }
}
