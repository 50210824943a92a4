import DemandCore
import Features
import Models

/// One series made ready for the models: trimmed to start at its first activity (a sale or a
/// stock-out), so the days before a launch or a store opening are not read as zero demand, and
/// (daily) with its availability gaps found (`AvailabilityGaps`).
struct PreparedSeries: Sendable {
  let key: SeriesKey
  let covariates: SeriesCovariates
  /// From the first active day to the end of the window.
  let series: DemandSeries
  /// Days from the first activity to the end of the window.
  var activeDays: Int { series.count }

  /// - Parameters:
  ///   - findingGaps: whether to find the availability gaps (daily grain).
  ///   - outages: the store's outage days (`StoreOutages`), by panel day: censored here.
  init(
    panel: SeriesPanel, index: Int, covariates: SeriesCovariates, dayCount: Int? = nil,
    findingGaps: Bool = true, outages: [Bool]? = nil
  ) {
    let count = min(dayCount ?? panel.dayCount, panel.dayCount)
    let base = index * panel.dayCount
    var first = count
    for t in 0..<count where panel.values[base + t] > 0 || panel.censored[base + t] {
      first = t
      break
    }
    key = panel.keys[index]
    self.covariates = covariates
    var censored = Array(panel.censored[base + first..<base + count])
    if let outages {
      for t in first..<count where outages[t] { censored[t - first] = true }
    }
    let trimmed = DemandSeries(
      start: panel.start.adding(days: first),
      values: Array(panel.values[base + first..<base + count]), censored: censored)
    series = findingGaps ? trimmed.markingAvailabilityGaps() : trimmed
  }

  /// `; 2 availability gaps (41 days without a sale) read as unavailable`, or empty: the part
  /// of a series' model reason that says which runs of zeros its regression's level skips.
  var gapNote: String {
    let gaps = series.gaps
    guard !gaps.isEmpty else { return "" }
    let days = series.gapDayCount
    return "; \(gaps.count) availability gap\(gaps.count == 1 ? "" : "s") "
      + "(\(days) day\(days == 1 ? "" : "s") without a sale) read as unavailable"
  }

  /// Mean units per uncensored day (0 when none).
  var meanDemand: Double {
    var sum = 0.0
    var n = 0
    for (value, censored) in zip(series.values, series.censored) where !censored {
      sum += value
      n += 1
    }
    return n > 0 ? sum / Double(n) : 0
  }
}

extension StoreHistory {
  /// Days of history `quietRuns` reads: a year for the check on the same days a year earlier,
  /// and the 56 days before a run of up to 56 days.
  public static let quietRunWindowDays = 476

  /// The daily series whose history ends in a run of zero sales their own rate makes
  /// implausible (`AvailabilityGaps.quietRun`), read from the last `quietRunWindowDays` of the
  /// panel, each series from its first activity there: forecast as they are, but worth a look
  /// on the shelf. The same for any history that covers those days, however far back it
  /// starts. Empty at weekly grain.
  public func quietRuns() -> [SeriesKey: AvailabilityGaps.QuietRun] {
    let days = min(Self.quietRunWindowDays, panel.dayCount)
    guard grain == .daily, days >= AvailabilityGaps.minimumDays else { return [:] }
    let skipped = panel.dayCount - days
    // Only a series whose last `minimumDays` are unflagged zeros, but for flagged zero days
    // after them, can have one.
    let candidates = (0..<panel.seriesCount).filter { i in
      let first = i * panel.dayCount
      var end = first + panel.dayCount
      while end > first && panel.values[end - 1] == 0 && panel.censored[end - 1] { end -= 1 }
      return end - first >= AvailabilityGaps.minimumDays
        && (end - AvailabilityGaps.minimumDays..<end).allSatisfy {
          panel.values[$0] == 0 && !panel.censored[$0]
        }
    }
    var recent = SeriesPanel(
      keys: candidates.map { panel.keys[$0] }, start: panel.start.adding(days: skipped),
      dayCount: days)
    for (row, i) in candidates.enumerated() {
      let from = i * panel.dayCount + skipped
      recent.values.replaceSubrange(
        row * days..<(row + 1) * days, with: panel.values[from..<from + days])
      recent.censored.replaceSubrange(
        row * days..<(row + 1) * days, with: panel.censored[from..<from + days])
    }
    var runs: [SeriesKey: AvailabilityGaps.QuietRun] = [:]
    for (row, i) in candidates.enumerated() {
      let prepared = PreparedSeries(panel: recent, index: row, covariates: covariates[i])
      if let run = prepared.series.quietRun { runs[prepared.key] = run }
    }
    return runs
  }

  /// Every series of the store made ready for the models, over the panel's first `dayCount`
  /// days (all when `nil`).
  /// Days of a store outage (`StoreOutages`) are censored in every series (daily grain).
  func preparedSeries(dayCount: Int? = nil) -> [PreparedSeries] {
    let outages =
      grain == .daily
      ? StoreOutages.days(of: panel, dayCount: dayCount ?? panel.dayCount) : nil
    return (0..<panel.seriesCount).map { i in
      PreparedSeries(
        panel: panel, index: i, covariates: covariates[i], dayCount: dayCount,
        findingGaps: grain == .daily, outages: outages)
    }
  }
}

/// Day-of-week demand factors of each category in one store (mean 1 over the week), read from
/// the established series' last eight weeks: the shape given to new items.
struct CategoryProfiles: Sendable {
  private var factors: [String: [Double]] = [:]

  static let flat = [Double](repeating: 1, count: 7)

  init(series: [PreparedSeries], lastDay: Day, establishedDays: Int) {
    var totals: [String: [Double]] = [:]
    let first = lastDay.adding(days: -55)
    for prepared in series where prepared.activeDays >= establishedDays {
      var sums = totals[prepared.covariates.category] ?? [Double](repeating: 0, count: 7)
      let s = prepared.series
      let offset = max(0, s.start.days(to: first))
      for t in offset..<s.count where !s.censored[t] {
        sums[s.start.adding(days: t).weekdayIndex] += s.values[t]
      }
      totals[prepared.covariates.category] = sums
    }
    for (category, sums) in totals {
      let total = sums.reduce(0, +)
      factors[category] = total > 0 ? sums.map { 7 * $0 / total } : Self.flat
    }
  }

  /// The weekday factors of `category` (flat when the store has no established series in it).
  func factors(of category: String) -> [Double] { factors[category] ?? Self.flat }
}
