import Forecasting
import Pipeline

/// `shelfcast train`'s summary: what was chosen and where the time went.
enum TrainingText {
  static func render(_ outcome: TrainStage.Outcome) -> String {
    let report = outcome.report
    let totalSeconds = String(format: "%.1f", report.totalSeconds)
    let regressionSeconds = String(format: "%.1f", report.regressionSeconds)
    var lines: [String] = [
      "Trained \(report.series) series in \(report.stores) stores on history through "
        + "\(outcome.lastTrainingDay.iso) in \(totalSeconds) s (regressions \(regressionSeconds) s).",
      "Choices: " + counts(report.seriesByKind),
      "Series using each family: " + counts(report.seriesChoosingFamily),
    ]
    for method in report.methods {
      let rate = method.fitSeconds > 0 ? Double(method.series) / method.fitSeconds : 0
      lines.append(
        "  \(method.kind): \(method.fits) fits, \(String(format: "%.1f", method.fitSeconds)) "
          + "thread-s, \(String(format: "%.0f", rate)) series per thread-second")
    }
    if let tails = report.coverTails, !tails.isEmpty {
      // One line per mover class and cover length: the share of backtest covers each level
      // covered.
      lines.append(
        "Backtest covers whose sales stayed within the order-up-to level (target: the level; "
          + "periods are days, or weeks at weekly grain):")
      var groups: [[CoverTail]] = []
      for row in tails {
        if let last = groups.last?.first, last.movers == row.movers,
          last.coverDays == row.coverDays
        {
          groups[groups.count - 1].append(row)
        } else {
          groups.append([row])
        }
      }
      for rows in groups {
        guard let first = rows.first else { continue }
        lines.append(
          "  \(first.movers.rawValue) movers, \(first.covers) covers of \(first.coverDays) periods: "
            + rows.map {
              "\(String(format: "%.0f", 100 * $0.serviceLevel)) % → "
                + String(format: "%.1f", 100 * $0.coveredShare) + " %"
            }.joined(separator: ", "))
      }
    }
    let version = outcome.version
    if let promotion = outcome.promotion {
      lines.append(
        "Registered \(version.id) and promoted it to champion (\(version.promotionReason ?? ""))"
          + (promotion.replaced.map { "; \($0.id) archived." } ?? "."))
    } else if version.id == outcome.champion?.id {
      // The registry keeps one version per fitted set: this training made the champion's again.
      lines.append(
        "The fitted set is the champion's, \(version.id), byte for byte: nothing to promote.")
    } else {
      lines.append(
        "Registered \(version.id) as a candidate; the champion is still "
          + "\(outcome.champion?.id ?? "none"). Promote it with "
          + "`shelfcast registry promote \(version.id)`.")
    }
    lines.append("Model card: \(outcome.cardPath)")
    lines.append("Fitted set in service: \(outcome.fittedSetPath)")
    return lines.joined(separator: "\n")
  }

  /// "name count" pairs in name order, comma-separated.
  private static func counts(_ byName: [String: Int]) -> String {
    byName.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
  }
}
