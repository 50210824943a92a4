import DemandCore
import Foundation
import History
import Tabular

/// Takes partial-day POS drops into the workspace's intraday tables, apart from the daily
/// history (`IntradayDrop`).
///
/// A drop is read like a transaction file (`TransactionParser`: same columns, same checks, same
/// per-line fingerprints), but every line must carry a `txn_id`, since without one a line cannot be
/// told from its copy in the next drop or in the nightly file. Lines that the nightly files or
/// earlier drops delivered (same fingerprints, counted as a multiset) are set aside as
/// duplicates, so that drops may overlap or repeat (cumulative exports, retries): a line is
/// counted once. A drop whose bytes were taken before is skipped whole.
public struct IntradayIngest: Sendable {
  /// What became of one drop.
  public struct DropReport: Sendable, Equatable {
    public var fileName: String
    public var rowsRead = 0
    public var rowsCounted = 0
    public var rowsDuplicate = 0
    public var rowsQuarantined = 0
    /// Set when the drop was not stored: a file error, or the same bytes taken before (whose
    /// stored figures the counts then repeat).
    public var message: String?
    public var stored = false
    /// The drop was refused (unreadable, not a drop, a line without a `txn_id`, or no line
    /// counted and some bad): nothing of it is stored, and the same bytes can be given again.
    public var refused = false
    /// The first bad rows, with file, line and column.
    public var errors: [RowError] = []
  }

  public let database: HistoryDatabase
  public let options: IngestOptions

  public init(database: HistoryDatabase, options: IngestOptions) {
    self.database = database
    self.options = options
  }

  /// Stores each drop in `paths` (files, in the order given), one transaction per drop.
  public func run(paths: [String]) throws -> [DropReport] {
    let master = try database.masterIndex()
    let context = ValidationContext(
      master: master, asOf: options.asOf, limits: options.limits,
      cutoffSecondOfDay: options.cutoffSecondOfDay)
    var reports: [DropReport] = []
    for path in paths {
      var report = DropReport(fileName: (path as NSString).lastPathComponent)
      do {
        try take(path, context: context, into: &report)
      } catch let error as IngestFileError {
        report.message = error.description
        report.refused = true
      } catch let error as TabularError {
        report.message = error.description
        report.refused = true
      }
      reports.append(report)
    }
    return reports
  }

  private func take(_ path: String, context: ValidationContext, into report: inout DropReport)
    throws
  {
    let file = try InputDiscovery.recognise(path: path)
    guard file.kind == .transactions, file.columns[6] != nil else {
      report.message =
        "\(file.name): an intraday drop is a transaction file with a txn_id column "
        + "(date, store_id, sku_id, quantity, txn_id[, time])"
      report.refused = true
      return
    }
    let input = try FileBytes(path: path, limitBytes: FileBytes.defaultLimitBytes)
    let sha = IngestRunner.sha256(of: input)
    if let earlier = try database.intradayDrop(sha256: sha) {
      // Reported with the figures it was stored with, so a run repeated after a kill reports
      // (and exports) what the killed run would have.
      report.rowsRead = earlier.rowsRead
      report.rowsCounted = earlier.rowsCounted
      report.rowsDuplicate = earlier.rowsDuplicate
      report.rowsQuarantined = earlier.rowsQuarantined
      report.message =
        "\(file.name): the same bytes were taken at \(earlier.recordedAt) as "
        + "\(earlier.fileName); not counted again"
      return
    }
    var parsed = try parse(file, input, context: context, duplicates: nil)
    let earlier = try database.intradayEarlierDeliveries(
      of: parsed.deliveredLines.map { ($0.storeKey, $0.day) })
    if !earlier.isEmpty {
      let filter = DuplicateFilter(earlier: earlier)
      if parsed.deliveredLines.contains(where: { filter.matchesAny($0.fingerprints) }) {
        parsed = try parse(file, input, context: context, duplicates: filter)
      }
    }
    // A line without a transaction id cannot be deduplicated: it is quarantined, not counted.
    let withoutID =
      parsed.rowsValid - parsed.deliveredLines.reduce(0) { $0 + $1.fingerprints.count }
    guard withoutID == 0 else {
      report.rowsRead = parsed.rowsRead
      report.message =
        "\(file.name): \(withoutID) lines have an empty txn_id; an intraday drop needs one on "
        + "every line, so nothing of it was stored"
      report.refused = true
      return
    }
    // No line counted and some bad (every line dated after --date, say): not stored, so that
    // the same bytes, given again with the right date, are taken then.
    if parsed.rowsValid == 0, let first = parsed.errors.first {
      report.rowsRead = parsed.rowsRead
      report.rowsQuarantined = parsed.badRows
      report.errors = Array(parsed.errors.prefix(20))
      report.message =
        "\(file.name): none of its \(parsed.rowsRead) lines could be counted, so nothing of it "
        + "was stored (it can be given again once fixed). First: \(first)"
      report.refused = true
      return
    }
    report.rowsRead = parsed.rowsRead
    report.rowsCounted = parsed.rowsValid
    report.rowsDuplicate = parsed.duplicates.count
    report.rowsQuarantined = parsed.badRows
    report.errors = Array(parsed.errors.prefix(20))
    if !parsed.errors.isEmpty {
      let quarantine =
        options.quarantineDirectory + "/intraday/" + QuarantineWriter.fileName(for: file.name)
      try AtomicFile.makeDirectories(options.quarantineDirectory + "/intraday")
      try QuarantineWriter.write(parsed.errors, rawTexts: parsed.rejectedTexts, to: quarantine)
    }
    guard case .demand(let blocks) = parsed.content else {
      report.message = "\(file.name): no lines"
      return
    }
    CrashPoint.hit("intraday.before-commit", detail: file.name)
    try database.commit(
      IntradayDrop(
        fileName: file.name, sha256: sha, rowsRead: parsed.rowsRead,
        rowsCounted: parsed.rowsValid, rowsDuplicate: parsed.duplicates.count,
        rowsQuarantined: parsed.badRows, recordedAt: IngestRunner.timestamp(options.clock()),
        cutoffSecondOfDay: options.cutoffSecondOfDay, sales: blocks,
        lines: parsed.deliveredLines))
    CrashPoint.hit("intraday.committed", detail: file.name)
    report.stored = true
  }

  private func parse(
    _ file: RecognisedFile, _ input: FileBytes, context: ValidationContext,
    duplicates: DuplicateFilter?
  ) throws -> ParsedFile {
    try input.withBytes { bytes in
      try IngestRunner.parse(
        file, bytes, limits: options.limits, context: context, dayFromName: nil,
        duplicates: duplicates)
    }
  }
}
