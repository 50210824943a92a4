import Foundation

/// The seasonal naive method: each forecast day repeats the last uncensored value one or more
/// whole periods earlier (*FPP3* §5.2).
///
/// With `period` 7 the forecast for a Tuesday is the last uncensored Tuesday. A slot whose every
/// day in the series is censored, or that the series is too short to reach, gets the mean of the
/// uncensored values. In sample, day t is predicted by the last uncensored value at t − period,
/// t − 2·period, …; days with none are NaN (warm-up).
///
/// Quantiles are Gaussian as in statsforecast's `SeasonalNaive`: σ² is the mean squared
/// in-sample error (over uncensored days with a prediction), widened for day h of the horizon
/// to σ · √(⌊(h − 1) / period⌋ + 1), then clipped at zero. Without censoring the mean, fitted
/// values and quantiles are statsforecast's.
public struct SeasonalNaiveSettings: ForecastMethod {
  /// Days per season.
  public var period: Int

  public init(period: Int = 7) {
    self.period = period
  }

  /// `SeasonalNaive(7)`.
  public var name: String { "SeasonalNaive(\(period))" }

  public var family: ModelFamily { .seasonalNaive }

  /// - Throws: `ModelError.tooShort` without an uncensored day, `ModelError.nonFiniteValue` for
  ///   a non-finite uncensored value.
  /// - Complexity: O(n + period).
  public func fit(_ series: DemandSeries) throws(ModelError) -> SeasonalNaiveModel {
    precondition(period >= 1, "a season has at least one day")
    _ = try series.checkedObservedCount(model: name)
    let run = SeasonalNaiveModel.filter(series, period: period)
    let sigma = Self.residualSD(series, fitted: run.fitted)
    return SeasonalNaiveModel(
      name: name, period: period, residualSD: sigma, slotValues: run.slots,
      forecastPhase: run.phase, fittedValues: run.fitted)
  }

  /// The root mean squared in-sample error over uncensored days with a prediction; 0 without
  /// such a day (statsforecast's `_calculate_sigma` with n = the number of errors).
  static func residualSD(_ series: DemandSeries, fitted: [Double]) -> Double {
    var squaredErrors = 0.0
    var errorDays = 0
    series.values.withUnsafeBufferPointer { y in
      series.censored.withUnsafeBufferPointer { censored in
        fitted.withUnsafeBufferPointer { fitted in
          for t in 0..<y.count where !censored[t] && !fitted[t].isNaN {
            let error = y[t] - fitted[t]
            squaredErrors += error * error
            errorDays += 1
          }
        }
      }
    }
    return errorDays > 0 ? (squaredErrors / Double(errorDays)).squareRoot() : 0
  }
}
