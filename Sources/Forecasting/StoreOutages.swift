import DemandCore

/// Runs of days on which a whole store sold nothing, in no series and with no stock-out flag,
/// between days it sold well: an export that missed those days, or a store shut for a while
/// (works, a flood). Every series of the store reads them as censored (`PreparedSeries`): not
/// demand, not zero demand, so a week without rows does not pull the levels down by a quarter.
///
/// A run counts when it lasts at least `minimumDays` days (a single empty day is left to the
/// holiday closures, `StoreClosures`, which read it as the store's own habit), a day with a
/// sale ends it (a run still going on at the window's end may be a real stop, and is read as
/// it is), and the store sold at least `StoreClosures.minimumDailyUnits` a day on average over
/// the `contextDays` before it, all of them in the window, outside earlier outages (at least
/// half of them), so that even one empty day by chance has a probability under 10⁻³. Only the days up to the sale that ends a run decide it, so the
/// first n days of a window have the runs of the whole window that end before day n (a
/// backtest origin learns nothing from later days). Daily grain only.
enum StoreOutages {
  /// The fewest empty days in a row read as an outage.
  static let minimumDays = 2
  /// Days before a run whose store totals must show a store that sells.
  static let contextDays = 28

  /// For each of the panel's first `dayCount` days, whether it lies in an outage.
  static func days(of panel: SeriesPanel, dayCount: Int) -> [Bool] {
    let n = min(dayCount, panel.dayCount)
    var totals = [Double](repeating: 0, count: n)
    var flagged = [Bool](repeating: false, count: n)
    for series in 0..<panel.seriesCount {
      let base = series * panel.dayCount
      for t in 0..<n {
        let value = panel.values[base + t]
        if value.isFinite { totals[t] += value }
        if panel.censored[base + t] { flagged[t] = true }
      }
    }
    var outage = [Bool](repeating: false, count: n)
    var t = contextDays
    while t < n {
      guard totals[t] == 0, !flagged[t] else {
        t += 1
        continue
      }
      var end = t
      while end < n && totals[end] == 0 && !flagged[end] { end += 1 }
      // The store's mean over the context days outside earlier outages (at least half of them).
      var sum = 0.0
      var days = 0
      for i in (t - contextDays)..<t where !outage[i] {
        sum += totals[i]
        days += 1
      }
      if end < n, totals[end] > 0, end - t >= minimumDays, 2 * days >= contextDays,
        sum / Double(days) >= StoreClosures.minimumDailyUnits
      {
        for i in t..<end { outage[i] = true }
      }
      t = end
    }
    return outage
  }
}
