import Forecasting
import Foundation
import Registry

/// What `shelfcast registry list|show` and `shelfcast audit …` print.
public enum RegistryText {
  /// One line per version, oldest first.
  public static func list(_ versions: [ModelVersion]) -> String {
    guard !versions.isEmpty else {
      return "No model versions yet; `shelfcast train` registers the first."
    }
    let header = ["version", "status", "created", "window", "trigger", "series", "wape", "reason"]
    let rows = versions.map { v -> [String] in
      [
        v.id, v.status.rawValue, v.createdAt, "\(v.windowFirstDay.iso)..\(v.windowLastDay.iso)",
        v.trigger.rawValue, String(v.selectedMix.seriesCount), percent(v.metrics.overall.wape),
        v.statusReason ?? v.promotionReason ?? v.reason,
      ]
    }
    return table([header] + rows)
  }

  /// Everything the registry holds about one version.
  public static func show(_ v: ModelVersion, artifactPath: String, cardPath: String) -> String {
    var lines = [
      "\(v.id): \(v.status.rawValue)",
      "created:           \(v.createdAt) by \(v.createdBy)",
      "trigger:           \(v.trigger.rawValue): \(v.reason)",
      "training window:   \(v.windowFirstDay.iso) … \(v.windowLastDay.iso)",
      "data fingerprint:  \(v.dataFingerprint)",
      "code version:      \(v.codeVersion)",
      "artifact:          \(artifactPath) (\(v.artifactBytes) bytes, SHA-256 \(v.artifactSHA256))",
    ]
    if let by = v.promotedBy, let at = v.promotedAt {
      lines.append("promoted:          \(at) by \(by): \(v.promotionReason ?? "")")
    }
    if let retired = v.retiredAt { lines.append("left service:      \(retired)") }
    if let why = v.statusReason { lines.append("status reason:     \(why)") }
    lines.append("configuration:     \(v.configurationJSON)")
    lines.append(
      "selected mix:      "
        + v.selectedMix.seriesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", "))
    lines.append("")
    var rows = [["scope", "series", "days", "wape", "rmse", "bias"]]
    func add(_ name: String, _ tally: BacktestTally) {
      rows.append([
        name, String(tally.series), String(tally.points), percent(tally.wape), number(tally.rmse),
        percent(tally.biasPercent.map { $0 / 100 }),
      ])
    }
    add("selected", v.metrics.overall)
    for (family, tally) in v.metrics.byFamily.sorted(by: { $0.key < $1.key }) {
      add("family " + family, tally)
    }
    for (region, tally) in v.metrics.byRegion.sorted(by: { $0.key < $1.key }) {
      add("region " + region, tally)
    }
    for (format, tally) in v.metrics.byFormat.sorted(by: { $0.key < $1.key }) {
      add("format " + format, tally)
    }
    lines.append(table(rows))
    lines.append("")
    lines.append("model card: \(cardPath)")
    return lines.joined(separator: "\n")
  }

  /// A promotion or rollback, in one sentence.
  public static func promotion(_ promotion: Promotion, verb: String) -> String {
    let champion = promotion.champion
    var text = "\(champion.id) is the champion (\(verb) by \(champion.promotedBy ?? "?"): "
    text += "\(champion.promotionReason ?? "")"
    if let replaced = promotion.replaced {
      text += "; \(replaced.id) is \(replaced.status.rawValue)"
    }
    return text + ")."
  }

  /// `audit verify`'s verdict.
  public static func verification(_ result: AuditVerification) -> String {
    guard let problem = result.problem else {
      guard let seq = result.lastSeq, let hash = result.lastHash else {
        return "Audit log intact: no entries yet."
      }
      return
        "Audit log intact: \(result.entryCount) entries, the last is \(seq) with hash \(hash)."
    }
    return "Audit log broken at entry \(problem.seq): \(problem)."
  }

  /// Entries, one line each: seq, time, user@host, action, subject, details.
  public static func entries(_ entries: [AuditEntry]) -> String {
    guard !entries.isEmpty else { return "No audit entries." }
    return table(
      [["seq", "at", "who", "action", "subject", "details"]]
        + entries.map {
          [
            String($0.seq), $0.at, $0.user + "@" + $0.host, $0.action.rawValue, $0.subject,
            $0.details,
          ]
        })
  }

  // MARK: - Formatting

  static func percent(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.1f%%", value * 100)
  }

  static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.3f", value)
  }

  /// Columns padded to their widest cell, two spaces apart; the last column is not padded.
  public static func table(_ rows: [[String]]) -> String {
    guard let columns = rows.map(\.count).max() else { return "" }
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
