extension ReportRenderer {
  /// Accuracy by week and by horizon, side by side, each with its numbers in a table below.
  static func accuracySection(_ data: ReportData) -> String {
    var body = legend([
      ("bar-wape", "WAPE"), ("bar-bias", "bias (+ = forecasts high)"),
      ("bar-coverage", "80 % band coverage"), ("target", "nominal coverage, 80 %"),
    ])
    body += "<div class=\"grid\">\n"
    body += accuracyFigure(
      data.accuracyByWeek, panel: .accuracyByWeek, title: "By week of actuals",
      emptyText: "No scored weeks in this run.")
    body += accuracyFigure(
      data.accuracyByHorizon, panel: .accuracyByHorizon, title: "By forecast horizon",
      emptyText: "No scored horizons in this run.")
    body += "</div>\n"
    return section(id: "accuracy", title: "Accuracy (stock-out days excluded)", body: body)
  }

  static func accuracyFigure(
    _ rows: [AccuracyRow], panel: ReportPanel, title: String, emptyText: String
  ) -> String {
    var html = "<figure class=\"panel\">\n<figcaption><strong>" + HTMLText.escape(title)
    html += "</strong></figcaption>\n"
    guard
      let svg = AccuracyChart.svg(
        rows, panel: panel, title: "Accuracy " + title.lowercased(), width: halfWidth, height: 260)
    else { return html + emptyNote(panel, emptyText) + "</figure>\n" }
    html += svg + "\n<details><summary>Numbers</summary>\n"
    html += table(
      headers: ["", "WAPE", "bias", "80 % coverage", "scored days"],
      rows: rows.map {
        [
          $0.label, NumberText.percent(ratio: $0.wape), NumberText.signedPercent($0.biasPercent),
          NumberText.percent(ratio: $0.coverage80),
          NumberText.grouped(Double($0.scoredDays), digits: 0),
        ]
      }, numeric: [1, 2, 3, 4])
    return html + "</details>\n</figure>\n"
  }
}
