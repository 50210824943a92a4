/// One exponential smoothing (ETS) state space model: its error, trend and season types and
/// the season length, to be fitted to a series by maximum likelihood.
///
/// The models are those of Hyndman, Koehler, Ord & Snyder, *Forecasting with Exponential
/// Smoothing: The State Space Approach* (Springer, 2008), also *FPP3* §8.5–8.7, written in
/// error-correction form with a level `ℓ`, a trend `b` and `seasonLength` seasonal states `s`.
/// With `q = ℓ + φb` (`q = ℓ` without trend) and `ŷ = q + s` or `q·s`:
///
/// ```
/// ℓₜ = q + α(p − q)          p = yₜ − s or yₜ / s (yₜ without season)
/// bₜ = φb + (β/α)(ℓₜ − ℓ − φb)
/// sₜ = s + γ(r − s)          r = yₜ − q or yₜ / q
/// ```
///
/// These updates are the same for additive and multiplicative errors (the R `forecast` and
/// statsforecast `etscalc` form); the error type changes the likelihood and the forecast
/// distribution: additive errors `yₜ = ŷₜ + εₜ`, multiplicative `yₜ = ŷₜ(1 + εₜ)`, with
/// `εₜ ~ N(0, σ²)`.
///
/// **Estimation.** `fit` sets the initial states by the heuristic of Hyndman et al. (2008,
/// §2.6.1), exactly as statsmodels' `ETSModel(initialization_method="heuristic")` does (a
/// centred moving average over the first cycles for the season, a ten-point regression for the
/// level and trend), and estimates α, β, γ, φ by maximum likelihood with `NelderMead`, within
/// the usual bounds `0 < α < 1`, `0 < β < α`, `0 < γ < 1 − α`, `0.8 ≤ φ ≤ 0.98` (each open
/// bound kept 1e-4 inside). Initial states are not optimised: that makes a fit several times
/// faster and matters little on two years of daily data, where the states forget their start
/// within weeks. See `FittedETS` for the likelihood and information criterion.
///
/// **Censored days** (stock-outs) are skipped by the likelihood and treated as missing by the
/// filter: the error is zero, so the states move with the one-step prediction. The initial
/// states never read a censored day either (see `FittedETS`).
public struct ETSSettings: ForecastMethod, Hashable {
  /// How the error enters the observation: `yₜ = ŷₜ + εₜ` or `yₜ = ŷₜ(1 + εₜ)`.
  public enum ErrorType: String, Sendable, Codable, CaseIterable {
    case additive = "A"
    case multiplicative = "M"
  }

  /// The trend component.
  public enum TrendType: String, Sendable, Codable, CaseIterable {
    case none = "N"
    case additive = "A"
    /// An additive trend damped by φ: the h-step forecast adds `(φ + … + φʰ)·b`.
    case additiveDamped = "Ad"
  }

  /// The seasonal component.
  public enum SeasonType: String, Sendable, Codable, CaseIterable {
    case none = "N"
    case additive = "A"
    case multiplicative = "M"
  }

  public var error: ErrorType
  public var trend: TrendType
  public var season: SeasonType
  /// Days in one seasonal cycle (7 for the weekly pattern); ignored without a season.
  public var seasonLength: Int
  /// The likelihood evaluations one fit may spend (`NelderMead.maximumEvaluations`).
  public var maximumEvaluations: Int
  /// Most seasonal cycles the heuristic initial season is averaged over (statsmodels uses 5).
  /// The initial states are not re-estimated, and with a small γ the seasonal states stay close
  /// to them, so on noisy daily data more cycles give a steadier weekly profile.
  public var initialSeasonCycles: Int
  /// Re-estimate the initial states by least squares at the fitted parameters, then the
  /// parameters again (additive-error models with an additive season or none; the others keep
  /// the heuristic states). Off by default, so a fit reproduces statsmodels' heuristic model.
  public var estimatesInitialStates: Bool

  /// - Precondition: `seasonLength ≥ 2`, `maximumEvaluations ≥ 1`, `initialSeasonCycles ≥ 2`.
  public init(
    error: ErrorType, trend: TrendType, season: SeasonType, seasonLength: Int = 7,
    maximumEvaluations: Int = 200, initialSeasonCycles: Int = 5,
    estimatesInitialStates: Bool = false
  ) {
    self.estimatesInitialStates = estimatesInitialStates
    precondition(initialSeasonCycles >= 2, "the initial season needs two cycles at least")
    self.initialSeasonCycles = initialSeasonCycles
    precondition(seasonLength >= 2, "a season spans at least two days, got \(seasonLength)")
    precondition(maximumEvaluations >= 1, "a fit needs at least one evaluation")
    self.error = error
    self.trend = trend
    self.season = season
    self.seasonLength = seasonLength
    self.maximumEvaluations = maximumEvaluations
  }

  /// `ETS(A,Ad,A)`, the error, trend and season letters of Hyndman et al.; the season length
  /// follows in brackets when it is not 7 (`ETS(A,N,A)[14]`).
  public var name: String {
    let base = "ETS(\(error.rawValue),\(trend.rawValue),\(season.rawValue))"
    return season == .none || seasonLength == 7 ? base : base + "[\(seasonLength)]"
  }

  public var family: ModelFamily { .exponentialSmoothing }

  /// True when the model needs strictly positive data: a multiplicative error or season.
  public var isMultiplicative: Bool { error == .multiplicative || season == .multiplicative }

  /// The number of seasonal states (1 without a season, where the one state is unused).
  var stateSeasonLength: Int { season == .none ? 1 : seasonLength }

  /// Days of data the heuristic initialisation needs: 10 for the level and trend and, with a
  /// season, two full cycles and 10 + 2⌊m/2⌋ days for the moving average (statsmodels' rule).
  public var minimumObservedDays: Int {
    season == .none ? 10 : max(2 * seasonLength, 10 + 2 * (seasonLength / 2))
  }

  /// Fits the model: heuristic initial states, then α, β, γ, φ by maximum likelihood.
  ///
  /// - Throws: `ModelError.tooShort` when the series or its uncensored days number fewer than
  ///   `minimumObservedDays`; `.nonFiniteValue` for a NaN or infinite uncensored value;
  ///   `.nonPositiveData` when the model is multiplicative and an uncensored value is zero or
  ///   less; `.didNotConverge` when no parameters give a finite likelihood.
  /// - Complexity: O(n) per likelihood evaluation, at most `maximumEvaluations` of them.
  public func fit(_ series: DemandSeries) throws(ModelError) -> FittedETS {
    try ETSEstimator(settings: self, series: series).fit()
  }
}

extension ETSSettings {
  /// Simple exponential smoothing, `ETS(A,N,N)`.
  public static let ann = ETSSettings(error: .additive, trend: .none, season: .none)
  /// Additive weekly season, `ETS(A,N,A)`.
  public static let ana = ETSSettings(error: .additive, trend: .none, season: .additive)
  /// Damped trend with additive weekly season, `ETS(A,Ad,A)`.
  public static let aada = ETSSettings(
    error: .additive, trend: .additiveDamped, season: .additive)
  /// Multiplicative error and weekly season, `ETS(M,N,M)`.
  public static let mnm = ETSSettings(
    error: .multiplicative, trend: .none, season: .multiplicative)
  /// Multiplicative error and weekly season with a damped trend, `ETS(M,Ad,M)`.
  public static let madm = ETSSettings(
    error: .multiplicative, trend: .additiveDamped, season: .multiplicative)
}
