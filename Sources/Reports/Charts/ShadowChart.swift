import DemandCore

/// A shadow run's nightly WAPE: the champion in service and the shadow it replaced, on the same
/// store/SKU/days each night, as two lines in percent.
enum ShadowChart {
  /// The `<svg>` for `run`, or `nil` when no night has a finite WAPE.
  static func svg(
    _ run: ModelLife.ShadowRun, panel: ReportPanel, width: Double, height: Double
  ) -> String? {
    let nights = run.nights.filter { $0.championWAPE.isFinite || $0.shadowWAPE.isFinite }
    guard let firstScored = nights.first, let lastScored = nights.last else { return nil }
    let first = min(run.firstNight, firstScored.night)
    let last = max(run.endNight, lastScored.night)
    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height, margins: (top: 28, right: 14, bottom: 30, left: 52))
    let x = LinearScale(
      domain: (Double(first.daysSinceEpoch) - 0.5, Double(last.daysSinceEpoch) + 0.5),
      range: (frame.left, frame.right))
    var highest = 0.0
    for night in nights {
      for value in [night.championWAPE, night.shadowWAPE] where value.isFinite {
        highest = max(highest, value * 100)
      }
    }
    let ticks = NiceTicks(lower: 0, upper: highest * 1.06, targetCount: 4)
    let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (frame.bottom, frame.top))
    canvas.valueAxis(ticks, scale: y, frame: frame, suffix: " %", title: "WAPE per night")
    canvas.dayAxis(
      DayTicks(first: first, last: last, maximumCount: max(2, Int(frame.width / 64))), scale: x,
      frame: frame)
    let lines: [(name: String, className: String, wape: (ModelLife.ShadowNight) -> Double)] = [
      ("\(run.shadow) (shadow)", "wape-shadow", { $0.shadowWAPE }),
      ("\(run.champion) (champion)", "wape-champion", { $0.championWAPE }),
    ]
    for line in lines {
      let points = nights.filter { line.wape($0).isFinite }
      canvas.path(
        points.map { (x: x(Double($0.night.daysSinceEpoch)), y: y(line.wape($0) * 100)) },
        class: line.className)
      for night in points {
        canvas.circle(
          x: x(Double(night.night.daysSinceEpoch)), y: y(line.wape(night) * 100), radius: 3,
          class: line.className + "-dot",
          title:
            "\(night.night.iso): \(line.name) WAPE \(NumberText.percent(ratio: line.wape(night)))"
            + " · \(night.points) store/SKU/days")
      }
    }
    let label =
      "Shadow run of \(run.shadow) behind \(run.champion): WAPE per night, \(first.iso) to "
      + last.iso
    return canvas.element(panel: panel, label: label)
  }
}
