import DemandCore
import Features

/// One ridge prediction split exactly into a baseline and one contribution per feature.
///
/// For target day t with row `x_t`, scale `s_t` (units per day), coefficients β and the
/// training means x̄ of the columns (`FittedRidge.trainingMeans`):
///
///     baseline      = s_t · x̄ᵀβ                       (units)
///     contribution_j = s_t · β_j · (x_tj − x̄_j)        (units)
///     baseline + Σ_j contribution_j = s_t · x_tᵀβ      (the unclipped mean, units)
///
/// The identity is algebraic (`x_tᵀβ = x̄ᵀβ + Σ β_j (x_tj − x̄_j)`), so it holds up to rounding
/// whatever the coefficients. With the fit's weighted means, `x̄ᵀβ` is the category's demand per
/// unit of scale over the fit's rows: the baseline is what the model predicts for this series'
/// level on a day whose every feature is at its average, and a contribution is how much feature
/// j being where it is moves the prediction from there. The intercept (always 1, mean 1) never
/// contributes. The forecast itself is `max(0, mean)`; the clip is not part of the sum.
public struct RidgeDecomposition: Sendable, Equatable {
  /// The target day.
  public var day: Day
  /// s_t: the series level at the cut-off `t − h`, floored, in units per day.
  public var scaleUnitsPerDay: Double
  /// x_t, one value per column of the layout (column 0 is the intercept, 1).
  public var values: [Double]
  /// `s_t · x̄ᵀβ`, in units.
  public var baselineUnits: Double
  /// `s_t · β_j · (x_tj − x̄_j)` per column, in units (0 for the intercept).
  public var contributionUnits: [Double]
  /// `s_t · x_tᵀβ`, in units: the regression's mean before the clip at 0, computed as the
  /// forecast computes it.
  public var meanUnits: Double

  /// `max(0, meanUnits)`: the regression's mean forecast, in units.
  public var forecastUnits: Double { max(0, meanUnits) }

  public init(
    day: Day, scaleUnitsPerDay: Double, values: [Double], baselineUnits: Double,
    contributionUnits: [Double], meanUnits: Double
  ) {
    self.day = day
    self.scaleUnitsPerDay = scaleUnitsPerDay
    self.values = values
    self.baselineUnits = baselineUnits
    self.contributionUnits = contributionUnits
    self.meanUnits = meanUnits
  }

  /// The baseline and the per-column contributions of a row; the definitions are on the type.
  ///
  /// - Parameters:
  ///   - row: x_t, one value per column.
  ///   - scale: s_t, in units per day.
  ///   - coefficients: β, one per column.
  ///   - means: x̄, one per column.
  /// - Returns: the baseline and the contributions, in units.
  /// - Precondition: the three arrays have the same length.
  /// - Complexity: O(p).
  public static func split(
    row: [Double], scale: Double, coefficients: [Double], means: [Double]
  ) -> (baselineUnits: Double, contributionUnits: [Double]) {
    precondition(
      row.count == coefficients.count && means.count == coefficients.count,
      "one value, coefficient and mean per column")
    var centre = 0.0
    var contributions = [Double](repeating: 0, count: row.count)
    for j in 0..<row.count {
      centre += means[j] * coefficients[j]
      contributions[j] = scale * coefficients[j] * (row[j] - means[j])
    }
    return (scale * centre, contributions)
  }
}

extension RidgePredictor {
  /// The decomposition of each of days `firstStep … horizon` after the last day of `series`:
  /// the rows and means that `predict(series:covariates:calendar:firstStep:horizon:levels:)`
  /// computes for those days (`meanUnits` is its location before the clip, bit for bit), split
  /// around the training means.
  ///
  /// - Parameters:
  ///   - firstStep: the first day explained, 1 or later.
  ///   - horizon: the last day explained, `0 ... horizonDays`.
  /// - Throws: `RidgeError.missingTrainingMeans` when the model was saved without its means.
  /// - Precondition: `firstStep ≥ 1`, `horizon ≤ model.horizonDays`.
  /// - Complexity: O(levelWindowDays + (horizon − firstStep + 1) · p).
  public mutating func decompose(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    firstStep: Int = 1, horizon: Int
  ) throws(RidgeError) -> [RidgeDecomposition] {
    guard model.trainingMeans != nil else { throw .missingTrainingMeans(category: model.category) }
    guard
      let (first, count) = load(
        series: series, covariates: covariates, calendar: calendar, firstStep: firstStep,
        horizon: horizon)
    else { return [] }
    return try decomposeLoaded(first: first, count: count)
  }

  /// The decomposition of the `count` loaded target days from `first` (see `decompose`).
  mutating func decomposeLoaded(first: Day, count: Int) throws(RidgeError) -> [RidgeDecomposition] {
    guard let means = model.trainingMeans else {
      throw .missingTrainingMeans(category: model.category)
    }
    return (0..<count).map { step in
      let day = first.adding(days: step)
      guard let result = rowPrediction(for: day, allowingShortHistory: true) else {
        preconditionFailure("a lenient row is always written")
      }
      let (baseline, contributions) = RidgeDecomposition.split(
        row: row, scale: result.scale, coefficients: model.coefficients, means: means)
      return RidgeDecomposition(
        day: day, scaleUnitsPerDay: result.scale, values: row, baselineUnits: baseline,
        contributionUnits: contributions, meanUnits: result.prediction)
    }
  }
}

extension FittedRidge {
  /// The decomposition of days `firstStep … horizon` after `series`; see
  /// `RidgePredictor.decompose(series:covariates:calendar:firstStep:horizon:)`.
  public func decompose(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    firstStep: Int = 1, horizon: Int
  ) throws(RidgeError) -> [RidgeDecomposition] {
    var predictor = RidgePredictor(model: self)
    return try predictor.decompose(
      series: series, covariates: covariates, calendar: calendar, firstStep: firstStep,
      horizon: horizon)
  }
}
