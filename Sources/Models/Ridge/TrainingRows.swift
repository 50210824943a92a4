import DemandCore
import Features

extension SeriesFeatureBuilder {
  /// Loads `series` and hands `body` every training row among its days `first ... last`: each
  /// day whose target is uncensored and finite and whose row exists (`writeRow`: a level window
  /// with enough history), written into `row` and handed over with the row's weight. A row of scale s is
  /// weighted by √s (the regression models demand / s, whose noise shrinks as 1 / √s for counts),
  /// so `body` receives √s, to multiply the row by, and the target divided by it.
  ///
  /// The one loop both `RidgeAccumulator.add` and `RidgeFitGroup.add` run; they differ only in
  /// where a row goes.
  /// - Precondition: `row.count == layout.count`.
  @inline(__always)
  mutating func forEachTrainingRow(
    of series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    from first: Day, through last: Day, into row: inout [Double],
    _ body: (
      _ row: [Double], _ day: Day, _ scale: Double, _ root: Double, _ weightedTarget: Double
    ) -> Void
  ) {
    guard first <= last else { return }
    load(
      start: series.start, values: series.values, censored: series.censored, gaps: series.gaps,
      covariates: covariates, calendar: calendar, targetDays: first...last)
    var day = first
    while day <= last {
      defer { day = day.adding(days: 1) }
      let position = series.start.days(to: day)
      let target = series.values[position]
      guard !series.censored[position], target.isFinite else { continue }
      guard let scale = writeRow(for: day, into: &row) else { continue }
      let root = scale.squareRoot()
      body(row, day, scale, root, target / root)
    }
  }
}
