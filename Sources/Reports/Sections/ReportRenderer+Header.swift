import DemandCore
import Monitoring

extension ReportRenderer {
  /// The title, the chain and run date, the alert counts and the table of contents.
  static func header(_ data: ReportData) -> String {
    var html = "<header>\n<h1>" + HTMLText.escape(data.title) + "</h1>\n"
    html += "<p class=\"meta\"><strong>" + HTMLText.escape(data.chainName) + "</strong> · run date "
    html += data.runDate.iso + " (" + weekdayNames[data.runDate.weekdayIndex] + ") · "
    let counts = Alert.Severity.counts(of: data.alerts)
    if data.alerts.isEmpty {
      html += "no alerts"
    } else {
      var parts: [String] = []
      for severity in Alert.Severity.allCases.reversed() where counts[severity, default: 0] > 0 {
        parts.append(
          "<span class=\"badge sev-\(severity.rawValue)\">\(counts[severity, default: 0]) "
            + severity.rawValue + "</span>")
      }
      html += "<a href=\"#alerts\">alerts</a>: " + parts.joined(separator: " ")
    }
    html += "</p>\n<nav>"
    var links = [
      ("alerts", "Alerts"), ("chain", "Chain"), ("accuracy", "Accuracy"), ("regions", "Regions"),
      ("top-movers", "Top movers"), ("drift", "Drift"), ("subgroups", "Subgroups"),
    ]
    if data.modelLife != nil { links.append(("model-life", "Model life")) }
    html += links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " ")
    html += "</nav>\n</header>\n"
    return html
  }

  /// What the page is and how its numbers were made.
  static func footer(_ data: ReportData) -> String {
    "<footer>ShelfCast analysts' report for " + HTMLText.escape(data.chainName) + ", "
      + data.runDate.iso + ". Units are units sold per day; the band is the forecast's 10th to "
      + "90th percentile. Stock-out days are shown but left out of every accuracy number, since "
      + "their sales are only a lower bound on demand. This file is self-contained: it loads "
      + "nothing from the network.</footer>\n"
  }
}
