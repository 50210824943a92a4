import Foundation
import Pipeline
import Registry

/// What `shelfcast demo` prints after its nights.
enum DemoText {
  /// Every night the workspace has finished (this run's and earlier ones'), its retrainings with
  /// the registry's decision, and where the outputs are.
  static func summary(workspace: Workspace) throws -> String {
    let registry = try workspace.openRegistry()
    let nights = try NightLog(database: registry.database).all()
    let retrained = nights.filter { $0.retrainTrigger != nil }
    let byTrigger = Dictionary(grouping: retrained) { $0.retrainTrigger ?? "" }
    let triggerCounts: [String] = byTrigger.keys.sorted().map { key in
      "\(byTrigger[key]?.count ?? 0) \(key)"
    }
    var span = ""
    if let first = nights.first, let last = nights.last {
      span = ", \(first.runDate.iso) … \(last.runDate.iso)"
    }
    var lines = [
      "",
      "Nights finished: \(nights.count)\(span)",
      "Retrainings: \(retrained.count) (" + triggerCounts.joined(separator: ", ") + ")",
    ]
    for night in retrained {
      let version = night.retrainVersion.flatMap { try? registry.show($0) }
      // The manifest's sentence (it also covers deferred and failed retrainings, which leave
      // no version); the registry's when the manifest is gone.
      let manifest = FileManager.default.contents(atPath: night.manifest).flatMap {
        try? JSONDecoder().decode(NightlyManifest.self, from: $0)
      }
      let why =
        manifest?.retraining?.decisionReason
        ?? version.map { ($0.status == .rejected ? $0.statusReason : $0.promotionReason) ?? "" }
      lines.append(
        "  \(night.runDate.iso) \(night.retrainTrigger ?? ""): \(night.retrainVersion ?? "none") "
          + "\(night.retrainDecision ?? "") — \(why ?? "")")
    }
    lines.append("Champion: \(try registry.champion()?.id ?? "none")")
    let verification = try registry.audit.verify()
    lines.append(
      "Audit log: " + (verification.isIntact ? "intact" : "BROKEN")
        + " (\(verification.entryCount) entries)")
    if let last = nights.last {
      let directory = workspace.reportDirectory + "/" + last.runDate.iso
      lines += [
        "",
        "Last night's outputs: \(directory)/",
        "  recommendations.csv  forecast.csv  explain.csv  explain_models.csv",
        "  forecast_vs_actual.csv  accuracy_summary.csv  drift.csv  alerts.csv  report.html",
        "Metrics:     \(workspace.reportDirectory)/metrics.prom",
        "Manifests:   \(workspace.manifestDirectory)/nightly-YYYY-MM-DD.json",
        "Model cards: \(workspace.modelCardDirectory)/",
      ]
    }
    return lines.joined(separator: "\n")
  }
}
