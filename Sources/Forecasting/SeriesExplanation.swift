import DemandCore
import Models

/// How the category's ridge regression takes part in a series' issued forecast.
public enum RegressionRole: Sendable, Equatable {
  /// The regression alone forecasts the series: the issued mean is `max(0, ridge mean)`.
  case alone
  /// The issued mean is the per-day median of `of` candidate paths, the regression's among
  /// them (it is the issued value on the days it is the median).
  case median(of: Int)
  /// The selection chose the regression, but the series' level windows hold fewer uncensored
  /// days than its features need, so the other candidates (or the new-item forecast) served.
  case unsupported
  /// The selection chose other models for the series.
  case notChosen
  /// The series is forecast as a new item (too young, or not in the fitted set).
  case newItem
  /// The category has no regression (too few rows to fit one): there is nothing to decompose.
  case noRegression

  /// True when the regression's path is part of the issued forecast.
  public var servesSeries: Bool {
    switch self {
    case .alone, .median: return true
    case .unsupported, .notChosen, .newItem, .noRegression: return false
    }
  }

  /// A stable code for files: `alone`, `median_of_3`, `unsupported`, `not_chosen`, `new_item`,
  /// `no_regression`.
  public var code: String {
    switch self {
    case .alone: return "alone"
    case .median(let count): return "median_of_\(count)"
    case .unsupported: return "unsupported"
    case .notChosen: return "not_chosen"
    case .newItem: return "new_item"
    case .noRegression: return "no_regression"
    }
  }
}

/// The terms of one horizon bucket of a category regression that an explanation reads: names,
/// β and x̄ per column.
public struct RegressionTerms: Sendable, Equatable {
  /// `Ridge(category)`.
  public var model: String
  /// The bucket's reach `H_b`: its rows read demand up to `H_b` days before their target day.
  public var horizonDays: Int
  /// The column names, in layout order (column 0 is the intercept).
  public var featureNames: [String]
  /// β per column, in units of `demand / scale` per unit of the feature.
  public var coefficients: [Double]
  /// x̄ per column: `FittedRidge.trainingMeans`.
  public var trainingMeans: [Double]
}

/// Why a series' forecast after a run date is what it is: the forecast ShelfCast issued, the
/// models it combined with each one's parts (level, season, …) and weight, and the exact
/// per-feature decomposition of its category regression's prediction for each day.
///
/// `days[h]` decomposes the regression's prediction for `served.start + h`: `baselineUnits`
/// plus the sum of `contributionUnits` is `meanUnits` (unclipped). Whether that prediction is
/// what ShelfCast issued depends on `role`: with `.alone` the issued mean is `max(0, meanUnits)`;
/// with `.median` it is on the days where `regressionServes(dayIndex:)` is true; otherwise the
/// decomposition explains a model that did not serve the series and is shown for reference.
public struct SeriesExplanation: Sendable {
  public var key: SeriesKey
  public var category: String
  /// The issue date: the forecast covers the days after it, from history up to it.
  public var runDate: Day
  /// The forecast as `Forecaster.forecast` issues it (mean, quantiles, model label).
  public var served: SeriesForecast
  public var role: RegressionRole
  /// The regression's terms per horizon bucket, by ascending `horizonDays`; empty with
  /// `.noRegression`. Day `h` (0-based) is decomposed by the first bucket reaching `h + 1` days.
  public var regressionBuckets: [RegressionTerms]
  /// One decomposition per forecast day; empty with `.noRegression`.
  public var days: [RidgeDecomposition]
  /// The version of the fitted set that made the forecast, as recorded with archived forecasts
  /// (set by the pipeline; empty when unknown).
  public var modelVersion: String
  /// The version recorded with the forecast archived for `runDate`, when one was archived (set
  /// by the pipeline): when it differs from `modelVersion`, the set in service changed since
  /// that night and this explanation is of today's set.
  public var archivedModelVersion: String?
  /// Days from one target to the next: 1, or 7 at weekly grain (the run date, `served.start`
  /// and every `days[h].day` are then week-ending dates, and the regression's horizons count
  /// weeks).
  public var daysPerTarget = 1
  /// The models whose paths make the issued forecast, in the selection's order, each split into
  /// its parts with its weight per step (`CandidateExplanation`); empty for a new item.
  public var candidates: [CandidateExplanation] = []
  /// The forecast days on which the store is expected to be closed (`StoreClosure`): the
  /// issued mean and quantiles are 0 there and every candidate's weight is 0, whatever the
  /// models made (their values and the regression's decomposition stay, for reference).
  public var closures: [StoreClosure] = []

  /// The closure of forecast day `dayIndex` (0 = the day after the run date), if any.
  public func closure(dayIndex: Int) -> StoreClosure? {
    closures.first { $0.step == dayIndex }
  }

  public init(
    key: SeriesKey, category: String, runDate: Day, served: SeriesForecast,
    role: RegressionRole, regressionBuckets: [RegressionTerms], days: [RidgeDecomposition],
    modelVersion: String = "", archivedModelVersion: String? = nil
  ) {
    self.key = key
    self.category = category
    self.runDate = runDate
    self.served = served
    self.role = role
    self.regressionBuckets = regressionBuckets
    self.days = days
    self.modelVersion = modelVersion
    self.archivedModelVersion = archivedModelVersion
  }

  /// The terms of the bucket that forecasts tomorrow; `nil` with `.noRegression`.
  public var regression: RegressionTerms? { regressionBuckets.first }

  /// The terms that decompose day `dayIndex` (0 = the day after the run date).
  public func terms(dayIndex: Int) -> RegressionTerms? {
    regressionBuckets.first { $0.horizonDays > dayIndex } ?? regressionBuckets.last
  }

  /// True when the issued mean of day `dayIndex` is the regression's clipped mean (exactly, or
  /// as the archive rounds it to single precision): always with `.alone`, on the days its path
  /// is the median with `.median`, never otherwise.
  public func regressionServes(dayIndex: Int) -> Bool {
    guard role.servesSeries, days.indices.contains(dayIndex),
      served.mean.indices.contains(dayIndex)
    else { return false }
    // An issued mean read back from the forecast archive is kept at single precision.
    let regression = days[dayIndex].forecastUnits
    return served.mean[dayIndex] == regression || served.mean[dayIndex] == Double(Float(regression))
  }
}
