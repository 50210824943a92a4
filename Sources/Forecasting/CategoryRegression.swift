import DemandCore
import Features
import Models

/// A global model fitted per category across every store, seen by the engine only through its
/// mean forecast of one series (the ridge regression conforms).
public protocol CategoryRegression: Sendable {
  var name: String { get }
  /// The mean forecast of the `horizon` days after `series`' last day, or `nil` when the
  /// series lacks the history the model's features need.
  func meanForecast(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext, horizon: Int
  ) -> [Double]?
}

/// Fits one `CategoryRegression` per category from every store's history up to a day.
public protocol CategoryRegressionTrainer: Sendable {
  /// - Parameters:
  ///   - histories: loads one store at a time (called once per store, possibly concurrently).
  ///   - lastDay: the last day the fit may read.
  func fit(
    stores: [StoreID], calendar: CalendarContext, lastDay: Day,
    history: @Sendable (StoreID) throws -> [PreparedInput]
  ) throws -> [String: any CategoryRegression]
}

/// A series as the regression trainer receives it: trimmed history with its covariates.
public struct PreparedInput: Sendable {
  public var key: SeriesKey
  public var series: DemandSeries
  public var covariates: SeriesCovariates
}
