/// Simple exponential smoothing kernels shared by Croston's method and TSB, written with the
/// arithmetic of statsforecast's `src/ses.cpp` so that fixed-parameter results agree with it to
/// the last bit.
///
/// The level after the first observation x₀ is written as the smoothing update of x₀ on itself,
/// α·x₀ + (1 − α)·x₀, as statsforecast computes it (mathematically x₀, but possibly one ulp
/// away), and each later observation x updates the level to α·x + (1 − α)·level.
enum SimpleExponentialSmoothing {
  /// The smoothing update of `level` by `observation`.
  @inline(__always)
  static func update(_ level: Double, with observation: Double, alpha: Double, complement: Double)
    -> Double
  {
    alpha * observation + complement * level
  }

  /// Sum of squared one-step errors of SES with smoothing `alpha` over `x`, the level started at
  /// x₀ (statsforecast's `ses_sse`); 0 for fewer than two values.
  ///
  /// - Complexity: O(n), no allocation.
  @inline(__always)
  static func sumOfSquaredErrors(_ x: UnsafeBufferPointer<Double>, alpha: Double) -> Double {
    guard x.count >= 2 else { return 0 }
    let complement = 1 - alpha
    var forecast = x[0]
    var sum = 0.0
    for i in 1..<x.count {
      forecast = alpha * x[i - 1] + complement * forecast
      let error = x[i] - forecast
      sum += error * error
    }
    return sum
  }

  /// The smoothing parameter in `lower...upper` minimising `sumOfSquaredErrors` by golden-section
  /// search (statsforecast's `golden_section_ses`, to `tolerance`); the midpoint for fewer than
  /// three values, where the sum does not depend on α.
  static func fittedAlpha(
    _ x: UnsafeBufferPointer<Double>, lower: Double, upper: Double, tolerance: Double
  ) -> Double {
    BoundedSearch.goldenSection(lower: lower, upper: upper, tolerance: tolerance) {
      sumOfSquaredErrors(x, alpha: $0)
    }
  }
}
