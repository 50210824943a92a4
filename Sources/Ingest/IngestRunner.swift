import DemandCore
import Dispatch
import Foundation
import History
import Tabular
import _Digest

/// Takes input files into the demand history: recognise, validate, aggregate, store, account.
///
/// Master data is loaded first, one file at a time, because the rest is checked against it. Data
/// files are then read and parsed `options.workers` at a time, and committed one by one in path
/// order, each in its own transaction with its ledger row, so the stored result does not depend on
/// thread timing. Every row read is either stored or written to quarantine with its reason, and the
/// manifest reconciles the counts per file.
public struct IngestRunner: Sendable {
  public let database: HistoryDatabase
  public let options: IngestOptions
  /// Read buffers kept between files, one per worker at most.
  let buffers = BufferPool()

  public init(database: HistoryDatabase, options: IngestOptions) {
    self.database = database
    self.options = options
  }

  /// Ingests `paths` (files or folders) and writes the manifest.
  ///
  /// - Returns: the manifest; files that failed or were refused are in it, not thrown.
  /// - Throws: `IngestError` when the master data is beyond what one workspace holds, or the
  ///   manifest cannot be written.
  public func run(paths: [String]) throws -> IngestReport {
    let startedAt = options.clock()
    let started = DispatchTime.now()
    var report = IngestReport(
      startedAt: Self.timestamp(startedAt), asOf: options.asOf,
      maximumRejectShare: options.maximumRejectShare)
    let (files, missing, brokenLinks, skipped) = InputDiscovery.expand(paths)
    if !skipped.isEmpty {
      report.skipped = skipped
      for entry in skipped {
        options.logger.notice("skipped in a folder", metadata: ["file": "\(entry)"])
      }
    }
    for path in missing {
      var file = FileReport(path: path, fileName: (path as NSString).lastPathComponent)
      file.message = "\(path): no such file or folder."
      report.files.append(file)
    }
    for path in brokenLinks {
      var file = FileReport(path: path, fileName: (path as NSString).lastPathComponent)
      file.message =
        "\(path): a symbolic link that leads to nothing readable (a missing target or a loop)."
      report.files.append(file)
    }
    var recognised: [RecognisedFile] = []
    for path in files {
      do { recognised.append(try InputDiscovery.recognise(path: path)) } catch {
        var file = FileReport(path: path, fileName: (path as NSString).lastPathComponent)
        file.message = error.description
        report.files.append(file)
      }
    }
    recognised.sort { ($0.kind.loadOrder, $0.path) < ($1.kind.loadOrder, $1.path) }
    let total = recognised.count
    var done = 0

    for file in recognised where file.kind.isMasterData {
      let context = try makeContext()
      report.files.append(commit(prepare(file, context: context)))
      done += 1
      options.progress?(done, total, file.name)
    }
    let context = try makeContext()
    let data = recognised.filter { !$0.kind.isMasterData }
    if options.workers <= 1 {
      for file in data {
        report.files.append(commit(prepare(file, context: context)))
        done += 1
        options.progress?(done, total, file.name)
      }
    } else {
      report.files += runPipelined(data, context: context, progressBase: done, total: total)
    }
    report.durationSeconds = Self.seconds(since: started)
    report.total()
    try noteDaysWithoutDemand(&report)
    CrashPoint.hit("ingest.before-manifest")
    report.manifestPath = try writeManifest(report, at: startedAt)
    return report
  }

  /// Sets `report.daysWithoutDemand` from the days the call's ingested demand files span
  /// (daily grain), and logs each run (a notice, as the files a folder skipped are: the
  /// summary and the manifest say it too).
  private func noteDaysWithoutDemand(_ report: inout IngestReport) throws {
    guard options.grain == .daily else { return }
    let demand = report.files.filter {
      $0.outcome == .ingested && ($0.kind == .dailyDemand || $0.kind == .transactions)
    }
    guard let first = demand.compactMap(\.firstDay).min(),
      let last = demand.compactMap(\.lastDay).max(), first < last
    else { return }
    let runs = try database.daysWithoutDemand(in: first...last)
    guard !runs.isEmpty else { return }
    report.daysWithoutDemand = runs.map {
      IngestReport.DayRun(first: $0.lowerBound, last: $0.upperBound)
    }
    for run in runs {
      options.logger.notice(
        "no demand for any store on these days: read as no sales",
        metadata: ["first": "\(run.lowerBound)", "last": "\(run.upperBound)"])
    }
  }

  private func makeContext() throws -> ValidationContext {
    let master = try database.masterIndex()
    guard master.stores.count < KeySlots.maximumStores, master.skus.count < KeySlots.maximumSKUs
    else {
      throw IngestError.masterDataTooLarge(stores: master.stores.count, skus: master.skus.count)
    }
    return ValidationContext(
      master: master, asOf: options.asOf, limits: options.limits, grain: options.grain)
  }

  // MARK: - Per file

  struct Prepared: Sendable {
    var report: FileReport
    var parsed: ParsedFile?
    var replacing: Int64?
    var started: DispatchTime
    /// What is needed to read the file again, should lines delivered before have to be set aside.
    var file: RecognisedFile
    var context: ValidationContext
  }

  /// Reads, hashes and parses one file; touches the database only to read the ledger.
  func prepare(_ file: RecognisedFile, context: ValidationContext) -> Prepared {
    let started = DispatchTime.now()
    var report = FileReport(path: file.path, fileName: file.name)
    report.kind = file.kind
    report.personalDataColumnsDropped = file.personalColumns.map { file.header.names[$0] }
    report.columnsIgnored = file.ignoredColumns
    var prepared = Prepared(report: report, started: started, file: file, context: context)
    do {
      let input = try read(file)
      defer { buffers.give(input.storage) }
      prepared.report.bytes = input.count
      let sha = Self.sha256(of: input)
      prepared.report.sha256 = sha
      if let earlier = try database.ingestedFile(sha256: sha) {
        prepared.report.outcome = .alreadyIngested
        prepared.report.ledgerID = earlier.id
        prepared.report.message = "already ingested as \(earlier.fileName) at \(earlier.recordedAt)"
        return prepared
      }
      // Refused by an attempt of the same night that was killed: report that refusal again
      // (IngestStage completes its audit entry) rather than record a second one.
      if let runDate = options.runDate,
        let refused = try database.refusedFile(sha256: sha, runDate: runDate)
      {
        prepared.report.outcome = .refused
        prepared.report.ledgerID = refused.id
        prepared.report.message =
          "\(file.name): refused at \(refused.recordedAt) by an earlier attempt of this night "
          + "(\(refused.rowsQuarantined) of \(refused.rowsRead) rows are bad); nothing of the file "
          + "was stored"
        prepared.report.rowsRead = refused.rowsRead
        prepared.report.rowsValid =
          refused.rowsRead - refused.rowsQuarantined - refused.rowsDuplicate
        prepared.report.rowsQuarantined = refused.rowsQuarantined
        prepared.report.rowsDuplicate = refused.rowsDuplicate
        prepared.report.firstDay = refused.firstDay
        prepared.report.lastDay = refused.lastDay
        prepared.report.quarantineFile = options.quarantinePath(for: file.name)
        return prepared
      }
      if let sameName = try database.ingestedFile(named: file.name) {
        guard options.replace else {
          throw IngestFileError.nameConflict(file: file.name, ingestedAt: sameName.recordedAt)
        }
        prepared.replacing = sameName.id
      }
      let dayFromName = try Self.dayFromName(of: file)
      prepared.parsed = try parse(file, input, context: context, dayFromName: dayFromName)
      prepared.parsed?.encodeBlocks()
    } catch let error as TabularError {
      prepared.report.message = error.description
    } catch let error as IngestFileError {
      prepared.report.message = error.description
    } catch {
      prepared.report.message = "\(file.name): \(error)"
    }
    return prepared
  }

  /// The first `YYYY-MM-DD` in the file's name: the snapshot date of an inventory file without a
  /// `date` column (`on_hand_2026-03-01.csv`).
  ///
  /// - Throws: `IngestFileError.missingSnapshotDate` for an inventory file that has neither.
  static func dayFromName(of file: RecognisedFile) throws(IngestFileError) -> Day? {
    let day = InventoryParser.day(inFileName: file.name)
    if file.kind == .inventory, file.columns[4] == nil, day == nil {
      throw .missingSnapshotDate(file: file.name)
    }
    return day
  }

  /// The SHA-256 of a file's bytes in lower-case hex: its identity in the ledger.
  static func sha256(of input: FileBytes) -> String {
    input.withBytes { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
      .map { String(format: "%02x", $0) }.joined()
  }

  /// Reads the whole file (see `FileBytes` for what is refused), calling the test seams around.
  func read(_ file: RecognisedFile) throws -> FileBytes {
    options.beforeReadingFile?(file.path)
    let hook = options.afterReadingFile
    return try FileBytes(
      path: file.path, limitBytes: FileBytes.defaultLimitBytes, reusing: buffers.take(),
      afterReading: hook.map { hook in { hook(file.path) } })
  }

  /// Parses the rows of a file read whole, after checking that its header is still the one it
  /// was recognised by (a file replaced in between could otherwise be read with the wrong
  /// columns).
  ///
  /// - Parameter duplicates: for transactions and daily demand, what earlier files delivered of
  ///   the same stores and days (`DuplicateFilter`); rows repeating it are set aside.
  func parse(
    _ file: RecognisedFile, _ input: FileBytes, context: ValidationContext, dayFromName: Day?,
    duplicates: DuplicateFilter? = nil
  ) throws -> ParsedFile {
    try input.withBytes { bytes in
      try Self.parse(
        file, bytes, limits: options.limits, context: context, dayFromName: dayFromName,
        duplicates: duplicates)
    }
  }

  /// Parses the rows of a file's bytes (the whole file, in memory) recognised as `file`; see the
  /// instance method. The seam the in-memory entry (`InMemoryIngest`) shares with `prepare`.
  static func parse(
    _ file: RecognisedFile, _ bytes: UnsafeBufferPointer<UInt8>, limits: IngestLimits,
    context: ValidationContext, dayFromName: Day?, duplicates: DuplicateFilter? = nil
  ) throws(IngestFileError) -> ParsedFile {
    let scanner = CSVScanner(bytes: bytes)
    guard let header = scanner.next(), header.problem == nil,
      (try? HeaderMap(names: header.strings, file: file.name)) == file.header
    else { throw IngestFileError.headerChanged(file: file.name) }
    let table = InputTable(
      file: file.name, header: file.header, personalColumns: file.personalColumns,
      maximumRetainedErrors: limits.maximumQuarantinedRows)
    return parse(
      file, scanner: scanner, table: table, limits: limits, context: context,
      dayFromName: dayFromName, duplicates: duplicates)
  }

  private static func parse(
    _ file: RecognisedFile, scanner: CSVScanner, table: InputTable, limits: IngestLimits,
    context: ValidationContext, dayFromName: Day?, duplicates: DuplicateFilter?
  ) -> ParsedFile {
    switch file.kind {
    case .transactions:
      return TransactionParser.parse(
        scanner, table: table, columns: file.columns, context: context, duplicates: duplicates)
    case .dailyDemand:
      return DailyDemandParser.parse(
        scanner, table: table, columns: file.columns, context: context, duplicates: duplicates)
    case .inventory:
      return InventoryParser.parse(
        scanner, table: table, columns: file.columns, context: context, dayFromName: dayFromName)
    case .stores:
      return MasterDataParser.stores(scanner, table: table, columns: file.columns)
    case .skus:
      return MasterDataParser.skus(
        scanner, table: table, columns: file.columns, limits: limits)
    case .calendar:
      return MasterDataParser.calendar(scanner, table: table, columns: file.columns)
    case .promotions:
      return MasterDataParser.promotions(
        scanner, table: table, columns: file.columns, context: context)
    case .covariates:
      return CovariateParser.parse(scanner, table: table, columns: file.columns, context: context)
    }
  }
}

/// Byte buffers handed from one file to the next, so large reads reuse memory already mapped.
final class BufferPool: @unchecked Sendable {
  private var free: [[UInt8]] = []
  private let lock = NSLock()

  func take() -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return free.popLast() ?? []
  }

  func give(_ buffer: [UInt8]) {
    lock.lock()
    free.append(buffer)
    lock.unlock()
  }
}

/// One report per file, written by the worker that committed it.
final class ReportSlots: @unchecked Sendable {
  private var slots: [FileReport?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: FileReport) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }
  func all() -> [FileReport] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}
