/// A forecasting method's settings: what to fit, not the fitted result.
///
/// Settings are small `Codable` values with no logic in their initialiser; `fit` validates the
/// series and returns a separate fitted value, so an unfitted model cannot be asked to predict
/// (scikit-learn's trailing underscore, enforced by the compiler).
public protocol ForecastMethod: Sendable, Codable {
  associatedtype Fitted: FittedModel
  /// A unique, human-readable name, used as the model column in outputs (`SeasonalNaive(7)`).
  var name: String { get }
  /// The family this method belongs to, for reporting metrics per family.
  var family: ModelFamily { get }
  /// Fits the method to `series`; censored days are skipped, never read as zero demand.
  /// - Throws: `ModelError` when the series cannot support the method (too short, all censored,
  ///   non-positive values for a multiplicative model).
  func fit(_ series: DemandSeries) throws(ModelError) -> Fitted
}

/// A fitted model of one series: parameters plus the state at the end of the training data.
public protocol FittedModel: Sendable, Codable {
  /// The method's name (same as the settings' `name`, possibly refined: `ETS(A,Ad,A)`).
  var name: String { get }
  var family: ModelFamily { get }
  /// One-step-ahead in-sample predictions, aligned with the training series; `.nan` where the
  /// model has no prediction yet (warm-up days).
  var fittedValues: [Double] { get }
  /// Forecast of the `horizon` days after the training data, with the quantiles at `levels`
  /// (each in 0 < level < 1) from the model's own predictive distribution, non-negative and
  /// monotone across levels.
  func predict(horizon: Int, levels: [Double]) -> ModelForecast
  /// The same parameters, run over `series` instead of the training data: the state (level,
  /// trend, season, intervals) is re-filtered, nothing is re-estimated. This is how a backtest
  /// moves its origin and how the nightly forecast uses a weekly-trained model on newer history.
  func applied(to series: DemandSeries) -> Self
  /// The same model without its in-sample fitted values (`fittedValues` becomes empty): what a
  /// saved or long-held set keeps, since one value per training day is most of a model's size.
  /// Predictions and `applied(to:)` are unchanged.
  func compacted() -> Self
}

extension FittedModel {
  /// Models that hold no per-day arrays are already compact.
  public func compacted() -> Self { self }
}

extension ForecastMethod {
  /// Fit then predict in one call; equals `fit(series).predict(horizon:levels:)` exactly.
  public func forecast(_ series: DemandSeries, horizon: Int, levels: [Double] = [])
    throws(ModelError) -> ModelForecast
  {
    try fit(series).predict(horizon: horizon, levels: levels)
  }
}

/// The model families reported separately by the backtest.
public enum ModelFamily: String, Sendable, Codable, CaseIterable, Comparable {
  case seasonalNaive = "seasonal_naive"
  case movingAverage = "moving_average"
  case exponentialSmoothing = "ets"
  case croston = "croston_sba"
  case tsb = "tsb"
  case ridge = "ridge"

  public static func < (a: ModelFamily, b: ModelFamily) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// Why a method could not be fitted to a series.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Fewer uncensored days than the method needs.
  case tooShort(model: String, observed: Int, required: Int)
  /// The method needs strictly positive data (multiplicative seasonality) and got a zero or less.
  case nonPositiveData(model: String)
  /// The optimiser found no finite likelihood.
  case didNotConverge(model: String)
  /// The series holds NaN or infinity at `index`.
  case nonFiniteValue(model: String, index: Int)

  public var description: String {
    switch self {
    case .tooShort(let model, let observed, let required):
      return "\(model) needs at least \(required) uncensored days; the series has \(observed)."
    case .nonPositiveData(let model):
      return "\(model) needs strictly positive demand; the series has zeros."
    case .didNotConverge(let model):
      return "\(model): the optimiser found no finite likelihood."
    case .nonFiniteValue(let model, let index):
      return "\(model): the series holds a non-finite value at day \(index)."
    }
  }
}
