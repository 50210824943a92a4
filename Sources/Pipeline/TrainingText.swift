import Forecasting

/// `shelfcast train`'s summary: what was chosen and where the time went.
public enum TrainingText {
  public static func render(_ outcome: TrainStage.Outcome) -> String {
    let report = outcome.report
    var lines = [
      "Trained \(report.series) series in \(report.stores) stores on history through "
        + "\(outcome.lastTrainingDay.iso) in \(String(format: "%.1f", report.totalSeconds)) s "
        + "(regressions \(String(format: "%.1f", report.regressionSeconds)) s).",
      "Choices: "
        + report.seriesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", "),
      "Series using each family: "
        + report.seriesChoosingFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", "),
    ]
    for method in report.methods {
      let rate = method.fitSeconds > 0 ? Double(method.series) / method.fitSeconds : 0
      lines.append(
        "  \(method.kind): \(method.fits) fits, \(String(format: "%.1f", method.fitSeconds)) "
          + "thread-s, \(String(format: "%.0f", rate)) series per thread-second")
    }
    lines.append("Fitted set: \(outcome.fittedSetPath)")
    return lines.joined(separator: "\n")
  }
}
