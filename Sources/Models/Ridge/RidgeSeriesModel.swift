import DemandCore
import Features

/// A category's `FittedRidge` bound to one series, with its covariates and calendar: a
/// `FittedModel` with the verbs of every per-series model, so the engine can score, backtest
/// and forecast it alongside them.
///
/// Differences from per-series models, by construction of a direct global model:
/// - `fittedValues` are h-step-ahead (each day predicted from history h days before it), not
///   one-step-ahead; NaN where the history is too short.
/// - `predict(horizon:levels:)` reaches at most `horizonDays` days.
/// - `applied(to:)` keeps the coefficients (fitted on the whole category) and re-reads the
///   history; it never re-estimates.
public struct RidgeSeriesModel: FittedModel {
  public let model: FittedRidge
  /// The series, stored by field (`DemandSeries` is not `Codable`).
  public let start: Day
  public let values: [Double]
  public let censored: [Bool]
  public let gaps: [Range<Int>]
  public let covariates: SeriesCovariates
  public let calendar: CalendarContext

  public init(
    model: FittedRidge, series: DemandSeries, covariates: SeriesCovariates,
    calendar: CalendarContext
  ) {
    self.model = model
    start = series.start
    values = series.values
    censored = series.censored
    gaps = series.gaps
    self.covariates = covariates
    self.calendar = calendar
  }

  /// The bound series.
  public var series: DemandSeries {
    DemandSeries(start: start, values: values, censored: censored, gaps: gaps)
  }

  public var name: String { model.name }
  public var family: ModelFamily { .ridge }

  /// The h-step-ahead fitted values (computed on each access).
  public var fittedValues: [Double] {
    model.fittedValues(series: series, covariates: covariates, calendar: calendar)
  }

  /// - Precondition: `horizon ≤ model.horizonDays`.
  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    model.predict(
      series: series, covariates: covariates, calendar: calendar, horizon: horizon,
      levels: levels)
  }

  public func applied(to series: DemandSeries) -> RidgeSeriesModel {
    RidgeSeriesModel(model: model, series: series, covariates: covariates, calendar: calendar)
  }
}

extension FittedRidge {
  /// This model bound to `series`, refusing a series too short to forecast without
  /// extrapolating (the engine then uses its fallback model and says so).
  ///
  /// - Throws: `ModelError.tooShort` when `supports(series)` is false, with the fewest
  ///   uncensored days found in a level window and the number required.
  public func bound(
    to series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext
  ) throws(ModelError) -> RidgeSeriesModel {
    let shortest = shortestHistory(series)
    guard shortest >= layout.minimumHistoryDays else {
      throw .tooShort(model: name, observed: shortest, required: layout.minimumHistoryDays)
    }
    return RidgeSeriesModel(
      model: self, series: series, covariates: covariates, calendar: calendar)
  }
}
