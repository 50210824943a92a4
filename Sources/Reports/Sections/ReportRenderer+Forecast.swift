extension ReportRenderer {
  /// The legend of the forecast-versus-actual charts whose line is `centre`.
  static func forecastLegend(_ centre: ForecastActualSeries.Centre) -> String {
    legend([
      ("band", centre == .median ? "80 % band (p10–p90)" : "80 % band of the total"),
      ("median", centre.legendText), ("actual", "actual"),
      ("censored", "actual on a stock-out day: a lower bound, not scored"),
    ])
  }

  /// The chain's forecast against its actuals, full width.
  static func chainSection(_ data: ReportData) -> String {
    var body = forecastLegend(data.chain.centre)
    body += figure(data.chain, panel: .chain, width: contentWidth, height: 330)
    return section(id: "chain", title: "Forecast versus actual: the whole chain", body: body)
  }

  /// One chart per series in a two-column grid, or `emptyNote` when there are none.
  static func seriesGridSection(
    id: String, title: String, series: [ForecastActualSeries],
    panel: (String) -> ReportPanel, emptyNote: String
  ) -> String {
    guard !series.isEmpty else {
      return section(id: id, title: title, body: "<p class=\"note\">\(emptyNote)</p>\n")
    }
    var body = forecastLegend(series[0].centre) + "<div class=\"grid\">\n"
    for one in series {
      body += figure(one, panel: panel(one.name), width: halfWidth, height: 250)
    }
    return section(id: id, title: title, body: body + "</div>\n")
  }

  /// A captioned forecast chart, or the empty-panel note.
  static func figure(
    _ series: ForecastActualSeries, panel: ReportPanel, width: Double, height: Double
  ) -> String {
    var html = "<figure class=\"panel\">\n<figcaption><strong>" + HTMLText.escape(series.name)
    html += "</strong>"
    if !series.caption.isEmpty {
      html += " <span class=\"caption\">" + HTMLText.escape(series.caption) + "</span>"
    }
    let stockouts = series.points.filter(\.stockout).count
    if stockouts > 0 {
      html += " <span class=\"caption\">· \(stockouts) stock-out day"
      html += stockouts == 1 ? "</span>" : "s</span>"
    }
    html += "</figcaption>\n"
    if let svg = ForecastChart.svg(series, panel: panel, width: width, height: height) {
      html += svg + "\n"
    } else {
      html += emptyNote(panel, "No forecast or actual to draw for \(series.name).")
    }
    return html + "</figure>\n"
  }
}
