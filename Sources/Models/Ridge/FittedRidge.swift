import Features

/// A category's fitted ridge regression: coefficients shared by every series of the category,
/// the predictive dispersion, and how the fit was obtained.
///
/// It is a *global* model: one fit serves every series of the category, so it is not a
/// per-series `ForecastMethod`. Forecast a series with
/// `predict(series:covariates:calendar:horizon:levels:)`, or bind it to one series with
/// `bound(to:covariates:calendar:)` to get a `FittedModel` with the usual verbs.
///
/// **Predictions.** For target day t the row `x_t` and scale `s_t` of `FeatureLayout` give the
/// mean `max(0, s_t · x_tᵀβ)` in units. The predictive distribution is Gaussian with variance
/// `φ_b · s_t`, φ_b the dispersion of the scale's level bucket (quasi-Poisson: the variance
/// grows with the level), and its quantiles are clipped at 0 (the quantiles of `max(0, Y)`).
/// Each row reads demand at or before `t − h`, so forecasts reach at most h days past the last
/// observation.
public struct FittedRidge: Sendable, Codable, Equatable {
  /// The category the model was fitted on.
  public let category: String
  public let settings: RidgeSettings
  /// The features, with the yearly terms decided at fitting.
  public let layout: FeatureLayout
  /// β, one per column of `layout`, in the units of `demand / scale`.
  public let coefficients: [Double]
  /// The final solution (penalty, solver, condition number, rank, constant columns).
  public let solution: RidgeSolution
  /// The candidate penalties and their validation errors.
  public let selection: PenaltySelection
  /// The dispersion φ per level bucket of `settings.levelBucketEdges` (dimensionless: the mean
  /// squared Pearson residual, in units per unit of scale).
  public let dispersions: [Double]
  /// Rows the final fit used: training, then validation.
  public let trainingRows: Int
  public let validationRows: Int
  /// Series that were added (with or without rows).
  public let seriesCount: Int
  /// x̄, one per column of `layout`: the mean of each feature over the rows of the final fit
  /// (training and validation), weighted as the fit weighted them (by the scale `s_t`), so that
  /// `x̄ᵀβ` is the fit's weighted mean of `demand / scale` (column 0, the intercept, has mean 1).
  /// The centre of `decompose(series:covariates:calendar:firstStep:horizon:)`. `nil` in models
  /// saved before the means were kept: retrain to explain their forecasts.
  public let trainingMeans: [Double]?

  public init(
    category: String, settings: RidgeSettings, layout: FeatureLayout, coefficients: [Double],
    solution: RidgeSolution, selection: PenaltySelection, dispersions: [Double],
    trainingRows: Int, validationRows: Int, seriesCount: Int, trainingMeans: [Double]? = nil
  ) {
    precondition(coefficients.count == layout.count, "one coefficient per feature")
    precondition(trainingMeans.map { $0.count == layout.count } ?? true, "one mean per feature")
    precondition(
      dispersions.count == settings.levelBucketEdges.count + 1, "one dispersion per bucket")
    self.category = category
    self.settings = settings
    self.layout = layout
    self.coefficients = coefficients
    self.solution = solution
    self.selection = selection
    self.dispersions = dispersions
    self.trainingRows = trainingRows
    self.validationRows = validationRows
    self.seriesCount = seriesCount
    self.trainingMeans = trainingMeans
  }

  /// `Ridge(category)`.
  public var name: String { "Ridge(\(category))" }
  public var family: ModelFamily { .ridge }
  /// The penalty used by the final fit.
  public var penalty: Double { solution.penalty }
  /// The solver that produced the final coefficients.
  public var solver: RidgeSolver { solution.solver }
  /// The names of the coefficients, in order.
  public var featureNames: [String] { layout.names }
  /// h: the farthest day ahead the model forecasts.
  public var horizonDays: Int { layout.horizonDays }

  /// The coefficient of `column`, or `nil` when the layout lacks it.
  public func coefficient(_ column: FeatureColumn) -> Double? {
    layout.index(of: column).map { coefficients[$0] }
  }

  /// The predictive standard deviation, in units, of a day with scale `scale`.
  func standardDeviation(scale: Double) -> Double {
    (max(0, dispersions[settings.levelBucket(of: scale)]) * scale).squareRoot()
  }
}
