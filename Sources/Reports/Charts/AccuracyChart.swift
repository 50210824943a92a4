/// Accuracy by group (week or horizon) as grouped bars, all in percent on one axis: WAPE, bias
/// and 80 % interval coverage, with a dashed line at the nominal 80 % coverage.
enum AccuracyChart {
  /// The three bars of a group, in drawing order, with their CSS class and legend name.
  static let metrics:
    [(className: String, name: String, percent: @Sendable (AccuracyRow) -> Double)] = [
      ("bar-wape", "WAPE", { $0.wape * 100 }),
      ("bar-bias", "bias", { $0.biasPercent }),
      ("bar-coverage", "80 % coverage", { $0.coverage80 * 100 }),
    ]

  /// The `<svg>` for `rows`, or `nil` when there are none.
  static func svg(
    _ rows: [AccuracyRow], panel: ReportPanel, title: String, width: Double, height: Double
  ) -> String? {
    guard !rows.isEmpty else { return nil }
    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height, margins: (top: 28, right: 52, bottom: 30, left: 52))
    var lowest = 0.0
    var highest = 80.0
    for row in rows {
      for metric in metrics {
        let value = metric.percent(row)
        guard value.isFinite else { continue }
        lowest = min(lowest, value)
        highest = max(highest, value)
      }
    }
    // 6 % headroom, so that a bar reaching the top of the axis still has room for its label.
    let ticks = NiceTicks(lower: lowest, upper: highest * 1.06, targetCount: 5)
    let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (frame.bottom, frame.top))
    canvas.valueAxis(ticks, scale: y, frame: frame, suffix: " %", title: "percent")

    let groupWidth = frame.width / Double(rows.count)
    let barWidth = groupWidth * 0.78 / Double(metrics.count)
    let zero = y(0)
    let labelEvery = labelStride(rows.map(\.label), groupWidth: groupWidth)
    // Value labels go on last, over the target line, with a halo (see the style sheet).
    var valueLabels: [(text: String, x: Double, y: Double)] = []
    for (index, row) in rows.enumerated() {
      let groupLeft = frame.left + Double(index) * groupWidth
      let barsLeft = groupLeft + groupWidth * 0.11
      for (metricIndex, metric) in metrics.enumerated() {
        let value = metric.percent(row)
        let barX = barsLeft + Double(metricIndex) * barWidth
        let tooltip = "\(row.label): \(metric.name) \(percentText(value)) · n \(row.scoredDays)"
        guard value.isFinite else {
          valueLabels.append(("n/a", barX + barWidth / 2, zero - 3))
          continue
        }
        let top = min(zero, y(value))
        canvas.rect(
          x: barX + 0.5, y: top, width: barWidth - 1, height: abs(y(value) - zero),
          class: metric.className, title: tooltip)
        if barWidth >= 26 {
          let labelY = value >= 0 ? top - 3 : top + abs(y(value) - zero) + 11
          valueLabels.append((NumberText.fixed(value, digits: 1), barX + barWidth / 2, labelY))
        }
      }
      if index % labelEvery == 0 {
        canvas.text(
          row.label, x: groupLeft + groupWidth / 2, y: frame.bottom + 18, anchor: .middle,
          class: "tick")
      }
    }
    let target = y(80)
    canvas.line(x1: frame.left, y1: target, x2: frame.right, y2: target, class: "target")
    canvas.text("80 %", x: frame.right + 4, y: target - 2, class: "target-label")
    canvas.text("target", x: frame.right + 4, y: target + 11, class: "target-label")
    for label in valueLabels {
      canvas.text(label.text, x: label.x, y: label.y, anchor: .middle, class: "value-label")
    }
    canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, class: "axis")
    return canvas.element(panel: panel, label: title)
  }

  /// Label every n-th group so that labels (about 6.5 units per character at the tick font size)
  /// do not overlap.
  static func labelStride(_ labels: [String], groupWidth: Double) -> Int {
    let longest = Double(labels.map(\.count).max() ?? 0) * 6.5 + 8
    guard groupWidth > 0 else { return 1 }
    return max(1, Int((longest / groupWidth).rounded(.up)))
  }

  static func percentText(_ value: Double) -> String {
    value.isFinite ? NumberText.fixed(value, digits: 1) + " %" : "n/a"
  }
}
