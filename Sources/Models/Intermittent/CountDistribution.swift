import Foundation

/// The predictive distribution of the level models (moving average, Croston, TSB): a count
/// distribution around the model's mean with the dispersion seen in its one-step-ahead errors.
///
/// Daily retail demand is a count, mostly small and over-dispersed, and for intermittent series
/// the median is usually zero while the mean is not. A Gaussian around the mean gets both wrong,
/// so these models use the negative binomial in its NB2 form (Hilbe, *Negative Binomial
/// Regression*, 2011, §5): mean μ, variance μ + φμ², with φ ≥ 0 estimated once at fit time
/// by moments from the in-sample one-step predictions fₜ and actuals yₜ (uncensored days with a
/// prediction): φ = max(0, Σ[(yₜ − fₜ)² − fₜ]) / Σfₜ² (Cameron & Trivedi, *Regression Analysis
/// of Count Data*, 2013, §3.2). φ = 0 is the Poisson distribution (data no more dispersed than
/// Poisson are given Poisson quantiles). Because φ scales with the mean, a model applied to a
/// series whose level moved keeps sensible widths.
///
/// Quantiles are integers (the smallest k with P(Y ≤ k) ≥ level), so they are non-negative and
/// monotone in the level by construction. The same distribution is used on every forecast day:
/// these models' forecasts are flat and their parameter uncertainty is not propagated.
/// When P(Y = 0) underflows (a mean of several hundred units a day) the quantiles come from the
/// Cornish–Fisher expansion (mean, variance and skewness) rounded to a count, within a unit of
/// the exact ones at such means.
public enum CountDistribution {
  /// The largest dispersion used; larger moment estimates (a few spikes over a near-zero
  /// in-sample mean) would put almost all the mass at zero with an unbounded tail.
  public static let maximumDispersion = 100.0

  /// The NB2 dispersion φ from in-sample one-step predictions, by moments (see the type).
  ///
  /// - Parameters:
  ///   - series: The training series; censored days are skipped.
  ///   - fitted: One-step predictions aligned with `series`; NaN days are skipped.
  /// - Returns: φ in `0...maximumDispersion`; 0 when no day has a positive prediction.
  /// - Complexity: O(n).
  static func dispersion(series: DemandSeries, fitted: [Double]) -> Double {
    precondition(fitted.count == series.count, "fitted values must align with the series")
    var excess = 0.0
    var squaredMeans = 0.0
    series.values.withUnsafeBufferPointer { y in
      series.censored.withUnsafeBufferPointer { censored in
        fitted.withUnsafeBufferPointer { f in
          for t in 0..<y.count where !censored[t] && !f[t].isNaN {
            let error = y[t] - f[t]
            excess += error * error - f[t]
            squaredMeans += f[t] * f[t]
          }
        }
      }
    }
    guard squaredMeans > 0, excess > 0 else { return 0 }
    return min(excess / squaredMeans, maximumDispersion)
  }

  /// The quantiles at `levels` (ascending, each in 0 < level < 1) of the NB2 distribution with
  /// `mean` units and `dispersion` φ; all zero when `mean` ≤ 0, all NaN when `mean` is NaN.
  ///
  /// - Complexity: O(largest quantile) steps of a pmf recurrence.
  public static func quantiles(mean: Double, dispersion: Double, levels: [Double]) -> [Double] {
    guard !mean.isNaN else { return levels.map { _ in .nan } }
    guard mean > 0 else { return levels.map { _ in 0 } }
    let variance = mean + dispersion * mean * mean
    guard var probabilities = Probabilities(mean: mean, dispersion: dispersion) else {
      // Cornish–Fisher with the skewness γ = (1 + 2μφ) / σ, and a continuity correction.
      let sd = variance.squareRoot()
      let skewness = (1 + 2 * mean * dispersion) / sd
      return levels.map { level in
        let z = standardNormalQuantile(level)
        return max(0, (mean + sd * (z + (z * z - 1) * skewness / 6) - 0.5).rounded(.up))
      }
    }
    // Every level below 1 is reached well before 40 standard deviations; the bound only guards
    // against a cumulative sum that rounding keeps a hair below a level close to 1.
    let lastCount = (mean + 40 * variance.squareRoot() + 50).rounded(.up)
    var cdf = probabilities.pmf
    var result = [Double]()
    result.reserveCapacity(levels.count)
    for level in levels {
      precondition(level > 0 && level < 1, "a quantile level lies strictly between 0 and 1")
      while cdf < level && probabilities.count < lastCount {
        probabilities.advance()
        cdf += probabilities.pmf
      }
      result.append(probabilities.count)
    }
    return result
  }

  /// P(Y ≤ `units`) for the NB2 with `mean` and `dispersion` (1 for a mean ≤ 0, 0 below zero
  /// units). Where P(Y = 0) underflows (a mean of several hundred units), the normal with a
  /// continuity correction.
  public static func cumulativeProbability(atMost units: Double, mean: Double, dispersion: Double)
    -> Double
  {
    guard units >= 0 else { return 0 }
    guard mean > 0 else { return 1 }
    let k = units.rounded(.down)
    guard var probabilities = Probabilities(mean: mean, dispersion: dispersion) else {
      let variance = mean + dispersion * mean * mean
      let z = (k + 0.5 - mean) / variance.squareRoot()
      return 0.5 * erfc(-z / 2.0.squareRoot())
    }
    var cdf = probabilities.pmf
    while probabilities.count < k && cdf < 1 {
      probabilities.advance()
      cdf += probabilities.pmf
    }
    return min(1, cdf)
  }

  /// P(Y = 0), P(Y = 1), … in turn, by the ratio P(Y = k + 1) / P(Y = k) = (k + r) / (k + 1) · q
  /// for the NB2 with size r = 1/φ and q = μφ / (1 + μφ), or μ / (k + 1) for the Poisson.
  struct Probabilities {
    let mean: Double
    let dispersion: Double
    let size: Double
    let q: Double
    /// P(Y = `count`).
    private(set) var pmf: Double
    private(set) var count = 0.0

    /// `nil` when P(Y = 0) underflows.
    init?(mean: Double, dispersion: Double) {
      let logZero = dispersion > 0 ? -log1p(mean * dispersion) / dispersion : -mean
      guard logZero > -700 else { return nil }
      self.mean = mean
      self.dispersion = dispersion
      size = dispersion > 0 ? 1 / dispersion : 0
      q = dispersion > 0 ? mean * dispersion / (1 + mean * dispersion) : 0
      pmf = exp(logZero)
    }

    mutating func advance() {
      pmf *= dispersion > 0 ? (count + size) / (count + 1) * q : mean / (count + 1)
      count += 1
    }
  }

  /// Flat quantile paths over `horizon` days, one per level in ascending order.
  static func flatPaths(mean: Double, dispersion: Double, horizon: Int, levels: [Double])
    -> [QuantilePath]
  {
    let sorted = levels.sorted()
    let values = quantiles(mean: mean, dispersion: dispersion, levels: sorted)
    return zip(sorted, values).map { level, value in
      QuantilePath(level: level, values: [Double](repeating: value, count: horizon))
    }
  }
}
