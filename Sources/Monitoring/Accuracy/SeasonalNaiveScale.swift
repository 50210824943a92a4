/// The MASE denominator of one series: the in-sample mean absolute error of the seasonal naive
/// forecast with a weekly season, over the history before the monitored window.
///
/// Hyndman & Koehler, "Another look at measures of forecast accuracy", International Journal of
/// Forecasting 22(4), 2006, §3.4: a scaled error is qₜ = eₜ / s with
/// s = (1 / (n − m)) Σₜ₌ₘ₊₁ⁿ |yₜ − yₜ₋ₘ| over the in-sample data, here with m = 7 (daily data, a
/// weekly season), and MASE = mean |qₜ|.
///
/// At weekly grain m = 1 (the naive forecast) on the weekly values.
///
/// Here the in-sample data is the series' history before the window, from its first day with a
/// sale (days before a launch are not demand), and a pair (t − 7, t) is used only when neither day
/// is censored by a stock-out, as in the engine's backtests.
public enum SeasonalNaiveScale {
  /// The season, in days.
  public static let seasonDays = 7

  /// `s` for `units` (oldest first), or `nil` when no uncensored pair exists or every difference
  /// is zero (a scale of 0 would make every error infinite).
  public static func scale(units: some Collection<Double>, stockout: some Collection<Bool>)
    -> Double?
  {
    scale(units: Array(units), censored: Array(stockout), lag: seasonDays)
  }

  /// `s` for weekly data: `weeklyUnits` one value per week (oldest first), with the naive
  /// forecast (m = 1) as the in-sample benchmark, as the M4 competition scales weekly series
  /// (a year of 52.18 weeks is no whole season). `nil` as for daily data.
  public static func scale(weeklyUnits: [Double], stockout: [Bool]) -> Double? {
    scale(units: weeklyUnits, censored: stockout, lag: 1)
  }

  /// Mean |y(t) − y(t − lag)| over the uncensored pairs from the first sale on.
  static func scale(units y: [Double], censored: [Bool], lag: Int) -> Double? {
    precondition(y.count == censored.count, "one stock-out flag per period")
    guard let firstSale = y.indices.first(where: { y[$0] > 0 && !censored[$0] }) else {
      return nil
    }
    var sum = 0.0
    var pairs = 0
    var t = firstSale + lag
    while t < y.count {
      if !censored[t] && !censored[t - lag] {
        sum += abs(y[t] - y[t - lag])
        pairs += 1
      }
      t += 1
    }
    guard pairs > 0, sum > 0 else { return nil }
    return sum / Double(pairs)
  }
}
