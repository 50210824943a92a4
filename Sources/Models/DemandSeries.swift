import DemandCore

/// One series' training data as a model sees it: daily units, oldest first, with the days whose
/// value is only a lower bound on demand (a stock-out) marked, and its availability gaps
/// (`AvailabilityGaps`: runs of zeros read as the item being unavailable).
///
/// Models skip censored days when they fit and treat them as missing when they filter: a
/// censored day is never read as demand, and never as zero demand. A gap's days are sales (the
/// zeros that were sold, which a forecast of sales must expect again); the category regression's
/// features skip them once the gap has ended, so that a level is the item's while it was on sale.
/// The per-series methods read `readByMethods`, where a gap a flagged stock-out ended is censored.
public struct DemandSeries: Sendable, Equatable {
  /// The first day of `values`.
  public var start: Day
  /// Units per day, oldest first.
  public var values: [Double]
  /// True where the day's value is censored (a stock-out), aligned with `values`.
  public var censored: [Bool]
  /// The availability gaps, as index ranges, oldest first; each ends the day before a sale or
  /// a flagged stock-out within the series.
  public private(set) var gaps: [Range<Int>]

  /// - Parameters:
  ///   - censored: the stock-outs (none when nil).
  ///   - gaps: the availability gaps (see `AvailabilityGaps`).
  public init(start: Day, values: [Double], censored: [Bool]? = nil, gaps: [Range<Int>] = []) {
    precondition(censored == nil || censored?.count == values.count, "censoring must align")
    precondition(gaps.allSatisfy { $0.upperBound < values.count }, "a gap ends before a sale")
    self.start = start
    self.values = values
    self.censored = censored ?? [Bool](repeating: false, count: values.count)
    self.gaps = gaps
  }

  /// This series with its availability gaps found (`AvailabilityGaps.detect`).
  public func markingAvailabilityGaps() -> DemandSeries {
    DemandSeries(
      start: start, values: values, censored: censored,
      gaps: AvailabilityGaps.detect(values: values, censored: censored))
  }

  /// The gaps among `gaps` that a flagged stock-out with no sale ended, oldest first: the day
  /// after such a gap sold nothing (a gap's run of zeros ends at a sale or a flagged day).
  public var stockoutEndedGaps: [Range<Int>] { gaps.filter { values[$0.upperBound] == 0 } }

  /// The series as the per-series methods (ETS, Croston, TSB, seasonal naive, …) read it: the
  /// days of each gap a flagged stock-out ended are censored too. Those methods read a gap
  /// that a sale ended as the zeros that were sold; but after a run of zeros that a stock-out
  /// ends, the item is listed and wanted and nothing has shown its demand since, and reading
  /// the zeros as its latest demand would forecast nothing, order nothing and keep it out of
  /// stock (nothing to sell, so every later day a stock-out too). Censored, the methods carry
  /// the rate from before the run. The same series itself when it has no such gap.
  ///
  /// Bulk buys (`BulkBuys`) are read lowered to their bound, so that one day far beyond the
  /// weeks before it does not lift a smoothing method's level for weeks.
  public var readByMethods: DemandSeries {
    let ended = stockoutEndedGaps
    let lowered = BulkBuys.lowered(values: values, censored: censored)
    guard !ended.isEmpty || lowered != nil else { return self }
    var copy = self
    for gap in ended {
      for i in gap { copy.censored[i] = true }
    }
    if let lowered { copy.values = lowered }
    return copy
  }

  /// The run of zero sales still going on at the last day, when the series' rate makes it
  /// implausible (`AvailabilityGaps.quietRun`).
  public var quietRun: AvailabilityGaps.QuietRun? {
    AvailabilityGaps.quietRun(values: values, censored: censored)
  }

  /// Days in gaps.
  public var gapDayCount: Int { gaps.reduce(0) { $0 + $1.count } }

  public var count: Int { values.count }

  /// The day after the last observation: the first day a forecast covers.
  public var forecastStart: Day { start.adding(days: values.count) }

  /// The first `count` days, with the gaps a sale among them ends (a run of zeros still going
  /// on at the last of them is no gap yet, as for a series that ends there).
  public func prefix(_ count: Int) -> DemandSeries {
    let n = min(max(0, count), values.count)
    return DemandSeries(
      start: start, values: Array(values[..<n]), censored: Array(censored[..<n]),
      gaps: gaps.filter { $0.upperBound < n })
  }

  /// Number of uncensored days.
  public var observedCount: Int { censored.lazy.filter { !$0 }.count }
}
