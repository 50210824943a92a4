import Monitoring

/// The reference and recent distributions of one drifted finding, side by side: for each bin, a
/// grey bar of the reference window's share and a blue bar of the recent window's, on one
/// percent axis, with each share printed above its bar when there is room.
enum DistributionChart {
  /// The `<svg>` of `distribution`, or `nil` when neither window counted anything.
  static func svg(
    _ distribution: DriftDistribution, panel: ReportPanel, width: Double, height: Double
  ) -> String? {
    let reference = distribution.referenceShares.map { $0 * 100 }
    let recent = distribution.recentShares.map { $0 * 100 }
    guard distribution.reference.reduce(0, +) > 0 || distribution.recent.reduce(0, +) > 0 else {
      return nil
    }
    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height, margins: (top: 30, right: 12, bottom: 30, left: 46))
    let highest = (reference + recent).max() ?? 0
    // Headroom for the value labels, but never an axis past 100 %.
    let ticks = NiceTicks(lower: 0, upper: min(100, max(1, highest * 1.12)), targetCount: 4)
    let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (frame.bottom, frame.top))
    canvas.valueAxis(ticks, scale: y, frame: frame, suffix: " %", title: "share")
    let bins = distribution.bins
    let groupWidth = frame.width / Double(bins.count)
    let barWidth = groupWidth * 0.8 / 2
    let labelEvery = AccuracyChart.labelStride(bins, groupWidth: groupWidth)
    var valueLabels: [(text: String, x: Double, y: Double)] = []
    for (index, bin) in bins.enumerated() {
      let groupLeft = frame.left + Double(index) * groupWidth
      for (series, share, count, className, name) in [
        (0, reference[index], distribution.reference[index], "bar-reference", "reference"),
        (1, recent[index], distribution.recent[index], "bar-recent", "recent"),
      ] {
        let x = groupLeft + groupWidth * 0.1 + Double(series) * barWidth
        let top = y(share)
        canvas.rect(
          x: x + 0.5, y: top, width: barWidth - 1, height: frame.bottom - top, class: className,
          title: "\(distribution.segment) · \(bin): \(name) \(NumberText.fixed(share, digits: 1)) %"
            + " (\(NumberText.grouped(count, digits: 0)) \(distribution.counted))")
        if barWidth >= 24 {
          valueLabels.append((NumberText.fixed(share, digits: 1), x + barWidth / 2, top - 3))
        }
      }
      if index % labelEvery == 0 {
        canvas.text(
          bin, x: groupLeft + groupWidth / 2, y: frame.bottom + 18, anchor: .middle,
          class: "tick")
      }
    }
    for label in valueLabels {
      canvas.text(label.text, x: label.x, y: label.y, anchor: .middle, class: "value-label")
    }
    canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, class: "axis")
    return canvas.element(
      panel: panel,
      label: "\(distribution.segment) \(distribution.feature.rawValue): reference and recent "
        + "shares of \(distribution.counted)")
  }
}
