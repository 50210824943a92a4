import DemandCore
import Tabular

/// Renders `ReportData` as the analysts' report, `reports/<day>/report.html`.
///
/// The page is one self-contained file: the style sheet is inline, every chart is inline SVG
/// drawn here by hand, and there are no scripts, web fonts, images or links to other files; a
/// Content-Security-Policy `default-src 'none'` makes the browser refuse any request the page
/// might still make. Every text taken from the data is HTML-escaped. The same data always gives
/// the same bytes: nothing depends on the clock, the locale or hash order.
///
/// Each panel of `ReportData.panels` appears exactly once, as `<svg data-panel="…">` when it has
/// something to draw and as a note with `data-empty-panel="…"` when it does not.
public enum ReportRenderer {
  /// Width of the page's content column, in CSS pixels; full-width charts are drawn this wide.
  static let contentWidth = 1152.0
  /// Width of a chart in a two-column grid.
  static let halfWidth = 564.0

  /// The report as HTML text.
  public static func html(_ data: ReportData) -> String {
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<meta http-equiv=\"Content-Security-Policy\" "
    page += "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    page += "<title>" + HTMLText.escape(data.title + " — " + data.runDate.iso) + "</title>\n"
    page += "<style>\n" + styleSheet + "</style>\n</head>\n<body>\n<main>\n"
    page += header(data)
    page += alertsSection(data.alerts)
    page += chainSection(data)
    page += accuracySection(data)
    page += seriesGridSection(
      id: "regions", title: "Forecast versus actual by region", series: data.regions,
      panel: ReportPanel.region, emptyNote: "No regional series in this run.")
    page += seriesGridSection(
      id: "top-movers", title: "Top movers", series: data.topMovers, panel: ReportPanel.topMover,
      emptyNote: "No top movers in this run.")
    page += driftSection(data)
    page += subgroupSection(data.subgroups)
    if let life = data.modelLife { page += modelLifeSection(life, runDate: data.runDate) }
    page += footer(data)
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  /// Renders `data` and writes it to `path` atomically (see `AtomicFile.write`).
  /// - Throws: `TabularError.cannotWrite` when the file or its directory cannot be written.
  public static func write(_ data: ReportData, to path: String) throws {
    try AtomicFile.write(html(data), to: path)
  }

  // MARK: - Pieces shared by the sections

  /// `<section id="…"><h2>…</h2>` with the body and the closing tag.
  static func section(id: String, title: String, body: String) -> String {
    "<section id=\"\(id)\">\n<h2>" + HTMLText.escape(title) + "</h2>\n" + body + "</section>\n"
  }

  /// The note that stands in for a panel with nothing to draw.
  static func emptyNote(_ panel: ReportPanel, _ text: String) -> String {
    "<p class=\"empty\" data-empty-panel=\"" + HTMLText.escape(panel.identifier) + "\">"
      + HTMLText.escape(text) + "</p>\n"
  }

  /// A legend line: each key is a CSS swatch class and its text.
  static func legend(_ keys: [(swatch: String, text: String)]) -> String {
    var html = "<p class=\"legend\">"
    for key in keys {
      html += "<span class=\"key\"><span class=\"swatch \(key.swatch)\"></span>"
      html += HTMLText.escape(key.text) + "</span>"
    }
    return html + "</p>\n"
  }

  /// A table in a box that scrolls sideways when the page is narrower than the table.
  static func scrollable(_ table: String) -> String {
    "<div class=\"table-scroll\">\n" + table + "</div>\n"
  }

  /// An HTML table with a header row, in a `scrollable` box; cells are escaped, `numeric`
  /// columns right-aligned.
  static func table(
    headers: [String], rows: [[String]], numeric: Set<Int> = [], rowClasses: [String]? = nil
  ) -> String {
    var html = "<table>\n<thead><tr>"
    for (index, header) in headers.enumerated() {
      html += numeric.contains(index) ? "<th class=\"num\">" : "<th>"
      html += HTMLText.escape(header) + "</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (rowIndex, row) in rows.enumerated() {
      if let rowClasses, rowIndex < rowClasses.count, !rowClasses[rowIndex].isEmpty {
        html += "<tr class=\"\(rowClasses[rowIndex])\">"
      } else {
        html += "<tr>"
      }
      for (index, cell) in row.enumerated() {
        html += numeric.contains(index) ? "<td class=\"num\">" : "<td>"
        html += HTMLText.escape(cell) + "</td>"
      }
      html += "</tr>\n"
    }
    return scrollable(html + "</tbody>\n</table>\n")
  }

  static let weekdayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]
}
