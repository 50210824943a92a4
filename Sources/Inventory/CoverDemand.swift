import Forecasting
import Models

/// The demand of one store/SKU over a cover period (lead time + review period), built from the
/// daily forecast, as the count distribution its order-up-to level is read from.
///
/// Daily demands are taken as independent: the cover's mean is the sum of the daily means and
/// its variance the sum of the daily variances. Each day's variance comes from its 80 % band,
/// σ = (p90 − p10) / (2 · 1.2816), and is never below the Poisson variance (the mean): a count
/// is at least that dispersed, and an intermittent day's integer band (0 … 1) says little.
/// The cover's distribution is the negative binomial (NB2) with that mean and variance, or the
/// Poisson when the variance does not exceed the mean, whose quantiles are whole units; for a
/// fast mover it is close to the normal, for a slow one it keeps the mass at zero that a normal
/// approximation would spread below it.
public struct CoverDemand: Sendable, Equatable {
  /// Expected units over the cover period.
  public let mean: Double
  /// Variance of the cover period's units.
  public let variance: Double

  public init(mean: Double, variance: Double) {
    precondition(mean >= 0 && variance >= 0, "a demand has a non-negative mean and variance")
    self.mean = mean
    self.variance = variance
  }

  /// The cover over the first `days` forecast days.
  ///
  /// With `correlation` ρ > 0, that share of each day's variance is taken as shared by every
  /// day of the cover (an error in the forecast's level persists; day-to-day noise does not):
  /// the variance is (1 − ρ) Σ v_d + ρ (Σ √v_d)², between the independent sum (ρ = 0, the
  /// default) and fully correlated days (ρ = 1).
  /// With a `spread` (the fitted set's `CoverSpread`, measured on its backtest), the variance
  /// is multiplied by its ratio for a cover of `days` days averaging its mean units a day: how
  /// much more the errors of that many consecutive days vary together than independent ones
  /// would.
  /// - Parameters:
  ///   - mean, p10, p90: daily paths of the forecast, aligned; `days` at most their length.
  ///   - correlation: ρ, in 0 … 1.
  ///   - spread: the measured cover variance ratios; `nil`: none (ratio 1).
  public init(
    mean: [Double], p10: [Double], p90: [Double], days: Int, correlation: Double = 0,
    spread: CoverSpread? = nil
  ) {
    precondition(days >= 0 && days <= mean.count, "the cover lies inside the forecast")
    precondition(p10.count == mean.count && p90.count == mean.count, "aligned paths")
    precondition(correlation >= 0 && correlation <= 1, "a correlation in 0 … 1")
    var (total, variance) = CoverSpread.coverMoments(
      mean: mean, p10: p10, p90: p90, days: days, correlation: correlation)
    if let spread, days > 0 {
      variance *= spread.varianceRatio(days: days, unitsPerDay: total / Double(days))
    }
    self.init(mean: total, variance: variance)
  }

  /// NB2 dispersion φ with variance = mean + φ · mean² (0: Poisson).
  public var dispersion: Double { CoverSpread.dispersion(mean: mean, variance: variance) }

  /// The smallest whole number of units covering demand with probability `level`.
  public func quantile(_ level: Double) -> Double {
    CountDistribution.quantiles(mean: mean, dispersion: dispersion, levels: [level])[0]
  }

  /// P(demand ≤ `units`): the chance the cover's demand fits in `units` (1 for a cover without
  /// demand). Summed from the NB2 (or Poisson) probabilities; for a mean of several hundred units,
  /// where P(0) underflows, the normal with a continuity correction.
  public func probabilityAtMost(_ units: Double) -> Double {
    CountDistribution.cumulativeProbability(atMost: units, mean: mean, dispersion: dispersion)
  }
}
