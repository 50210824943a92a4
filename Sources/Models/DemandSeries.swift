import DemandCore

/// One series' training data as a model sees it: daily units, oldest first, with the days whose
/// value is only a lower bound on demand (a stock-out) marked.
///
/// Models skip censored days when they fit and treat them as missing when they filter: a
/// censored day is never read as demand, and never as zero demand.
public struct DemandSeries: Sendable, Equatable {
  /// The first day of `values`.
  public var start: Day
  /// Units per day, oldest first.
  public var values: [Double]
  /// True where the day's value is censored, aligned with `values`.
  public var censored: [Bool]

  public init(start: Day, values: [Double], censored: [Bool]? = nil) {
    precondition(censored == nil || censored?.count == values.count, "censoring must align")
    self.start = start
    self.values = values
    self.censored = censored ?? [Bool](repeating: false, count: values.count)
  }

  /// Series `index` of a panel, restricted to its first `dayCount` days (all when `nil`).
  public init(panel: SeriesPanel, index: Int, dayCount: Int? = nil) {
    let count = min(dayCount ?? panel.dayCount, panel.dayCount)
    let base = index * panel.dayCount
    self.init(
      start: panel.start, values: Array(panel.values[base..<base + count]),
      censored: Array(panel.censored[base..<base + count]))
  }

  public var count: Int { values.count }

  /// The day after the last observation: the first day a forecast covers.
  public var forecastStart: Day { start.adding(days: values.count) }

  /// The first `count` days.
  public func prefix(_ count: Int) -> DemandSeries {
    let n = min(max(0, count), values.count)
    return DemandSeries(
      start: start, values: Array(values[..<n]), censored: Array(censored[..<n]))
  }

  /// Number of uncensored days.
  public var observedCount: Int { censored.lazy.filter { !$0 }.count }
}
