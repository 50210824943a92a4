import DemandCore

/// The model's life as a timeline: one lane per version, its nights in service as a bar, the
/// nights it forecast in shadow shaded, a tick at the end of its training window, and a marker
/// for each retraining coloured by its decision.
///
/// A retraining's marker sits on the lane of the version it produced (the refit that serves, or
/// the judged candidate); a retraining that produced none (deferred, failed before registering)
/// sits on the lane of the version in service that night, since that version stayed.
enum ModelTimeline {
  static let labelWidth = 190.0
  static let laneHeight = 34.0
  static let top = 8.0
  static let bottom = 30.0
  static let right = 14.0

  /// The `<svg>` for `life` up to `through`, or `nil` when it has no version.
  static func svg(
    _ life: ModelLife, through runDate: Day, panel: ReportPanel, width: Double
  ) -> String? {
    guard !life.versions.isEmpty else { return nil }
    let (first, last) = range(life, through: runDate)
    let height = top + laneHeight * Double(life.versions.count) + bottom
    var canvas = SVGCanvas(width: width, height: height)
    let frame = PlotFrame(
      width: width, height: height,
      margins: (top: top, right: right, bottom: bottom, left: labelWidth))
    // Each day is a cell from its start to the next day's start.
    let x = LinearScale(
      domain: (Double(first.daysSinceEpoch), Double(last.daysSinceEpoch) + 1),
      range: (frame.left, frame.right))
    let start = { (day: Day) in x(Double(day.daysSinceEpoch)) }
    let end = { (day: Day) in x(Double(day.daysSinceEpoch) + 1) }
    var lanes: [String: Int] = [:]
    for (lane, version) in life.versions.enumerated() where lanes[version.id] == nil {
      lanes[version.id] = lane
    }
    let laneTop = { (lane: Int) in frame.top + Double(lane) * laneHeight }

    let ticks = DayTicks(first: first, last: last, maximumCount: max(2, Int(frame.width / 70)))
    for day in ticks.days {
      let tickX = start(day)
      canvas.line(x1: tickX, y1: frame.top, x2: tickX, y2: frame.bottom, class: "grid")
    }
    for (lane, version) in life.versions.enumerated() {
      let y = laneTop(lane)
      if lane > 0 {
        canvas.line(x1: 4, y1: y, x2: frame.right, y2: y, class: "lane-rule")
      }
      let labelClass = version.isChampion ? "lane-label current" : "lane-label"
      canvas.text(version.id, x: 8, y: y + 15, class: labelClass)
      // About 6.6 units per character at the caption's 12 px.
      canvas.text(
        DriftGrid.truncated(laneCaption(version), to: Int((labelWidth - 14) / 6.6)), x: 8,
        y: y + 29, class: "lane-sub")
    }
    for run in life.shadowRuns {
      guard let lane = lanes[run.shadow], run.firstNight <= last, run.endNight >= first else {
        continue
      }
      let left = start(max(run.firstNight, first))
      canvas.rect(
        x: left, y: laneTop(lane) + 4, width: end(min(run.endNight, last)) - left,
        height: laneHeight - 8, class: "shadow-period",
        title:
          "\(run.shadow) in shadow behind \(run.champion), \(run.firstNight.iso) to "
          + "\(run.endNight.iso) (\(run.state.label))")
    }
    for span in serviceSpans(life.service) {
      guard let lane = lanes[span.version], span.last >= first, span.first <= last else {
        continue
      }
      let left = start(max(span.first, first))
      let current = life.versions[lane].isChampion && span.last >= last
      canvas.rect(
        x: left, y: laneTop(lane) + 9, width: end(min(span.last, last)) - left,
        height: laneHeight - 18, class: current ? "service current" : "service",
        title: "\(span.version) in service \(span.first.iso) to \(span.last.iso)")
    }
    for (lane, version) in life.versions.enumerated()
    where version.trainedThrough >= first && version.trainedThrough <= last {
      let tickX = end(version.trainedThrough)
      canvas.line(
        x1: tickX, y1: laneTop(lane) + 5, x2: tickX, y2: laneTop(lane) + laneHeight - 5,
        class: "trained-through")
    }
    for (lane, version) in life.versions.enumerated()
    where version.decision == .byHand && version.registeredOn >= first {
      canvas.circle(
        x: (start(version.registeredOn) + end(version.registeredOn)) / 2,
        y: laneTop(lane) + laneHeight / 2, radius: 5, class: "decision by_hand",
        title: "\(version.id) trained by hand through \(version.trainedThrough.iso)")
    }
    let serving = Dictionary(
      life.service.map { ($0.day, $0.version) }, uniquingKeysWith: { _, b in b })
    for retraining in life.retrainings where retraining.runDate >= first {
      let owner = retraining.servedAs ?? retraining.candidate ?? serving[retraining.runDate]
      guard let owner, let lane = lanes[owner] else { continue }
      canvas.circle(
        x: (start(retraining.runDate) + end(retraining.runDate)) / 2,
        y: laneTop(lane) + laneHeight / 2, radius: 6,
        class: "decision " + retraining.decision.rawValue, title: tooltip(retraining))
    }
    canvas.dayAxis(ticks, scale: x, frame: frame)
    let label =
      "Model life: \(life.versions.count) versions, \(life.retrainings.count) retrainings, "
      + "\(first.iso) to \(last.iso)"
    return canvas.element(panel: panel, label: label)
  }

  /// The days drawn: from the earliest night, retraining, registration, training window end or
  /// shadow night (no earlier than `life.firstDay`) to `runDate` (or the latest of those when
  /// later).
  static func range(_ life: ModelLife, through runDate: Day) -> (first: Day, last: Day) {
    var days = [runDate]
    days += life.service.map(\.day)
    days += life.retrainings.map(\.runDate)
    days += life.versions.flatMap { [$0.registeredOn, $0.trainedThrough] }
    days += life.shadowRuns.map(\.firstNight)
    let last = max(runDate, days.max() ?? runDate)
    let earliest = days.min() ?? runDate
    return (min(max(earliest, life.firstDay ?? earliest), last), last)
  }

  /// `schedule · champion`: the lane's second line.
  static func laneCaption(_ version: ModelLife.Version) -> String {
    let origin = version.refitOf.map { "refit of \($0)" } ?? version.trigger
    return origin + " · " + version.status.rawValue
  }

  /// Maximal runs of consecutive nights served by one version.
  static func serviceSpans(
    _ nights: [ModelLife.ServiceNight]
  ) -> [(version: String, first: Day, last: Day)] {
    var spans: [(version: String, first: Day, last: Day)] = []
    for night in nights {
      if let previous = spans.last, previous.version == night.version,
        previous.last.days(to: night.day) == 1
      {
        spans[spans.count - 1].last = night.day
      } else {
        spans.append((night.version, night.day, night.day))
      }
    }
    return spans
  }

  /// `2026-10-24 · schedule · rejected: …`.
  static func tooltip(_ retraining: ModelLife.Retraining) -> String {
    var text = retraining.runDate.iso + " · " + retraining.trigger + " · "
    text += retraining.decision.label
    if let candidate = retraining.candidate { text += " · " + candidate }
    if let comparison = retraining.comparison {
      text += " · WAPE " + NumberText.percent(ratio: comparison.candidateWAPE) + " vs "
      text += NumberText.percent(ratio: comparison.championWAPE)
    }
    return retraining.reason.isEmpty ? text : text + ": " + retraining.reason
  }
}
