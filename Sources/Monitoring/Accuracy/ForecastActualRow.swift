import DemandCore

/// One issued forecast of one series for one target day, beside what actually sold that day:
/// a row of `forecast_vs_actual.csv`.
///
/// The point forecast is the mean when the archive holds one, else p50: the mean is what the
/// forecast engine optimises (squared error) and the unbiased forecast, so bias measured on it
/// is meaningful; WAPE, MAE and RMSE are taken on the same point so that every metric of a row
/// refers to one number (see `AccuracyTally`). `error = actual − point forecast`, so a
/// positive error is under-forecasting.
public struct ForecastActualRow: Sendable, Equatable {
  public var key: SeriesKey
  /// The target day.
  public var date: Day
  public var issuedOn: Day
  public var p10: Double
  public var p50: Double
  public var p90: Double
  /// `nan` when the archive holds no mean.
  public var mean: Double
  /// Units sold on `date`.
  public var actual: Double
  /// The SKU ran out on `date`: the row is shown but never scored.
  public var stockout: Bool
  public var model: String
  public var modelVersion: String

  public init(
    key: SeriesKey, date: Day, issuedOn: Day, p10: Double, p50: Double, p90: Double,
    mean: Double, actual: Double, stockout: Bool, model: String, modelVersion: String
  ) {
    self.key = key
    self.date = date
    self.issuedOn = issuedOn
    self.p10 = p10
    self.p50 = p50
    self.p90 = p90
    self.mean = mean
    self.actual = actual
    self.stockout = stockout
    self.model = model
    self.modelVersion = modelVersion
  }

  /// Days from the run date to the target day (1 for the day after the run).
  public var horizonDays: Int { issuedOn.days(to: date) }

  /// The number the errors are measured from: the mean, or p50 when there is no mean.
  public var pointForecast: Double { mean.isFinite ? mean : p50 }

  /// `actual − pointForecast`, in units.
  public var error: Double { actual - pointForecast }

  /// Whether the 80 % interval held the actual: p10 ≤ actual ≤ p90.
  public var isCovered: Bool { p10 <= actual && actual <= p90 }
}
