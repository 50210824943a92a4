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

  /// Sums of squared one-step errors of SES over two series of the same length at once: lane k
  /// holds the sum for `first` (k = 0) or `second` (k = 1) smoothed with `alphas[k]`, each level
  /// started at its first value (statsforecast's `ses_sse`, lane by lane with the same
  /// arithmetic); 0 for fewer than two values.
  ///
  /// - Complexity: O(n), no allocation.
  @inline(__always)
  static func sumsOfSquaredErrors(
    _ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>,
    alphas: SIMD2<Double>
  ) -> SIMD2<Double> {
    precondition(first.count == second.count, "both series have one value per demand")
    guard first.count >= 2 else { return .zero }
    let complements = 1 - alphas
    var previous = SIMD2(first[0], second[0])
    var forecast = previous
    var sums = SIMD2<Double>.zero
    for i in 1..<first.count {
      forecast = alphas * previous + complements * forecast
      let value = SIMD2(first[i], second[i])
      let error = value - forecast
      sums += error * error
      previous = value
    }
    return sums
  }

  /// The smoothing parameters in `lower...upper` minimising `sumsOfSquaredErrors` of each
  /// series, by golden-section search (statsforecast's `golden_section_ses`, to `tolerance`);
  /// the midpoint for fewer than three values, where the sum does not depend on α.
  static func fittedAlphas(
    _ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>,
    lower: Double, upper: Double, tolerance: Double
  ) -> SIMD2<Double> {
    BoundedSearch.pairedGoldenSection(lower: lower, upper: upper, tolerance: tolerance) {
      sumsOfSquaredErrors(first, second, alphas: $0)
    }
  }
}
