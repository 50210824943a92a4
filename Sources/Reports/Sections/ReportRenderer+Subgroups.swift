extension ReportRenderer {
  /// Each region's and store format's WAPE beside the chain's.
  static func subgroupSection(_ rows: [SubgroupRow]) -> String {
    let title = "Subgroups: does the chain serve some stores much worse?"
    guard let svg = SubgroupChart.svg(rows, panel: .subgroup, width: contentWidth) else {
      return section(
        id: "subgroups", title: title,
        body: emptyNote(.subgroup, "No subgroup check in this run."))
    }
    let flagged = rows.filter(\.flagged).count
    var body = "<p class=\"note\">\(flagged) of \(rows.count) segments are worse than the chain "
    body += "by more than the configured margin.</p>\n"
    body += legend([
      ("bar-segment", "segment WAPE"), ("bar-flagged", "flagged segment"),
      ("chain-line", "chain WAPE"),
    ])
    return section(id: "subgroups", title: title, body: body + svg + "\n")
  }
}
