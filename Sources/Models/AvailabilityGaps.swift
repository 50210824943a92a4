import Foundation

/// Runs of zero sales that a selling series' own recent rate makes too unlikely to be demand:
/// the item was most likely not available (off the shelf, delisted for a while, or out of stock
/// without a stock-out flag). The category regression's features skip such a **gap** once it
/// has ended (`SeriesFeatureBuilder`), so that weeks of lost sales do not drag a series' level
/// down for a year after it sells again; its zeros stay sales everywhere else (targets, scores,
/// the per-series methods): a forecast is of sales, and an item off the shelf once may be again.
/// The exception is a gap a flagged stock-out ended: the per-series methods read its days as
/// censored (`DemandSeries.readByMethods`).
///
/// A gap is judged only once it has ended: a run of zero-sale days is one when
/// - a sale or a flagged stock-out follows it (a run still going on at the end of the history
///   is not one: it may be a real fall in demand, and the latest days must be read as they are);
/// - it lasts `minimumDays` to `longestDays` days;
/// - the `rateWindowDays` before it hold at least `minimumRateDays` usable days (uncensored, not
///   in an earlier gap), and the chance of that many zero days in a row at their share of zero
///   days, p₀ = (zeros + ½) / (days + 1), is at most `maximumChance`: p₀ᴸ ≤ 10⁻⁴ (7 days for a
///   series that sold every day, 14 at half its days, 26 at 70 %, 57 at 85 %);
/// - the same days a year earlier, when the history has them, were not mostly zero too (a
///   season: an item that sells only in summer is not off the shelf every winter; the first
///   winter of a history is read as a gap, the next ones are not). A run a flagged stock-out
///   ends is a gap without this check: whatever its zeros were, the item is wanted again.
///
/// Every judgement reads only the days up to the sale (or stock-out) that ends the run, so the
/// gaps of a series' first n days are those of the whole series that end before day n (see
/// `DemandSeries.prefix(_:)`): a backtest origin never learns from a later day that a run of
/// zeros before it was a gap.
public enum AvailabilityGaps {
  /// The shortest run of zero-sale days that can be a gap.
  public static let minimumDays = 7
  /// The longest: a longer run is a season or a change of range, not an interruption.
  public static let longestDays = 182
  /// Days before a run whose sales set its expected share of zero days.
  public static let rateWindowDays = 56
  /// Usable days those must hold for the run to be judged at all.
  public static let minimumRateDays = 28
  /// The largest chance, under the rate before it, of a run of zeros read as a gap.
  public static let maximumChance = 1e-4

  /// The gaps of a daily series, as index ranges, oldest first; each ends the day before a sale
  /// or a flagged stock-out (`find` says which).
  ///
  /// - Parameters:
  ///   - values: units per day, oldest first.
  ///   - censored: true on flagged stock-outs (they end a run of zeros and are never usable).
  /// - Precondition: `censored.count == values.count`.
  /// - Complexity: O(n + Σ gaps' windows).
  public static func detect(values: [Double], censored: [Bool]) -> [Range<Int>] {
    find(values: values, censored: censored).map(\.days)
  }

  /// One gap: its days and what ended it.
  public struct Gap: Sendable, Equatable {
    /// The zero-sale days, as positions of the series.
    public var days: Range<Int>
    /// True when a flagged stock-out with no sale ended it rather than a sale: the item is
    /// listed and wanted again, but its demand has not been seen since (see
    /// `DemandSeries.readByMethods`).
    public var endedByStockout: Bool

    public init(days: Range<Int>, endedByStockout: Bool) {
      self.days = days
      self.endedByStockout = endedByStockout
    }
  }

  /// The gaps of a daily series, as `detect` finds them, each with what ended it: a sale, or a
  /// flagged stock-out that sold nothing. A run that a stock-out ends is judged as one a sale
  /// ends: the flag says the item was expected on the shelf and wanted, so the zeros before it
  /// were as likely the same unavailability, unflagged, as a fall in demand.
  /// - Precondition: `censored.count == values.count`.
  public static func find(values: [Double], censored: [Bool]) -> [Gap] {
    precondition(censored.count == values.count, "censoring must align with the values")
    let n = values.count
    var inGap = [Bool](repeating: false, count: n)
    var gaps: [Gap] = []
    var t = 0
    while t < n {
      guard values[t] == 0, !censored[t] else {
        t += 1
        continue
      }
      var end = t
      while end < n && values[end] == 0 && !censored[end] { end += 1 }
      // Zeros at t ..< end; a sale or a flagged stock-out must follow.
      let length = end - t
      if end < n, (minimumDays...longestDays).contains(length),
        let zeroShare = zeroShare(
          rateTally(before: t, values: values, censored: censored, inGap: inGap)),
        Double(length) * log(zeroShare) <= log(maximumChance),
        values[end] == 0
          || !isSeasonal(run: t..<end, zeroShare: zeroShare, values: values, censored: censored)
      {
        gaps.append(Gap(days: t..<end, endedByStockout: values[end] == 0))
        for i in t..<end { inGap[i] = true }
      }
      t = end
    }
    return gaps
  }

  /// A run of zero sales still going on at the last day that the series' rate before it makes
  /// implausible: what a merchandiser should look at (the item may be off the shelf), since
  /// the models read it as it is (it may be a real fall in demand).
  public struct QuietRun: Sendable, Equatable {
    /// Days without a sale or a stock-out flag, up to and including the last day (or the day
    /// before the `stockoutDays`).
    public var days: Int
    /// Mean units per usable day over the `rateWindowDays` before the run.
    public var unitsPerDayBefore: Double
    /// Flagged stock-out days without a sale after the run, up to the last day: 0 when the run
    /// reaches the last day. With some, the run is a gap the per-series methods read as
    /// unavailability (`DemandSeries.readByMethods`), so the item is forecast at its rate
    /// before it: right when the shelf was empty, not when the item was delisted and its stock
    /// ran out.
    public var stockoutDays: Int

    public init(days: Int, unitsPerDayBefore: Double, stockoutDays: Int = 0) {
      self.days = days
      self.unitsPerDayBefore = unitsPerDayBefore
      self.stockoutDays = stockoutDays
    }
  }

  /// The series' quiet run, judged as a gap is (at least `minimumDays`, a chance of at most
  /// `maximumChance` at the rate before it, not the same days a year earlier too) except that
  /// no sale has ended it and it may be longer than `longestDays`; nil when the last day sold
  /// or the run is plausible. Flagged stock-out days without a sale at the end are skipped
  /// first (`QuietRun.stockoutDays`): zeros a stock-out ends are as worth a look as zeros still
  /// going on.
  /// - Precondition: `censored.count == values.count`.
  public static func quietRun(values: [Double], censored: [Bool]) -> QuietRun? {
    precondition(censored.count == values.count, "censoring must align with the values")
    var n = values.count
    while n > 0 && values[n - 1] == 0 && censored[n - 1] { n -= 1 }
    let stockoutDays = values.count - n
    var start = n
    while start > 0 && values[start - 1] == 0 && !censored[start - 1] { start -= 1 }
    let length = n - start
    guard length >= minimumDays else { return nil }
    var inGap = [Bool](repeating: false, count: n)
    for gap in find(values: values, censored: censored) {
      for i in gap.days { inGap[i] = true }
    }
    let before = rateTally(before: start, values: values, censored: censored, inGap: inGap)
    guard let zeroShare = zeroShare(before),
      Double(length) * log(zeroShare) <= log(maximumChance),
      !isSeasonal(run: start..<n, zeroShare: zeroShare, values: values, censored: censored)
    else { return nil }
    // `zeroShare` needs `minimumRateDays` usable days, so `before.days` is positive.
    let rate = before.units / Double(before.days)
    // Longer than a gap can be, the run is read as it is whatever ended it: a quiet run to the
    // last day, the flagged days (which sold nothing either) included.
    guard length <= longestDays else {
      return QuietRun(days: length + stockoutDays, unitsPerDayBefore: rate)
    }
    return QuietRun(days: length, unitsPerDayBefore: rate, stockoutDays: stockoutDays)
  }

  /// The usable days of the `rateWindowDays` before position `start` (not in an earlier gap).
  private static func rateTally(
    before start: Int, values: [Double], censored: [Bool], inGap: [Bool]
  ) -> Tally {
    tally(
      max(0, start - rateWindowDays)..<start, values: values, censored: censored, excluding: inGap)
  }

  /// The expected share of zero days over the usable days `before` a run (`rateTally`),
  /// p₀ = (zeros + ½) / (days + 1); nil with fewer than `minimumRateDays` of them.
  private static func zeroShare(_ before: Tally) -> Double? {
    guard before.days >= minimumRateDays else { return nil }
    return (Double(before.zeros) + 0.5) / Double(before.days + 1)
  }

  /// True when the same days 364 days earlier (a whole number of weeks) were mostly zero too:
  /// at least half of them uncensored, and zero on a share of those at least halfway from
  /// `zeroShare` to 1. Earlier gaps count as the zeros they were, so a run that comes back every
  /// year is read as a gap the first time at most.
  private static func isSeasonal(
    run: Range<Int>, zeroShare: Double, values: [Double], censored: [Bool]
  ) -> Bool {
    guard run.lowerBound >= 364 else { return false }
    let (days, zeros, _) = tally(
      (run.lowerBound - 364)..<(run.upperBound - 364), values: values, censored: censored)
    return 2 * days >= run.count && Double(zeros) >= Double(days) * (1 + zeroShare) / 2
  }

  /// Usable days of a range, how many of them are zero and the units they sold.
  private typealias Tally = (days: Int, zeros: Int, units: Double)

  /// The usable days of `range` (uncensored, finite, not `excluding`).
  private static func tally(
    _ range: Range<Int>, values: [Double], censored: [Bool], excluding: [Bool]? = nil
  ) -> Tally {
    var days = 0
    var zeros = 0
    var units = 0.0
    for i in range where !censored[i] && !(excluding?[i] ?? false) && values[i].isFinite {
      days += 1
      units += values[i]
      if values[i] == 0 { zeros += 1 }
    }
    return (days, zeros, units)
  }
}
