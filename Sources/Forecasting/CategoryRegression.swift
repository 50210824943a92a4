import DemandCore
import Features
import Models

/// A global model fitted per category across every store, seen by the per-series step only
/// through its mean forecast of one series (the direct ridge regression conforms).
public protocol CategoryRegression: Sendable {
  var name: String { get }
  /// The mean forecast of the `horizon` days after `series`' last day, or `nil` when the
  /// series lacks the history the model's features need.
  func meanForecast(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext, horizon: Int
  ) -> [Double]?
}

extension DirectRidge: CategoryRegression {
  public func meanForecast(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext, horizon: Int
  ) -> [Double]? {
    guard horizon <= horizonDays, supports(series) else { return nil }
    return predict(
      series: series, covariates: covariates, calendar: calendar, horizon: horizon, levels: []
    ).mean
  }
}
