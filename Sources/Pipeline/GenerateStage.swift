import DemandCore
import Synthetic

/// The generator as the CLI calls it.
public enum GenerateStage {
  /// Writes a synthetic chain under `directory` and returns a one-paragraph summary for people.
  public static func run(
    configuration: ChainConfiguration, directory: String,
    progress: (@Sendable (Double, String) -> Void)?
  ) throws -> String {
    let summary = try ChainGenerator(configuration: configuration).write(
      to: directory, progress: progress)
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
}
