import DemandCore
import Foundation
import Pipeline
import Reports

/// The one-line summaries of nightly runs (`shelfcast nightly`, `shelfcast demo`).
enum NightlyText {
  /// `2026-10-18  ingested 12,345 rows (3 quarantined)  600 series  orders 123 (4,567.80)
  /// WAPE 31.2 %  alerts 0 critical 2 warning  retrain schedule → v0003 promoted  2.1 s`
  static func line(_ outcome: NightlyStage.Outcome) -> String {
    let manifest = outcome.manifest
    if outcome.alreadyFinished {
      return "\(outcome.runDate.iso)  already finished at \(manifest.finishedAt) (model "
        + "\(manifest.modelVersion ?? "none"), exit \(manifest.exitCode)); nothing to do"
    }
    var parts = [
      outcome.runDate.iso,
      "ingested \(grouped(manifest.rows.stored)) rows"
        + (manifest.rows.quarantined > 0
          ? " (\(grouped(manifest.rows.quarantined)) quarantined)" : ""),
    ]
    if outcome.status == .inputMissing {
      parts.append("SALES MISSING: nothing forecast")
    } else {
      parts.append("\(grouped(outcome.seriesForecast)) series")
      parts.append(
        "orders \(grouped(outcome.ordersLines)) (value \(NumberText.grouped(outcome.orderValue, digits: 2)))"
      )
      parts.append("WAPE " + (outcome.chainWAPE.map { NumberText.percent(ratio: $0) } ?? "–"))
    }
    parts.append("alerts \(manifest.alertsCritical) critical \(manifest.alertsWarning) warning")
    if let retraining = outcome.retraining {
      parts.append(
        "retrain \(retraining.trigger) → \(retraining.candidate ?? "none") \(retraining.decision)")
    }
    if let shadow = manifest.shadow {
      let wapes = [shadow.championWAPE, shadow.shadowWAPE].map {
        $0.map { NumberText.percent(ratio: $0) } ?? "–"
      }
      parts.append(
        "shadow \(shadow.shadow) \(wapes[1]) vs \(shadow.champion) \(wapes[0]) over "
          + "\(shadow.nightsScored) nights"
          + (shadow.state == .active ? "" : " (\(shadow.state.rawValue))"))
    }
    parts.append("model \(manifest.modelVersion ?? "none")")
    parts.append(NumberText.fixed(outcome.seconds, digits: 1) + " s")
    return parts.joined(separator: "  ")
  }

  /// The status a run of several nights exits with: missing sales before refused input before
  /// alerts before success.
  static func worse(_ a: ExitStatus, _ b: ExitStatus) -> ExitStatus {
    let order: [ExitStatus] = [.inputMissing, .inputRefused, .alertsRaised]
    for status in order where a == status || b == status { return status }
    return a == .success ? b : a
  }

  static func grouped(_ value: Int) -> String { NumberText.grouped(Double(value), digits: 0) }
}
