import Foundation
import History
import Ingest
import Pipeline

/// The plain-text summary `shelfcast ingest` prints: one line per file, then the totals.
enum IngestSummaryText {
  static func render(_ report: IngestReport) -> String {
    var lines: [String] = []
    let nameWidth = min(48, max(4, report.files.map(\.fileName.count).max() ?? 4))
    lines.append(
      pad("file", nameWidth) + "  " + pad("kind", 12) + "  " + pad("outcome", 16)
        + leftPad("read", 10) + leftPad("stored", 10) + leftPad("quarantined", 12))
    for file in report.files {
      lines.append(
        pad(file.fileName, nameWidth) + "  " + pad(file.kind?.rawValue ?? "?", 12) + "  "
          + pad(file.outcome.rawValue, 16) + leftPad("\(file.rowsRead)", 10)
          + leftPad("\(file.rowsStored)", 10) + leftPad("\(file.rowsQuarantined)", 12))
      if let message = file.message, file.outcome != .ingested || file.rowsDuplicate > 0 {
        lines.append("    " + message)
      }
      if !file.personalDataColumnsDropped.isEmpty {
        lines.append(
          "    personal-data columns dropped: "
            + file.personalDataColumnsDropped.joined(separator: ", "))
      }
      if let quarantine = file.quarantineFile { lines.append("    rejected rows: \(quarantine)") }
    }
    let duplicates = report.files.reduce(0) { $0 + $1.rowsDuplicate }
    lines.append(
      "\(report.files.count) files, \(report.rowsRead) rows read, \(report.rowsStored) stored, "
        + "\(report.rowsQuarantined) quarantined, "
        + (duplicates > 0 ? "\(duplicates) already delivered, " : "") + "in "
        + String(format: "%.2f", report.durationSeconds) + " s")
    if let skipped = report.skipped, !skipped.isEmpty {
      lines.append(
        "skipped in the folders (\(skipped.count), not read): "
          + skipped.prefix(3).joined(separator: "; ") + (skipped.count > 3 ? "; …" : ""))
    }
    if let runs = report.daysWithoutDemand, !runs.isEmpty {
      let shown = runs.prefix(5).map { run in
        run.days == 1 ? run.first.iso : "\(run.first.iso) … \(run.last.iso) (\(run.days) days)"
      }
      lines.append(
        "Warning: no demand for any store on \(runs.reduce(0) { $0 + $1.days }) days: "
          + shown.joined(separator: "; ") + (runs.count > 5 ? "; …" : "")
          + ". The models read them as days without a sale; if the export missed them, ingest "
          + "those days' files.")
    }
    if let manifest = report.manifestPath { lines.append("manifest: \(manifest)") }
    return lines.joined(separator: "\n")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width
      ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
  }

  static func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
