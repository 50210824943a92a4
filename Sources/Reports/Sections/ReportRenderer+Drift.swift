import Monitoring
import Tabular

extension ReportRenderer {
  /// The drift grid, the drifted tests listed with their p-values, the reference and recent
  /// distributions of each drifted finding side by side, and every test in a collapsed table.
  static func driftSection(_ data: ReportData) -> String {
    let rows = data.drift
    let title = driftTitle(data.driftWindows)
    guard let svg = DriftGrid.svg(rows, panel: .drift, width: contentWidth) else {
      return section(
        id: "drift", title: title, body: emptyNote(.drift, "No drift tests in this run."))
    }
    let drifted = rows.filter(\.drifted)
    var body = ""
    if let windows = data.driftWindows {
      body += "<p class=\"note\">" + HTMLText.escape(driftWindowsNote(windows)) + "</p>\n"
    }
    body += "<p class=\"note\">\(drifted.count) of \(rows.count) tests found drift. "
    body += "Each cell shows the test's statistic (KS D, Cramér's V, PSI or WAPE ratio) and, "
    body += "below it, its p-value where the test has one; a test found drift when the "
    body += "statistic reached its threshold and the p-value was below alpha. Hover for "
    body += "both.</p>\n"
    body += legend([
      ("heat-low", "far below threshold"), ("heat-high", "near threshold"),
      ("drifted", "drifted"), ("missing", "not tested"),
    ])
    // Wide: on a narrow window it keeps a legible size and scrolls sideways.
    body += "<div class=\"scroll-x\">\n" + svg + "\n</div>\n"
    let cells = { (row: DriftRow) in
      [
        row.segment, row.feature, row.test, NumberText.compact(row.statistic),
        row.pValue.map(SignificantDigits.pValue) ?? "—", NumberText.compact(row.threshold),
        row.drifted ? "yes" : "no",
      ]
    }
    let headers = ["Segment", "Feature", "Test", "Statistic", "p-value", "Threshold", "Drifted"]
    if !drifted.isEmpty {
      body += "<h3>Drifted</h3>\n"
      body += table(headers: headers, rows: drifted.map(cells), numeric: [3, 4, 5])
    }
    body += distributionCharts(data.driftDistributions)
    body += "<details><summary>All \(rows.count) tests</summary>\n"
    body += table(
      headers: headers, rows: rows.map(cells), numeric: [3, 4, 5],
      rowClasses: rows.map { $0.drifted ? "drifted-row" : "" })
    body += "</details>\n"
    return section(id: "drift", title: title, body: body)
  }

  /// "Drift: the last 28 days against the 364 days before them", from the windows compared.
  static func driftTitle(_ windows: DriftPanel.Windows?) -> String {
    guard let windows else { return "Drift: the recent days against the days before them" }
    return "Drift: the last \(windows.recent.count) days against the "
      + "\(windows.reference.count) days before them"
  }

  /// The dates of both windows and the level tests' block.
  static func driftWindowsNote(_ windows: DriftPanel.Windows) -> String {
    "Recent: \(windows.recent.lowerBound.iso) … \(windows.recent.upperBound.iso); reference: "
      + "\(windows.reference.lowerBound.iso) … \(windows.reference.upperBound.iso). "
      + "The demand-level tests score each series' last \(windows.levelBlockDays) days against "
      + "its \(windows.levelBlockDays)-day blocks of the reference."
  }

  /// One chart per drifted finding's distributions, reference beside recent, in a grid.
  static func distributionCharts(_ distributions: [DriftDistribution]) -> String {
    guard !distributions.isEmpty else { return "" }
    var html = "<h3>Reference and recent distributions of the drifted findings</h3>\n"
    html += legend([("bar-reference", "reference window"), ("bar-recent", "recent window")])
    html += "<div class=\"grid\">\n"
    for distribution in distributions {
      let name = distribution.segment + " · " + distribution.feature.rawValue
      let panel = ReportPanel.driftDistribution(name)
      html += "<figure class=\"panel\">\n<figcaption><strong>" + HTMLText.escape(name)
      html += "</strong> <span class=\"caption\">"
      html += HTMLText.escape("share of \(distribution.counted) per bin") + "</span></figcaption>\n"
      if let svg = DistributionChart.svg(
        distribution, panel: panel, width: halfWidth, height: 220)
      {
        html += svg + "\n"
      } else {
        html += emptyNote(panel, "Nothing counted in either window.")
      }
      html += "</figure>\n"
    }
    return html + "</div>\n"
  }
}
