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
    guard let parsed = prepared.parsed, let sha = report.sha256, let kind = report.kind else {
      return report
    }
    report.rowsRead = parsed.rowsRead
    report.rowsValid = parsed.rowsValid
    report.rowsQuarantined = parsed.errors.count
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
      let quarantinePath = options.quarantineDirectory + "/" + report.fileName + ".rejected.csv"
      if !parsed.errors.isEmpty {
        try QuarantineWriter.write(
          parsed.errors, rawTexts: parsed.rejectedTexts, to: quarantinePath)
        report.quarantineFile = quarantinePath
      } else {
        // A clean delivery of this name supersedes the rejected rows of an earlier one.
        try? FileManager.default.removeItem(atPath: quarantinePath)
      }
      let share = Double(parsed.errors.count) / Double(max(parsed.rowsRead, 1))
      let refused = share > options.maximumRejectShare
      let entry = LedgerEntry(
        fileName: report.fileName, sha256: sha, kind: kind, bytes: report.bytes,
        rowsRead: parsed.rowsRead, rowsStored: refused ? 0 : parsed.rowsValid,
        rowsQuarantined: parsed.errors.count, firstDay: parsed.firstDay, lastDay: parsed.lastDay,
        status: refused ? .refused : .ingested, recordedAt: Self.timestamp(options.clock()))
      let stored = try database.commit(
        FileBatch(
          entry: entry, content: refused ? .nothing : parsed.content,
          replacing: refused ? nil : replacing))
      report.ledgerID = stored.id
      if refused {
        report.outcome = .refused
        report.message =
          "\(report.fileName): \(parsed.errors.count) of \(parsed.rowsRead) rows are bad "
          + "(\(Self.percent(share)) > \(Self.percent(options.maximumRejectShare)) allowed); "
          + "nothing of the file was stored. First: \(parsed.errors[0])"
        options.logger.error("\(report.message ?? "")")
      } else {
        report.outcome = .ingested
        report.rowsStored = parsed.rowsValid
        report.cellsStored = parsed.cells
        if replacing != nil { report.message = "replaced the earlier file of this name" }
        options.logger.info(
          "ingested \(report.fileName): \(parsed.rowsValid) rows stored, \(parsed.errors.count) quarantined"
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
