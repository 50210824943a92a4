import DemandCore
import Dispatch
import Foundation
import History
import Tabular

extension IngestRunner {
  /// Decides a prepared file's fate, writes its quarantine file, and stores it (or only its
  /// refusal) with its ledger row in one transaction.
  func commit(_ prepared: Prepared) -> FileReport {
    // Set after the fact: a `defer` that changes `report` runs after the value is returned.
    var report = decide(prepared)
    report.durationSeconds = Self.seconds(since: prepared.started)
    return report
  }

  private func decide(_ prepared: Prepared) -> FileReport {
    var report = prepared.report
    guard var parsed = prepared.parsed, let sha = report.sha256, let kind = report.kind else {
      return report
    }
    report.rowsRead = parsed.rowsRead
    report.rowsValid = parsed.rowsValid
    report.rowsQuarantined = parsed.badRows
    report.firstDay = parsed.firstDay
    report.lastDay = parsed.lastDay
    do {
      // A file given twice in one call (under two names) is caught here, after the first commit.
      if let earlier = try database.ingestedFile(sha256: sha) {
        report.outcome = .alreadyIngested
        report.ledgerID = earlier.id
        report.message = "already ingested as \(earlier.fileName) at \(earlier.recordedAt)"
        report.rowsRead = 0
        report.rowsValid = 0
        report.rowsQuarantined = 0
        return report
      }
      // Likewise a different file of the same name from another folder, when both were prepared
      // in the same window: decide as if it had been prepared after the first was committed.
      var replacing = prepared.replacing
      if let sameName = try database.ingestedFile(named: report.fileName), sameName.id != replacing
      {
        guard options.replace else {
          report.message =
            IngestFileError.nameConflict(file: report.fileName, ingestedAt: sameName.recordedAt)
            .description
          report.rowsRead = 0
          report.rowsValid = 0
          report.rowsQuarantined = 0
          report.firstDay = nil
          report.lastDay = nil
          return report
        }
        replacing = sameName.id
      }
      let share = Double(parsed.badRows) / Double(max(parsed.rowsRead, 1))
      let refused = share > options.maximumRejectShare || parsed.errorsNotRetained > 0
      let mayRepeat =
        !parsed.deliveredLines.isEmpty || kind == .dailyDemand || kind == .transactions
      if !refused && mayRepeat {
        // Checked here, on the one committing thread, so files of the same call see each other.
        parsed = try setAsideEarlierDeliveries(
          parsed, of: prepared, kind: kind, replacing: replacing, sha: sha)
        report.rowsValid = parsed.rowsValid
        report.rowsDuplicate = parsed.duplicates.count
        report.firstDay = parsed.firstDay
        report.lastDay = parsed.lastDay
      }
      let quarantinePath =
        options.quarantineDirectory + "/" + QuarantineWriter.fileName(for: report.fileName)
      if !parsed.errors.isEmpty || !parsed.duplicates.isEmpty {
        let entries = zip(
          parsed.errors + parsed.duplicates, parsed.rejectedTexts + parsed.duplicateTexts
        )
        .sorted { $0.0.line < $1.0.line }
        try QuarantineWriter.write(entries.map(\.0), rawTexts: entries.map(\.1), to: quarantinePath)
        CrashPoint.hit("ingest.quarantine-written", detail: report.fileName)
        report.quarantineFile = quarantinePath
      } else {
        // A clean delivery of this name supersedes the rejected rows of an earlier one.
        try? FileManager.default.removeItem(atPath: quarantinePath)
      }
      let entry = LedgerEntry(
        fileName: report.fileName, sha256: sha, kind: kind, bytes: report.bytes,
        rowsRead: parsed.rowsRead, rowsStored: refused ? 0 : parsed.rowsValid,
        rowsQuarantined: parsed.badRows, rowsDuplicate: parsed.duplicates.count,
        firstDay: parsed.firstDay, lastDay: parsed.lastDay,
        status: refused ? .refused : .ingested, recordedAt: Self.timestamp(options.clock()),
        runDate: options.runDate)
      CrashPoint.hit("ingest.before-commit", detail: report.fileName)
      let stored = try database.commit(
        FileBatch(
          entry: entry, content: refused ? .nothing : parsed.content,
          replacing: refused ? nil : replacing,
          deliveredLines: refused ? [] : parsed.deliveredLines,
          hourlySales: refused ? [] : parsed.hourlySales))
      report.ledgerID = stored.id
      CrashPoint.hit("ingest.committed", detail: report.fileName)
      if refused {
        report.outcome = .refused
        let why =
          parsed.errorsNotRetained > 0
          ? "over the \(parsed.errors.count) bad rows one file may have; the quarantine file "
            + "lists the first \(parsed.errors.count)"
          : "\(Self.percent(share)) > \(Self.percent(options.maximumRejectShare)) allowed"
        report.message =
          "\(report.fileName): \(parsed.badRows) of \(parsed.rowsRead) rows are bad (\(why)); "
          + "nothing of the file was stored. First: \(parsed.errors.first.map { "\($0)" } ?? "")"
        options.logger.error("\(report.message ?? "")")
      } else {
        report.outcome = .ingested
        report.rowsStored = parsed.rowsValid
        report.cellsStored = parsed.cells
        if replacing != nil { report.message = "replaced the earlier file of this name" }
        if let first = parsed.duplicates.first {
          report.addNote(
            "\(parsed.duplicates.count) of \(parsed.rowsRead) rows repeat what files ingested "
              + "before delivered and were not counted again. First: \(first)")
        }
        if let weekday = parsed.looksWeekly {
          let warning =
            "every date is a \(weekday.rawValue): this looks like weekly data, which this daily "
            + "workspace reads as one day's sales per week; weekly data needs a weekly workspace "
            + "('shelfcast init --grain weekly-\(weekday.rawValue)' on a new folder)"
          report.addNote(warning)
          options.logger.warning("\(report.fileName): \(warning)")
        }
        if parsed.negativeStockRows > 0 {
          let rows = parsed.negativeStockRows
          let note =
            "\(rows) row\(rows == 1 ? " has" : "s have") a negative on_hand (a book stock below "
            + "zero), read as 0 on hand"
          report.addNote(note)
          options.logger.notice("\(report.fileName): \(note)")
        }
        if parsed.negativeRows > 0 {
          // Only a weekly workspace keeps negative values (weeks of net returns): flagged here.
          report.addNote("\(parsed.negativeRows) rows are negative (net returns), kept")
        }
        options.logger.info(
          "ingested \(report.fileName): \(parsed.rowsValid) rows stored, \(parsed.badRows) quarantined"
        )
      }
    } catch {
      report.outcome = .failed
      report.rowsStored = 0
      report.message = "\(report.fileName): not stored: \(error)"
      options.logger.error("\(report.message ?? "")")
    }
    return report
  }

  // MARK: - Re-delivered lines

  /// `parsed` with what earlier ingested files delivered set aside (`DuplicateFilter`): the
  /// transaction lines they delivered, the daily-demand rows for store/SKU/days they stored, and
  /// the transaction lines for store/SKU/days a daily-demand file gave the total of.
  ///
  /// The common case costs one or two index lookups per store/day of the file and finds
  /// nothing. Only when an earlier file delivered the same store and day are lines and cells
  /// compared; only when some match is the file read and parsed again, setting those rows aside.
  ///
  /// - Throws: `TabularError` or `IngestFileError` when the file cannot be read again unchanged.
  func setAsideEarlierDeliveries(
    _ parsed: ParsedFile, of prepared: Prepared, kind: InputKind, replacing: Int64?, sha: String
  ) throws -> ParsedFile {
    let earlier =
      parsed.deliveredLines.isEmpty
      ? []
      : try database.earlierDeliveries(
        of: parsed.deliveredLines.map { ($0.storeKey, $0.day) }, excluding: replacing)
    let blocks = try Self.demandBlocks(of: parsed.content)
    let demand = try database.earlierDemand(
      of: blocks.map { ($0.storeKey, $0.day) }, excluding: replacing,
      dailyDemandOnly: kind != .dailyDemand)
    guard !earlier.isEmpty || !demand.isEmpty else { return parsed }
    let filter = DuplicateFilter(earlier: earlier, demand: demand)
    let storeDays = Set(demand.map { StoreDay(storeKey: $0.storeKey, day: $0.day) })
    let repeatsACell = try blocks.contains { block in
      guard storeDays.contains(StoreDay(storeKey: block.storeKey, day: block.day)) else {
        return false
      }
      return try block.skuKeys().contains {
        filter.cellFile(storeKey: block.storeKey, day: block.day, skuKey: $0) != nil
      }
    }
    guard
      repeatsACell || parsed.deliveredLines.contains(where: { filter.matchesAny($0.fingerprints) })
    else {
      return parsed
    }
    let input = try read(prepared.file)
    defer { buffers.give(input.storage) }
    guard Self.sha256(of: input) == sha else {
      throw TabularError.changedWhileReading(path: prepared.file.path)
    }
    var result = try parse(
      prepared.file, input, context: prepared.context, dayFromName: nil, duplicates: filter)
    result.encodeBlocks()
    return result
  }

  /// A store and day, by database key.
  struct StoreDay: Hashable {
    var storeKey: Int32
    var day: Day
  }

  /// One demand block of a parsed file, its SKUs decoded only when asked for.
  struct StoredCells {
    let storeKey: Int32
    let day: Day
    let skuKeys: () throws -> [Int32]
  }

  /// The demand blocks of `content` (as parsed, or encoded for storage).
  static func demandBlocks(of content: FileBatch.Content) throws -> [StoredCells] {
    switch content {
    case .demand(let blocks):
      return blocks.map { block in
        StoredCells(storeKey: block.storeKey, day: block.day, skuKeys: { block.skuKeys })
      }
    case .encodedDemand(let blocks):
      return blocks.map { block in
        StoredCells(
          storeKey: block.storeKey, day: block.day,
          skuKeys: {
            try DemandBlock(storeKey: block.storeKey, day: block.day, decoding: block.payload)
              .skuKeys
          })
      }
    default:
      return []
    }
  }

  // MARK: - Manifest

  func writeManifest(_ report: IngestReport, at date: Date) throws -> String {
    let stamp = Self.compactTimestamp(date)
    var path = options.manifestDirectory + "/ingest-\(stamp).json"
    var suffix = 1
    while FileManager.default.fileExists(atPath: path) {
      suffix += 1
      path = options.manifestDirectory + "/ingest-\(stamp)-\(suffix).json"
    }
    var withPath = report
    withPath.manifestPath = path
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try AtomicFile.write(Array(try encoder.encode(withPath)) + [10], to: path)
    return path
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  static func compactTimestamp(_ date: Date) -> String {
    timestamp(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
  }

  static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  static func percent(_ share: Double) -> String { String(format: "%.2f %%", share * 100) }
}
