import Pipeline

/// What `shelfcast prune` prints.
enum PruneText {
  /// The cutoffs, a table of what was deleted (or would be) per kind, a table of what was kept
  /// and why, and the audit entry. With `listing`, every file and folder follows, relative to
  /// the workspace.
  static func render(_ report: PruneReport, workspace: Workspace, listing: Bool) -> String {
    var lines: [String] = []
    for warning in report.warnings { lines.append("Warning: " + warning + ".") }
    lines.append(
      (report.dryRun ? "Dry run: would delete" : "Deleted")
        + " what is dated before \(report.cutoff.iso) (today \(report.today.iso), keeping "
        + "\(report.keepDays) days); model cards and artifacts of versions out of service "
        + "before \(report.modelCutoff.iso).")
    lines.append("")
    let deletable: [PruneReport.Kind] = [
      .reportFolder, .forecastBlock, .manifest, .quarantineFile, .modelCard, .modelArtifact,
    ]
    var rows = [[report.dryRun ? "would delete" : "deleted", "count", "bytes"]]
    for kind in deletable {
      rows.append([kind.rawValue, String(report.count(kind)), String(report.bytes(kind))])
    }
    rows.append([
      "total", String(deletable.reduce(0) { $0 + report.count($1) }),
      String(deletable.reduce(0) { $0 + report.bytes($1) }),
    ])
    lines.append(RegistryText.table(rows))
    lines.append("")
    var kept = [["kept", "count", "bytes", "why"]]
    for group in report.kept {
      kept.append([
        group.kind.rawValue, String(group.count), group.bytes > 0 ? String(group.bytes) : "",
        group.reason.rawValue,
      ])
    }
    lines.append(RegistryText.table(kept))
    if listing && !report.isEmpty {
      lines.append("")
      let prefix = workspace.root + "/"
      for item in report.files {
        let path =
          item.path.hasPrefix(prefix) ? String(item.path.dropFirst(prefix.count)) : item.path
        lines.append("\(path)  (\(item.day.iso), from its \(item.dateSource.rawValue))")
      }
      if let first = report.forecasts.issueDays.first, let last = report.forecasts.issueDays.last {
        lines.append(
          "forecast blocks issued \(first.iso) … \(last.iso) (\(report.forecasts.blocks) blocks, "
            + "\(report.forecasts.series) series)")
      }
    }
    lines.append("")
    if report.dryRun {
      lines.append("Nothing was deleted (dry run).")
    } else if let seq = report.auditSeq {
      lines.append("Audit entry \(seq) records this prune (written before anything was deleted).")
    } else {
      lines.append("Nothing to delete; no audit entry written.")
    }
    return lines.joined(separator: "\n")
  }
}
