import Foundation
import Models

/// Empirical and Poisson quantiles used for calibration.
enum QuantileMath {
  /// The `level` quantile of `sorted` by linear interpolation between order statistics
  /// (Hyndman & Fan type 7, numpy's default); 0 for an empty sample.
  static func empirical(_ sorted: [Float], level: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = level * Double(sorted.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    let weight = position - Double(low)
    return Double(sorted[low]) * (1 - weight) + Double(sorted[high]) * weight
  }

  /// The smallest k with P(X ≤ k) ≥ level for X ~ Poisson(mean).
  static func poisson(mean: Double, level: Double) -> Double {
    guard mean > 0 else { return 0 }
    if mean > 400 {  // normal approximation with continuity correction; exact is slow there
      return max(0, (mean + mean.squareRoot() * standardNormalQuantile(level) - 0.5).rounded(.up))
    }
    return CountDistribution.quantiles(mean: mean, dispersion: 0, levels: [level])[0]
  }
}
