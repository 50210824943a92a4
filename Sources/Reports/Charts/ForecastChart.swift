import DemandCore

/// The forecast-versus-actual chart: the 80 % band (p10 … p90) shaded, the median as a line,
/// actuals as dots on a thin line, and stock-out days striped with their actual drawn as a hollow
/// marker, since it is only a lower bound on demand.
enum ForecastChart {
  /// The `<svg>` for `series`, or `nil` when it has no day with a finite forecast or actual.
  static func svg(
    _ series: ForecastActualSeries, panel: ReportPanel, width: Double, height: Double
  ) -> String? {
    let points = series.points.sorted { $0.day < $1.day }
    let drawable = points.filter { hasForecast($0) || hasActual($0) }
    guard let first = drawable.first, let last = drawable.last else { return nil }

    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height, margins: (top: 28, right: 14, bottom: 30, left: 62))
    let x = LinearScale(
      domain: (Double(first.day.daysSinceEpoch) - 0.5, Double(last.day.daysSinceEpoch) + 0.5),
      range: (frame.left, frame.right))
    var highest = 0.0
    for point in drawable {
      if hasForecast(point) { highest = max(highest, point.p90, point.p50) }
      if let actual = point.actual, actual.isFinite { highest = max(highest, actual) }
    }
    let ticks = NiceTicks(lower: 0, upper: highest, targetCount: height >= 300 ? 6 : 4)
    let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (frame.bottom, frame.top))
    let dayX = { (day: Day) in x(Double(day.daysSinceEpoch)) }

    for point in drawable where point.stockout {
      let left = x(Double(point.day.daysSinceEpoch) - 0.5)
      canvas.rect(
        x: left, y: frame.top, width: x(Double(point.day.daysSinceEpoch) + 0.5) - left,
        height: frame.height, class: "stockout-day")
    }
    canvas.valueAxis(ticks, scale: y, frame: frame, title: "units / day")
    let dayTicks = DayTicks(
      first: first.day, last: last.day, maximumCount: max(2, Int(frame.width / 64)))
    canvas.dayAxis(dayTicks, scale: x, frame: frame)

    for run in runs(of: drawable, where: hasForecast) {
      let upper = run.map { (x: dayX($0.day), y: y($0.p90)) }
      let lower = run.reversed().map { (x: dayX($0.day), y: y($0.p10)) }
      canvas.path(upper + lower, closed: true, class: "band")
    }
    for run in runs(of: drawable, where: hasForecast) {
      canvas.path(run.map { (x: dayX($0.day), y: y($0.p50)) }, class: "median")
    }
    for run in runs(of: drawable, where: hasActual) {
      canvas.path(run.map { (x: dayX($0.day), y: y($0.actual ?? 0)) }, class: "actual-line")
    }
    for point in drawable {
      guard let actual = point.actual, actual.isFinite else { continue }
      canvas.circle(
        x: dayX(point.day), y: y(actual), radius: point.stockout ? 3.6 : 2.6,
        class: point.stockout ? "actual censored" : "actual",
        title: tooltip(point, centre: series.centre))
    }
    let label = "Forecast versus actual, \(series.name): \(first.day.iso) to \(last.day.iso)"
    return canvas.element(panel: panel, label: label)
  }

  static func hasForecast(_ point: ForecastActualPoint) -> Bool {
    point.p10.isFinite && point.p50.isFinite && point.p90.isFinite
  }

  static func hasActual(_ point: ForecastActualPoint) -> Bool {
    point.actual?.isFinite ?? false
  }

  /// Maximal runs of consecutive days (no day missing) whose points all satisfy `include`.
  static func runs(
    of points: [ForecastActualPoint], where include: (ForecastActualPoint) -> Bool
  ) -> [[ForecastActualPoint]] {
    var result: [[ForecastActualPoint]] = []
    var current: [ForecastActualPoint] = []
    for point in points {
      if !include(point) || (current.last.map { $0.day.days(to: point.day) != 1 } ?? false) {
        if !current.isEmpty { result.append(current) }
        current = []
      }
      if include(point) { current.append(point) }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// `2025-03-03: actual 120 (stock-out, not scored) · p50 110 · 80 % band 90–130`.
  static func tooltip(
    _ point: ForecastActualPoint, centre: ForecastActualSeries.Centre = .median
  ) -> String {
    var text = point.day.iso + ": actual " + (point.actual.map(NumberText.compact) ?? "n/a")
    if point.stockout { text += " (stock-out, not scored)" }
    if hasForecast(point) {
      text += " · \(centre.shortName) " + NumberText.compact(point.p50) + " · 80 % band "
      text += NumberText.compact(point.p10) + "–" + NumberText.compact(point.p90)
    }
    return text
  }
}
