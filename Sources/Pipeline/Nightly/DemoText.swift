import Foundation
import Registry

/// What `shelfcast demo` prints after its nights.
public enum DemoText {
  /// The retrainings of the run and where the outputs are.
  public static func summary(_ outcomes: [NightlyStage.Outcome], workspace: Workspace) -> String {
    var lines = [""]
    let retrainings = outcomes.compactMap { outcome in
      outcome.retraining.map { (outcome.runDate, $0) }
    }
    lines.append("Retrainings: \(retrainings.count)")
    for (day, retraining) in retrainings {
      lines.append(
        "  \(day.iso) \(retraining.trigger): \(retraining.candidate ?? "none") "
          + "\(retraining.decision) — \(retraining.decisionReason)")
    }
    if let last = outcomes.last {
      let directory = workspace.reportDirectory + "/" + last.runDate.iso
      lines += [
        "",
        "Last night's outputs: \(directory)/",
        "  recommendations.csv  forecast.csv  forecast_vs_actual.csv  accuracy_summary.csv",
        "  alerts.csv  drift.csv  report.html",
        "Metrics: \(workspace.reportDirectory)/metrics.prom",
        "Manifests: \(workspace.manifestDirectory)/nightly-*.json",
        "Model cards: \(workspace.modelCardDirectory)/",
      ]
    }
    return lines.joined(separator: "\n")
  }
}
