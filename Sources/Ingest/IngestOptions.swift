import DemandCore
import Foundation
import Logging

/// How one `ingest` call behaves. Paths, clock and limits are injected, never global.
public struct IngestOptions: Sendable {
  /// Rows dated after this day are refused as future-dated.
  public var asOf: Day
  /// A file whose share of bad rows exceeds this (0…1) is refused whole: nothing of it is stored.
  public var maximumRejectShare: Double
  /// Supersede an ingested file of the same name but different content.
  public var replace: Bool
  public var limits: IngestLimits
  /// Where `<file>.rejected.csv` files go.
  public var quarantineDirectory: String
  /// Where `ingest-<timestamp>.json` manifests go.
  public var manifestDirectory: String
  /// 1 parses and commits files one at a time on the calling thread; more runs one parsing
  /// worker per CPU plus a commit thread, with at most `workers + 1` parsed files waiting.
  /// Each file being parsed or waiting is held whole in memory.
  public var workers: Int
  /// The wall clock, injected so tests and manifests are reproducible.
  public var clock: @Sendable () -> Date
  public var logger: Logger
  /// The nightly job's run date, recorded with every file it takes in (`LedgerEntry.runDate`);
  /// `nil` for `shelfcast ingest`.
  public var runDate: Day?
  /// The workspace's grain. At weekly grain a daily-demand row must be dated on the
  /// week-ending weekday (other dates are quarantined as a mix of grains), and its value may be
  /// negative (a week of net returns, kept and counted in `FileReport.rowsNegative`).
  public var grain: Grain = .daily
  /// Intraday drops only: the cut-off (`--at`) as seconds after midnight of `asOf`; a line
  /// timed in a later minute of that day is quarantined (`afterCutoff`), not counted as sold
  /// by then.
  public var cutoffSecondOfDay: Int?
  /// Called after each file with (files done, files in all, file name).
  public var progress: (@Sendable (Int, Int, String) -> Void)?
  /// Seams for tests that change a file under the reader: called with the file's path just
  /// before its bytes are read (after its header was recognised), and once they are read but
  /// before the file is checked for changes. `nil` outside tests.
  package var beforeReadingFile: (@Sendable (String) -> Void)?
  package var afterReadingFile: (@Sendable (String) -> Void)?

  public init(
    asOf: Day, quarantineDirectory: String, manifestDirectory: String,
    maximumRejectShare: Double = 0.01, replace: Bool = false, limits: IngestLimits = IngestLimits(),
    workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount),
    clock: @escaping @Sendable () -> Date = { Date() },
    logger: Logger = Logger(label: "shelfcast.ingest"),
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) {
    self.asOf = asOf
    self.quarantineDirectory = quarantineDirectory
    self.manifestDirectory = manifestDirectory
    self.maximumRejectShare = maximumRejectShare
    self.replace = replace
    self.limits = limits
    self.workers = workers
    self.clock = clock
    self.logger = logger
    self.progress = progress
  }
}

extension IngestOptions {
  /// Where the rejected rows of the input file named `fileName` go.
  public func quarantinePath(for fileName: String) -> String {
    quarantineDirectory + "/" + QuarantineWriter.fileName(for: fileName)
  }
}
