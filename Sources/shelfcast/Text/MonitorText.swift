import Monitoring
import Pipeline
import Tabular

/// The lines `shelfcast monitor` prints.
enum MonitorText {
  static func render(_ outcome: MonitorStage.Outcome) -> String {
    let accuracy = outcome.accuracy
    let chain = accuracy.summary.chain
    let counts = Alert.Severity.counts(of: outcome.alerts)
    func fixed(_ value: Double, _ digits: Int) -> String {
      guard value.isFinite else { return "n/a" }
      let sink = ByteSink(initialCapacityBytes: 32)
      sink.appendDecimal(value, fractionDigits: digits)
      return sink.text
    }
    var lines = [
      "Monitored \(accuracy.window.lowerBound.iso) … \(accuracy.window.upperBound.iso): "
        + "\(accuracy.rows) forecasts of \(accuracy.seriesMonitored) series, "
        + "\(chain.points) scored (stock-out days excluded).",
      "Chain: WAPE \(fixed(chain.wape, 3)) (backtest \(accuracy.backtestWAPE.map { fixed($0, 3) } ?? "n/a")), "
        + "bias \(fixed(chain.biasPercent, 1)) %, 80 % coverage \(fixed(chain.coverage80Percent, 1)) %, "
        + "MASE \(fixed(chain.mase, 3)).",
      "Alerts: \(counts[.critical] ?? 0) critical, \(counts[.warning] ?? 0) warning, "
        + "\(counts[.info] ?? 0) info.",
    ]
    for alert in outcome.alerts { lines.append("  [\(alert.severity.rawValue)] \(alert.message)") }
    lines.append("Report: \(outcome.reportPath)")
    lines.append("Files: \(accuracy.directory)/ and \(outcome.metricsPath)")
    return lines.joined(separator: "\n")
  }
}
