import Monitoring

extension ReportRenderer {
  /// The alerts, most severe first (`Alert.inReportOrder`), each row coloured by severity.
  static func alertsSection(_ alerts: [Alert]) -> String {
    guard !alerts.isEmpty else {
      return section(
        id: "alerts", title: "Alerts",
        body: "<p class=\"note\">No alerts: every check passed.</p>\n")
    }
    var html = "<table class=\"alerts\">\n<thead><tr><th>Severity</th><th>Kind</th>"
    html += "<th>Segment</th><th class=\"num\">Value</th><th class=\"num\">Threshold</th>"
    html += "<th>Suggested action</th><th>Message</th></tr></thead>\n<tbody>\n"
    for alert in Alert.inReportOrder(alerts) {
      let severity = alert.severity.rawValue
      html += "<tr class=\"sev-\(severity)\"><td><span class=\"badge sev-\(severity)\">"
      html += severity + "</span></td><td class=\"token\">" + breakable(alert.kind.rawValue)
      html += "</td><td class=\"token\">" + breakable(alert.segment) + "</td><td class=\"num\">"
      html += NumberText.compact(alert.value) + "</td><td class=\"num\">"
      html += NumberText.compact(alert.threshold) + "</td><td>"
      html += HTMLText.escape(alert.suggestedAction) + "</td><td>"
      html += HTMLText.escape(alert.message) + "</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
    return section(
      id: "alerts", title: "Alerts (\(alerts.count))", body: scrollable(html))
  }

  /// `text` escaped, with a line-break opportunity (`<wbr>`) after each `_`, `=` and `/`, so
  /// that `store_format=convenience` can wrap in a narrow column instead of widening it (the
  /// style sheet keeps them only on a narrow window: `td.token wbr`).
  static func breakable(_ text: String) -> String {
    var html = ""
    for character in HTMLText.escape(text) {
      html.append(character)
      if character == "_" || character == "=" || character == "/" { html += "<wbr>" }
    }
    return html
  }
}
