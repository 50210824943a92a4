/// The smoothing parameters of an ETS model, in the parameterisation of Hyndman et al. (2008)
/// (statsmodels' `smoothing_level`, `smoothing_trend`, `smoothing_seasonal`, `damping_trend`).
///
/// A component the model lacks has its neutral value: `beta = 0` without trend, `gamma = 0`
/// without season, `phi = 1` without damping.
public struct ETSParameters: Sendable, Codable, Hashable {
  /// Level smoothing α, 0 < α < 1.
  public var alpha: Double
  /// Trend smoothing β, 0 < β < α (so `β/α`, the `β*` of Holt's method, lies in (0, 1)).
  public var beta: Double
  /// Season smoothing γ, 0 < γ < 1 − α.
  public var gamma: Double
  /// Trend damping φ, 0.8 ≤ φ ≤ 0.98 when damped.
  public var phi: Double

  public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
    self.alpha = alpha
    self.beta = beta
    self.gamma = gamma
    self.phi = phi
  }
}

/// The level, trend and seasonal states of an ETS model at one point in time.
///
/// `season[j]` is the seasonal state that applies to the `j`-th day of the span the state
/// starts: for an initial state, day `j` of the series (and every `m`-th day after it until it
/// is updated); for a final state, forecast day `j + 1`. Without a season, `season` is `[0]`
/// (additive neutral) and unused.
public struct ETSState: Sendable, Codable, Hashable {
  /// The level ℓ, in units per day.
  public var level: Double
  /// The trend b, in units per day per day (0 without trend).
  public var trend: Double
  /// The seasonal states, one per day of the cycle, in units per day (additive) or as factors
  /// (multiplicative).
  public var season: [Double]

  public init(level: Double, trend: Double = 0, season: [Double] = [0]) {
    self.level = level
    self.trend = trend
    self.season = season
  }

  /// The same state with the season rotated so that `season[0]` applies `days` days later.
  func advancingSeason(by days: Int) -> ETSState {
    let m = season.count
    let shift = ((days % m) + m) % m
    guard shift != 0 else { return self }
    var copy = self
    copy.season = (0..<m).map { season[($0 + shift) % m] }
    return copy
  }
}
