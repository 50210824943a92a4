import Forecasting
import Foundation
import Pipeline
import Registry

/// What `shelfcast registry list|show` and `shelfcast audit …` print.
enum RegistryText {
  /// One line per version, oldest first.
  static func list(_ versions: [ModelVersion]) -> String {
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
  static func show(
    _ v: ModelVersion, artifactPath: String, cardPath: String, aliases: [VersionAlias] = []
  ) -> String {
    let named =
      aliases.isEmpty ? "" : " (" + aliases.map { "@" + $0.rawValue }.joined(separator: ", ") + ")"
    var lines = [
      "\(v.id): \(v.status.rawValue)\(named)",
      "created:           \(v.createdAt) by \(v.createdBy)",
      "trigger:           \(v.trigger.rawValue): \(v.reason)",
      "training window:   \(v.windowFirstDay.iso) … \(v.windowLastDay.iso)",
      "data fingerprint:  \(v.dataFingerprint)",
      "code version:      \(v.codeVersion)",
      "artifact:          \(artifactPath) (\(v.artifactBytes) bytes, SHA-256 \(v.artifactSHA256))",
    ]
    if let c = v.evaluationWindowLastDay {
      lines.append("evaluation window: ends \(c.iso) (judged on the days after it)")
    }
    if let judged = v.refitOf { lines.append("refit of:          \(judged)") }
    if let comparison = v.comparison {
      lines.append("comparison:        " + Self.comparison(comparison))
    }
    if let decision = v.decision { lines.append("decision:          \(decision.kind.rawValue)") }
    if let by = v.promotedBy, let at = v.promotedAt {
      lines.append("promoted:          \(at) by \(by): \(v.promotionReason ?? "")")
    }
    if let retired = v.retiredAt { lines.append("left service:      \(retired)") }
    if let why = v.statusReason { lines.append("status reason:     \(why)") }
    if let note = v.overrideNote { lines.append("override:          \(note)") }
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

  /// A comparison in one line: holdout, origins, horizons, points, both WAPEs.
  static func comparison(_ c: HoldoutComparison) -> String {
    "holdout \(c.firstDay.iso)..\(c.lastDay.iso) (\(c.days) days, origins "
      + c.origins.map(\.iso).joined(separator: ", ")
      + ", horizons 1..\(c.maximumHorizonDays)), \(c.points) points: candidate "
      + "\(c.candidateVersion ?? "") WAPE \(percent(c.candidateWAPE)) (trained through "
      + "\(c.candidateWindowLastDay.iso)), champion \(c.championVersion ?? "") WAPE "
      + "\(percent(c.championWAPE)) (trained through \(c.championWindowLastDay.iso))"
  }

  /// `registry diff A B`: fields side by side, `*` where they differ.
  static func diff(_ d: VersionDiff) -> String {
    func rows(_ fields: [VersionDiff.Field]) -> String {
      table(
        [["", "field", d.a.id, d.b.id]]
          + fields.map { [$0.differs ? "*" : " ", $0.name, $0.a, $0.b] })
    }
    var metricRows = [["scope", d.a.id + " wape", d.b.id + " wape", "change", "days"]]
    for m in d.metrics {
      let change: String
      if let a = m.aWAPE, let b = m.bWAPE {
        change = String(format: "%+.1f pt", (b - a) * 100)
      } else {
        change = "n/a"
      }
      metricRows.append([
        m.scope, percent(m.aWAPE), percent(m.bWAPE), change, "\(m.aPoints) / \(m.bPoints)",
      ])
    }
    return [
      "\(d.a.id) vs \(d.b.id)", "", rows(d.identity), "", "configuration:",
      rows(d.configuration), "", "backtest metrics:", table(metricRows),
    ].joined(separator: "\n")
  }

  /// A promotion or rollback, in one sentence.
  static func promotion(_ promotion: Promotion, verb: String) -> String {
    let champion = promotion.champion
    var text = "\(champion.id) is the champion (\(verb) by \(champion.promotedBy ?? "?"): "
    text += "\(champion.promotionReason ?? "")"
    if let replaced = promotion.replaced {
      text += "; \(replaced.id) is \(replaced.status.rawValue)"
    }
    return text + ")."
  }

  /// `audit verify`'s verdict.
  static func verification(_ result: AuditVerification) -> String {
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
  static func entries(_ entries: [AuditEntry]) -> String {
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
  static func table(_ rows: [[String]]) -> String {
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
