extension ReportRenderer {
  /// The drift grid, the drifted tests listed, and every test in a collapsed table.
  static func driftSection(_ rows: [DriftRow]) -> String {
    let title = "Drift: last 28 days against the training window"
    guard let svg = DriftGrid.svg(rows, panel: .drift, width: contentWidth) else {
      return section(
        id: "drift", title: title, body: emptyNote(.drift, "No drift tests in this run."))
    }
    let drifted = rows.filter(\.drifted)
    var body = "<p class=\"note\">\(drifted.count) of \(rows.count) tests found drift. "
    body += "Each cell shows the test's statistic (KS D, Cramér's V, PSI or WAPE ratio); "
    body += "hover for its threshold.</p>\n"
    body += legend([
      ("heat-low", "far below threshold"), ("heat-high", "near threshold"),
      ("drifted", "drifted"), ("missing", "not tested"),
    ])
    body += svg + "\n"
    let cells = { (row: DriftRow) in
      [
        row.segment, row.feature, row.test, NumberText.compact(row.statistic),
        NumberText.compact(row.threshold), row.drifted ? "yes" : "no",
      ]
    }
    let headers = ["Segment", "Feature", "Test", "Statistic", "Threshold", "Drifted"]
    if !drifted.isEmpty {
      body +=
        "<h3>Drifted</h3>\n" + table(headers: headers, rows: drifted.map(cells), numeric: [3, 4])
    }
    body += "<details><summary>All \(rows.count) tests</summary>\n"
    body += table(
      headers: headers, rows: rows.map(cells), numeric: [3, 4],
      rowClasses: rows.map { $0.drifted ? "drifted-row" : "" })
    body += "</details>\n"
    return section(id: "drift", title: title, body: body)
  }
}
