/// Whether one candidate's backtest errors are lower than another's by more than luck: a
/// one-sided paired t-test on the per-point squared errors (the Diebold–Mariano test with a
/// squared-error loss and no autocorrelation correction; Diebold and Mariano, *JBES* 1995).
///
/// With d_i = baseline_i − challenger_i over the n points both were scored on, the challenger
/// is significantly better when `mean(d) / (sd(d) / √n) > criticalValue` (1.645: a 5 % one-sided
/// test). Errors a few days apart are correlated, so the test is lenient; the selection adds its
/// margin on top.
enum PairedComparison {
  /// The one-sided 5 % point of the standard normal.
  static let criticalValue = 1.645

  /// True when `challenger`'s squared errors are significantly below `baseline`'s, point for
  /// point; false when the arrays differ in length, have fewer than 2 points, or no spread.
  static func significantlyLower(_ challenger: [Double], than baseline: [Double]) -> Bool {
    let n = challenger.count
    guard n >= 2, n == baseline.count else { return false }
    var mean = 0.0
    for i in 0..<n { mean += baseline[i] - challenger[i] }
    mean /= Double(n)
    guard mean > 0 else { return false }
    var variance = 0.0
    for i in 0..<n {
      let deviation = baseline[i] - challenger[i] - mean
      variance += deviation * deviation
    }
    variance /= Double(n - 1)
    guard variance > 0 else { return true }  // better on every point by the same amount
    return mean / (variance / Double(n)).squareRoot() > criticalValue
  }
}
