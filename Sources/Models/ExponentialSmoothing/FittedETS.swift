import DemandCore
import Foundation

/// An ETS model fitted to one series: its parameters, initial and final states, error variance
/// and information criterion.
///
/// **Likelihood.** With n uncensored days, one-step errors εₜ (`yₜ − ŷₜ`, or `(yₜ − ŷₜ)/ŷₜ`
/// for a multiplicative error) and σ² = Σεₜ²/n, the log-likelihood is
/// `−n/2 (log(2πσ²) + 1) − Σ log ŷₜ`, the last sum for a multiplicative error only (Hyndman et
/// al. 2008 §5.2; statsmodels' `ETSModel.loglike`; R's and statsforecast's `lik` is
/// `n log Σεₜ² + 2 Σ log ŷₜ`, the same up to constants). Censored days are left out of every
/// sum.
///
/// **Information criterion.** `aicc = −2 logL + 2k + 2k(k+1)/(n − k − 1)`, where k counts the
/// smoothing parameters, σ², and the initial states (the level, the trend, and m − 1 seasonal
/// states, one being fixed by the normalisation), as R's `forecast::ets` and statsforecast
/// count them. The heuristic initial states are not maximum-likelihood estimates, but they are
/// estimated from the data all the same: leaving them out lets a seasonal model's seven free
/// seasonal states win on white noise.
///
/// **Initial states of another series.** `applied(to:)` keeps `initialState` when the new series
/// starts on the same day as the training series, and otherwise re-initialises it from the new
/// series' start with the same heuristic (falling back to `initialState`, season rotated to the
/// new start's day of the cycle, when the heuristic cannot run).
public struct FittedETS: FittedModel, Equatable {
  /// The model fitted.
  public let settings: ETSSettings
  public let parameters: ETSParameters
  /// The states before the first day of the series; `season[j]` applies to day `j`.
  public let initialState: ETSState
  /// The states after the last day; `season[j]` applies to forecast day `j + 1`.
  public let finalState: ETSState
  /// Variance of the one-step errors εₜ, Σεₜ²/n (units² per day², or a squared relative error
  /// for a multiplicative error): the maximum-likelihood estimate, as statsmodels' `mse`.
  public let sigma2: Double
  /// The log-likelihood at `parameters` over the training series.
  public let logLikelihood: Double
  /// Number of parameters k in the information criteria: smoothing parameters, initial states
  /// and σ² (`ETS(A,N,N)` 3, `ETS(A,N,A)` 10, `ETS(A,Ad,A)` 13 with a weekly season).
  public let parameterCount: Int
  /// Uncensored days n of the training series.
  public let observedCount: Int
  /// The first day of the series the states were filtered over.
  public let start: Day
  @MissingAsNull public private(set) var fittedValues: [Double]

  /// Filters `series` with fixed `parameters` from `initialState`, estimating nothing: the
  /// fitted values, final state, σ² and likelihood follow.
  ///
  /// `fit` calls this with the maximum-likelihood parameters; call it directly to reproduce a
  /// model from stored or reference parameters.
  ///
  /// - Precondition: `initialState.season` has `seasonLength` states (one without a season).
  public init(
    settings: ETSSettings, parameters: ETSParameters, initialState: ETSState,
    series: DemandSeries
  ) {
    let period = settings.stateSeasonLength
    precondition(
      initialState.season.count == period,
      "\(settings.name) needs \(period) seasonal states, got \(initialState.season.count)")
    var parameters = parameters
    if settings.trend == .none { parameters.beta = 0 }
    if settings.trend != .additiveDamped { parameters.phi = 1 }
    if settings.season == .none { parameters.gamma = 0 }
    var initialState = initialState
    if settings.trend == .none { initialState.trend = 0 }
    if settings.season == .none { initialState.season = [0] }

    let n = series.count
    var fitted = [Double](repeating: .nan, count: n)
    var season = initialState.season
    let filter = ETSFilter(settings: settings)
    let state = initialState
    let pass = series.values.withUnsafeBufferPointer { values in
      series.censored.withUnsafeBufferPointer { censored in
        season.withUnsafeMutableBufferPointer { season in
          fitted.withUnsafeMutableBufferPointer { fitted in
            filter.run(
              parameters: parameters, level: state.level, trend: state.trend,
              season: season, values: values, censored: censored, fitted: fitted)
          }
        }
      }
    }
    let observed = series.observedCount
    let k = settings.estimatedParameterCount + settings.initialStateCount + 1
    self.settings = settings
    self.parameters = parameters
    self.initialState = initialState
    self.finalState = ETSState(level: pass.finalLevel, trend: pass.finalTrend, season: season)
      .advancingSeason(by: n)
    self.sigma2 = observed > 0 ? pass.sumOfSquares / Double(observed) : .nan
    self.logLikelihood = ETSFilter.logLikelihood(of: pass, observed: observed)
    self.parameterCount = k
    self.observedCount = observed
    self.start = series.start
    self.fittedValues = fitted
  }

  /// `ETS(A,Ad,A)`: the settings' name.
  public var name: String { settings.name }
  public var family: ModelFamily { .exponentialSmoothing }

  /// Akaike's criterion, `−2 logL + 2k`.
  public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

  /// Akaike's criterion corrected for small samples, `AIC + 2k(k+1)/(n − k − 1)`; `+∞` when
  /// n ≤ k + 1 or the likelihood is not finite.
  public var aicc: Double {
    let k = Double(parameterCount)
    let n = Double(observedCount)
    guard n > k + 1, logLikelihood.isFinite else { return .infinity }
    return aic + 2 * k * (k + 1) / (n - k - 1)
  }

  /// The same parameters filtered over `series`: new fitted values and final state; σ², the
  /// likelihood, n and the criteria stay those of the fit. See the type's discussion for the
  /// initial states.
  public func applied(to series: DemandSeries) -> FittedETS {
    var initial = initialState
    if series.start != start {
      let shift = Int(start.days(to: series.start))
      initial =
        ETSInitialisation.heuristic(
          settings: settings, values: series.values, censored: series.censored)
        ?? initialState.advancingSeason(by: shift)
    }
    let refiltered = FittedETS(
      settings: settings, parameters: parameters, initialState: initial, series: series)
    return FittedETS(
      settings: settings, parameters: parameters, initialState: refiltered.initialState,
      finalState: refiltered.finalState, sigma2: sigma2, logLikelihood: logLikelihood,
      parameterCount: parameterCount, observedCount: observedCount, start: series.start,
      fittedValues: refiltered.fittedValues)
  }

  private init(
    settings: ETSSettings, parameters: ETSParameters, initialState: ETSState,
    finalState: ETSState, sigma2: Double, logLikelihood: Double, parameterCount: Int,
    observedCount: Int, start: Day, fittedValues: [Double]
  ) {
    self.settings = settings
    self.parameters = parameters
    self.initialState = initialState
    self.finalState = finalState
    self.sigma2 = sigma2
    self.logLikelihood = logLikelihood
    self.parameterCount = parameterCount
    self.observedCount = observedCount
    self.start = start
    self.fittedValues = fittedValues
  }
}

extension ETSSettings {
  /// The smoothing parameters a fit estimates: α, and β, γ, φ when the model has them.
  var estimatedParameterCount: Int {
    1 + (trend == .none ? 0 : 1) + (season == .none ? 0 : 1)
      + (trend == .additiveDamped ? 1 : 0)
  }

  /// The initial states counted in the information criteria: level, trend, and the seasonal
  /// states less the one fixed by the normalisation.
  var initialStateCount: Int {
    1 + (trend == .none ? 0 : 1) + (season == .none ? 0 : seasonLength - 1)
  }
}

extension FittedETS {
  public func compacted() -> Self {
    var copy = self
    copy.fittedValues = []
    return copy
  }
}
