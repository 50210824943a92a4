/// Single days that sold far beyond anything the weeks before them did: one customer's bulk
/// buy, a wholesale order rung up at a till, a keying error. The per-series methods (ETS,
/// Croston, TSB, the means) read such a day lowered to its bound (`DemandSeries.readByMethods`),
/// because a smoothing method takes a share of every day into its level: one day of 500 units
/// on an item that sells 5 lifted Croston's forecast to 52 a day and TSB's to 32 for weeks,
/// and at weekly grain a seasonal ETS took a week of 3,500 (35 a week before) as its new level
/// of 340 for all 13 weeks. The day stays as it was everywhere else: the backtests score it,
/// the regression's rows read it, the intervals' residuals include it (bulk buys are demand;
/// only the methods' level should not jump with one).
///
/// A day is lowered when, over the usable days of the `windowDays` periods before it
/// (uncensored, finite, at least `minimumDays` of them, with a largest value above 0), it
/// sold more than both `maximumMultiple` × their largest value and `meanMultiple` × their
/// mean; it is lowered to the larger of the two. The window reads the days before as lowered,
/// so a real step up passes within a few days (each lowered day raises the next bound
/// threefold), while one day of 100 times the usual is cut to 10 times the mean at most. Only
/// days before a day decide its bound, so the series' first n days are lowered the same
/// whether it ends there or goes on (no look-ahead at a backtest origin).
public enum BulkBuys {
  /// Periods (days, or weeks at weekly grain) before a day that set its bound.
  public static let windowDays = 56
  /// Usable periods the window must hold for a day to be judged.
  public static let minimumDays = 28
  /// A bulk buy sells more than this many times the window's largest value …
  public static let maximumMultiple = 3.0
  /// … and more than this many times the window's mean.
  public static let meanMultiple = 10.0

  /// `values` with each bulk-buy day lowered to its bound, or `nil` when none is.
  /// - Precondition: `censored.count == values.count`.
  /// - Complexity: O(n), plus O(`windowDays`) for each day above `meanMultiple` × its window's
  ///   mean.
  public static func lowered(values: [Double], censored: [Bool]) -> [Double]? {
    precondition(censored.count == values.count, "censoring must align with the values")
    var read = values
    var changed = false
    var sum = 0.0
    var count = 0
    for t in values.indices {
      // The window is t − windowDays ..< t; drop the day leaving it.
      let leaving = t - windowDays - 1
      if leaving >= 0, usable(leaving, read, censored) {
        sum -= read[leaving]
        count -= 1
      }
      if t >= 1, usable(t - 1, read, censored) {
        sum += read[t - 1]
        count += 1
      }
      guard usable(t, read, censored), count >= minimumDays else { continue }
      let meanBound = meanMultiple * sum / Double(count)
      guard read[t] > meanBound else { continue }
      var largest = 0.0
      for i in max(0, t - windowDays)..<t where usable(i, read, censored) {
        largest = max(largest, read[i])
      }
      let bound = max(meanBound, maximumMultiple * largest)
      guard largest > 0, read[t] > bound else { continue }
      read[t] = bound
      changed = true
    }
    return changed ? read : nil
  }

  private static func usable(_ i: Int, _ values: [Double], _ censored: [Bool]) -> Bool {
    !censored[i] && values[i].isFinite
  }
}
