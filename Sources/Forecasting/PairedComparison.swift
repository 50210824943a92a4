import Models

/// Whether one candidate's backtest errors are lower than another's by more than luck: a
/// one-sided paired test on per-point losses, the Diebold–Mariano test (Diebold and Mariano,
/// *JBES* 1995).
///
/// With d_i = baseline_i − challenger_i over the n points both were scored on, the challenger
/// is significantly better when `mean(d) / √(V / n) > criticalValue` (1.645: a 5 % one-sided
/// test). V is the long-run variance of d:
/// - with no lags, the sample variance (points taken as independent: series of a pool);
/// - with `autocorrelationLags` L > 0, the Newey–West estimate with Bartlett weights,
///   γ₀ + 2 Σₗ₌₁ᴸ (1 − l / (L + 1)) γₗ, γₗ the lag-l autocovariance (divided by n). A backtest's
///   errors on consecutive days share the level error of their origin, so treating them as
///   independent overstates the evidence; Diebold and Mariano take L = h − 1 for h-step errors.
///   The points must then span more than one window of L + 1: the deviations from their mean
///   sum to zero, so over one window γ₀ + 2 Σₗ γₗ is exactly 0 and its Bartlett estimate is
///   biased toward 0, which inflates the statistic (Harvey, Leybourne and Newbold's
///   small-sample factor √((n + 1 − 2h + h(h − 1)/n) / n), *IJF* 1997, is 0 at n = h). One
///   backtest origin's h errors hold one draw of its level error, and no test can tell two
///   candidates apart on them: the statistic is nil there.
///
/// **Several challengers.** When k challengers each get a test against the same incumbent (a
/// series' five other methods and the median of the best three), the chance that one of them
/// passes by luck is up to k times the test's level. `criticalValue(challengers:)` divides the
/// 5 % among them (Bonferroni), so that the incumbent is given up by luck at most 5 % of the
/// time per series, whatever the number of candidates.
enum PairedComparison {
  /// The one-sided 5 % point of the standard normal.
  static let criticalValue = 1.645

  /// The one-sided critical value that keeps the chance of any of `challengers` tests passing
  /// by luck at 5 %: the standard normal's 1 − 0.05 / k point (1.645 for one, 2.394 for six).
  static func criticalValue(challengers: Int) -> Double {
    challengers <= 1 ? criticalValue : standardNormalQuantile(1 - 0.05 / Double(challengers))
  }

  /// True when `challenger`'s losses are significantly below `baseline`'s, point for point
  /// (points in time order when `autocorrelationLags` > 0), at the one-sided `critical` value;
  /// false when `statistic` is nil (unpaired, too few points for the lags, not lower).
  static func significantlyLower(
    _ challenger: [Double], than baseline: [Double], autocorrelationLags: Int = 0,
    critical: Double = criticalValue
  ) -> Bool {
    guard
      let value = statistic(challenger, than: baseline, autocorrelationLags: autocorrelationLags)
    else { return false }
    return value > critical
  }

  /// The test statistic mean(d) / √(V / n) (+∞ when every difference is the same positive
  /// amount); nil when the arrays differ in length, have fewer than 2 points (with lags L,
  /// no more than L + 1: one window, see the type), or the mean difference is not positive.
  static func statistic(
    _ challenger: [Double], than baseline: [Double], autocorrelationLags: Int = 0
  ) -> Double? {
    let n = challenger.count
    guard n >= 2, n == baseline.count, n > max(0, autocorrelationLags) + 1 else { return nil }
    var mean = 0.0
    for i in 0..<n { mean += baseline[i] - challenger[i] }
    mean /= Double(n)
    guard mean > 0 else { return nil }
    let deviations = (0..<n).map { baseline[$0] - challenger[$0] - mean }
    let variance: Double
    if autocorrelationLags <= 0 {
      variance = deviations.reduce(0) { $0 + $1 * $1 } / Double(n - 1)
    } else {
      let lags = autocorrelationLags  // < n − 1 (guarded above)
      var longRun = 0.0
      for lag in 0...lags {
        var covariance = 0.0
        for i in lag..<n { covariance += deviations[i] * deviations[i - lag] }
        covariance /= Double(n)
        longRun += lag == 0 ? covariance : 2 * (1 - Double(lag) / Double(lags + 1)) * covariance
      }
      variance = longRun
    }
    guard variance > 0 else { return .infinity }  // better on every point by the same amount
    return mean / (variance / Double(n)).squareRoot()
  }
}
