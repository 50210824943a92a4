/// The rectangle inside a chart where data is drawn, in SVG user units; axes and labels go in the
/// margins around it.
struct PlotFrame {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double

  /// The frame of a `width` × `height` chart with the given margins.
  init(
    width: Double, height: Double,
    margins: (top: Double, right: Double, bottom: Double, left: Double)
  ) {
    left = margins.left
    top = margins.top
    right = width - margins.right
    bottom = height - margins.bottom
  }

  var width: Double { right - left }
  var height: Double { bottom - top }
}

extension SVGCanvas {
  /// Horizontal grid lines and labels at `ticks` on the left edge of `frame`, the labels printed
  /// with the ticks' own decimals and `suffix`, and `title` above the axis.
  mutating func valueAxis(
    _ ticks: NiceTicks, scale: LinearScale, frame: PlotFrame, suffix: String = "", title: String
  ) {
    for value in ticks.values {
      let y = scale(value)
      line(x1: frame.left, y1: y, x2: frame.right, y2: y, class: value == 0 ? "zero" : "grid")
      text(
        NumberText.grouped(value, digits: ticks.fractionDigits) + suffix, x: frame.left - 6,
        y: y + 4, anchor: .end, class: "tick")
    }
    text(title, x: frame.left - 6, y: frame.top - 10, anchor: .start, class: "axis-title")
  }

  /// Tick marks and `Mar 3` labels under `frame` at each of `ticks`' days.
  mutating func dayAxis(_ ticks: DayTicks, scale: LinearScale, frame: PlotFrame) {
    line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, class: "axis")
    for day in ticks.days {
      let x = scale(Double(day.daysSinceEpoch))
      line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 5, class: "axis")
      text(DayTicks.label(day), x: x, y: frame.bottom + 18, anchor: .middle, class: "tick")
    }
  }
}
