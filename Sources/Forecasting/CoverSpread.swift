import Models

/// How much more the summed forecast errors of several consecutive days vary than they would if
/// each day's error were independent of the others: the variance ratio an order-up-to level
/// must apply to the sum of its cover's daily variances.
///
/// Day-to-day noise averages out over a cover; an error in the forecast's level (a shift the
/// model has not caught up with, a season read too low) does not, and it is what leaves a
/// replenishment cover short. With e_1 … e_n the errors of the n days after an origin,
///
///     ratio_n = Σ over series and origins of (Σ_h e_h)² / Σ over series and origins of Σ_h e_h²
///
/// measured on the training's rolling-origin backtest (every series, its chosen forecast, each
/// error divided by the root mean square of its series' errors so that no series dominates;
/// only origins whose first n days are all uncensored). With independent errors the ratio is
/// 1; with a correlation ρ between any two days' errors of equal variance it is 1 + ρ (n − 1).
/// The ratios are made non-decreasing in n and never below 1 (a cover is never taken to be
/// more certain than its independent days).
///
/// Fast movers get their own ratios when enough of them were backtested: their daily noise is
/// small beside their level, so a level error weighs more in their covers than in a slow
/// mover's.
public struct CoverSpread: Sendable, Equatable, Codable {
  /// `ratios[n − 1]` is the variance ratio of an n-day cover (dimensionless, ≥ 1), measured on
  /// every series.
  public var ratios: [Double]
  /// Origins behind each ratio.
  public var points: [Int]
  /// The same ratios measured on the fast movers alone; `nil` when too few were backtested.
  public var fast: FastMovers? = nil

  /// The ratios of the fast movers, and from how many units a day a cover reads them.
  public struct FastMovers: Sendable, Equatable, Codable {
    /// `ratios[n − 1]` is the variance ratio of a fast mover's n-day cover.
    public var ratios: [Double]
    /// Origins behind each ratio.
    public var points: [Int]
    /// The training's fast-mover threshold: covers averaging at least this many units a day
    /// read `ratios`.
    public var minimumUnitsPerDay: Double

    public init(ratios: [Double], points: [Int], minimumUnitsPerDay: Double) {
      precondition(ratios.count == points.count, "one point count per ratio")
      self.ratios = ratios
      self.points = points
      self.minimumUnitsPerDay = minimumUnitsPerDay
    }
  }

  public init(ratios: [Double], points: [Int]) {
    precondition(ratios.count == points.count, "one point count per ratio")
    self.ratios = ratios
    self.points = points
  }

  /// The variance ratio of a cover of `days` days. Past the measured lengths it grows as the
  /// last one implies for equally correlated days: 1 + ρ (days − 1), with ρ read from the
  /// longest measured cover.
  ///
  /// A cover averaging `unitsPerDay` at or above the fast movers' threshold reads their ratios
  /// when they were measured.
  public func varianceRatio(days: Int, unitsPerDay: Double = 0) -> Double {
    if let fast, unitsPerDay >= fast.minimumUnitsPerDay {
      return Self.ratio(fast.ratios, days: days)
    }
    return Self.ratio(ratios, days: days)
  }

  /// z of the 90th percentile of the standard normal: an 80 % band is ±1.2816 σ.
  public static let bandHalfWidthZ = 1.2815515655446004

  /// Mean and variance of a cover's units over the first `days` of aligned daily paths, with
  /// days taken as independent: the sums of the daily means and variances. Each day's variance
  /// comes from its 80 % band, σ = (p90 − p10) / (2 · 1.2816), and is never below the Poisson
  /// variance (the mean): a count is at least that dispersed, and an intermittent day's integer
  /// band (0 … 1) says little. With `correlation` ρ > 0, that share of each day's variance is
  /// taken as common to every day: (1 − ρ) Σ v_d + ρ (Σ √v_d)². No measured ratio is applied.
  public static func coverMoments(
    mean: [Double], p10: [Double], p90: [Double], days: Int, correlation: Double = 0
  ) -> (mean: Double, variance: Double) {
    var total = 0.0
    var variance = 0.0
    var deviations = 0.0
    for day in 0..<days {
      let m = max(0, mean[day])
      let sigma = max(0, p90[day] - p10[day]) / (2 * bandHalfWidthZ)
      total += m
      let daily = max(sigma * sigma, m)
      variance += daily
      deviations += daily.squareRoot()
    }
    if correlation > 0 {
      variance = (1 - correlation) * variance + correlation * deviations * deviations
    }
    return (total, variance)
  }

  /// The NB2 dispersion φ of a cover with `mean` and `variance` (variance = mean + φ mean²;
  /// 0 is the Poisson), capped at `CountDistribution.maximumDispersion`.
  public static func dispersion(mean: Double, variance: Double) -> Double {
    guard mean > 0 else { return 0 }
    return min(CountDistribution.maximumDispersion, max(0, (variance - mean) / (mean * mean)))
  }

  private static func ratio(_ ratios: [Double], days: Int) -> Double {
    guard days >= 1, let last = ratios.last else { return 1 }
    if days <= ratios.count { return ratios[days - 1] }
    let n = ratios.count
    guard n >= 2 else { return last }
    let correlation = max(0, (last - 1) / Double(n - 1))
    return 1 + correlation * Double(days - 1)
  }
}
