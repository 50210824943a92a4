/// The subgroup check as horizontal bars: each segment's WAPE, grouped by level (region, format),
/// with the chain's WAPE as a dashed line through each group; flagged segments are red.
enum SubgroupChart {
  static let labelWidth = 170.0
  static let rowHeight = 24.0
  static let groupHeadHeight = 24.0

  /// The `<svg>` for `rows`, or `nil` when there are none.
  static func svg(_ rows: [SubgroupRow], panel: ReportPanel, width: Double) -> String? {
    guard !rows.isEmpty else { return nil }
    var levels: [String] = []
    var rowsByLevel: [String: [SubgroupRow]] = [:]
    for row in rows {
      if rowsByLevel[row.level] == nil { levels.append(row.level) }
      rowsByLevel[row.level, default: []].append(row)
    }
    let height = 30 + Double(levels.count) * groupHeadHeight + Double(rows.count) * rowHeight + 30
    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height, margins: (top: 30, right: 150, bottom: 30, left: labelWidth))
    var highest = 0.0
    for row in rows {
      for value in [row.wape, row.chainWape] where value.isFinite { highest = max(highest, value) }
    }
    let ticks = NiceTicks(lower: 0, upper: highest * 100, targetCount: 6)
    let x = LinearScale(domain: (ticks.lower, ticks.upper), range: (frame.left, frame.right))
    for value in ticks.values {
      canvas.line(
        x1: x(value), y1: frame.top, x2: x(value), y2: frame.bottom,
        class: value == 0 ? "zero" : "grid")
      canvas.text(
        NumberText.grouped(value, digits: ticks.fractionDigits) + " %", x: x(value),
        y: frame.bottom + 16, anchor: .middle, class: "tick")
    }
    canvas.text("WAPE", x: frame.left, y: frame.top - 12, class: "axis-title")

    var top = frame.top
    for level in levels {
      canvas.text(level, x: 8, y: top + groupHeadHeight - 7, class: "group-head")
      top += groupHeadHeight
      for row in rowsByLevel[level] ?? [] {
        let middle = top + rowHeight / 2
        canvas.text(
          DriftGrid.truncated(row.segment, to: Int((labelWidth - 24) / 6.6)), x: labelWidth - 8,
          y: middle + 4, anchor: .end, class: "row-label")
        let tooltip =
          "\(row.level) \(row.segment): WAPE \(NumberText.percent(ratio: row.wape)), chain "
          + NumberText.percent(ratio: row.chainWape) + (row.flagged ? " — flagged" : "")
        if row.wape.isFinite {
          let end = x(row.wape * 100)
          canvas.rect(
            x: frame.left, y: top + 4, width: end - frame.left, height: rowHeight - 8,
            class: row.flagged ? "bar-flagged" : "bar-segment", title: tooltip)
          canvas.text(
            NumberText.percent(ratio: row.wape) + (row.flagged ? "  flagged" : ""),
            x: max(end, x(row.chainWape.isFinite ? row.chainWape * 100 : 0)) + 6, y: middle + 4,
            class: row.flagged ? "value-label flagged" : "value-label")
        } else {
          canvas.text("n/a", x: frame.left + 6, y: middle + 4, class: "value-label")
        }
        if row.chainWape.isFinite {
          let chainX = x(row.chainWape * 100)
          canvas.line(x1: chainX, y1: top, x2: chainX, y2: top + rowHeight, class: "chain-line")
        }
        top += rowHeight
      }
    }
    if let chain = rows.first?.chainWape, chain.isFinite,
      rows.allSatisfy({ $0.chainWape == chain })
    {
      canvas.text(
        "chain " + NumberText.percent(ratio: chain), x: x(chain * 100), y: frame.top - 12,
        anchor: .middle, class: "chain-label")
    }
    let flagged = rows.filter(\.flagged).count
    return canvas.element(
      panel: panel, label: "Subgroup WAPE beside the chain's: \(flagged) of \(rows.count) flagged")
  }
}
