import DemandCore
import Features
import Foundation
import Models
import _Parallel

/// Forecasts every series from a saved fitted set and the history up to the run date: the
/// nightly path. Nothing is re-estimated; each chosen model is re-filtered over the latest
/// history and predicts the days after it.
public struct Forecaster: Sendable {
  public var fittedSet: FittedSet

  public init(fittedSet: FittedSet) { self.fittedSet = fittedSet }

  /// One store's forecasts, in SKU order.
  public struct StoreForecast: Sendable {
    public var store: StoreID
    public var series: [SeriesForecast]
    /// The store's series gone quiet (`StoreHistory.quietRuns`), found from the history the
    /// forecast read when it covered `StoreHistory.quietRunWindowDays`; `nil` when not found
    /// here (a shorter history window, a forecast read back from the archive).
    public var quietRuns: [SeriesKey: AvailabilityGaps.QuietRun]?

    public init(
      store: StoreID, series: [SeriesForecast],
      quietRuns: [SeriesKey: AvailabilityGaps.QuietRun]? = nil
    ) {
      self.store = store
      self.series = series
      self.quietRuns = quietRuns
    }
  }

  /// Forecasts the `horizon` days after `runDate` for every store of `source`.
  /// - Throws: `ForecastError.invalidConfiguration` when `horizon` exceeds the trained
  ///   horizon (the calibration and the regression's lags only cover that far); source errors.
  public func forecast(
    source: any StoreHistorySource, runDate: Day, horizon: Int, levels: [Double],
    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws -> [StoreForecast] {
    let configuration = fittedSet.configuration
    try checkHorizon(horizon)
    let fitsByKey = fittedSet.indexByKey()
    let windowStart = historyStart(runDate: runDate)
    let stores = source.stores
    let calendar = source.calendar
    let counter = ProgressCounter(total: stores.count, report: progress)
    let sortedLevels = levels.sorted()
    return try concurrentMap(stores.count) { index in
      let history = try source.history(of: stores[index], from: windowStart, through: runDate)
      let prepared = history.preparedSeries()
      let profiles = CategoryProfiles(
        series: prepared, lastDay: runDate, establishedDays: configuration.newItemDays)
      let closures = StoreClosures(
        series: prepared, lastDay: runDate, horizon: horizon, calendar: calendar,
        grain: configuration.grain)
      var forecasts: [SeriesForecast] = []
      forecasts.reserveCapacity(prepared.count)
      for series in prepared {
        let forecast = forecastSeries(
          series, fit: servingFit(series, fitsByKey: fitsByKey), profiles: profiles,
          calendar: calendar, horizon: horizon, levels: sortedLevels)
        forecasts.append(closures?.applied(to: forecast) ?? forecast)
      }
      counter.advance()
      // The quiet runs read the panel's last days, so the forecast's history serves when it
      // reaches back that far and ends on the run date.
      let quietRuns =
        history.panel.dayCount >= StoreHistory.quietRunWindowDays
          && history.panel.end == runDate
        ? history.quietRuns() : nil
      return StoreForecast(store: stores[index], series: forecasts, quietRuns: quietRuns)
    }
  }

  /// The first day of history a forecast made after `runDate` reads.
  ///
  /// From where training read, so each series starts on the day its models were fitted from and
  /// they keep their fitted initial states (`applied(to:)`); a set older than one more window
  /// falls back to the latest `historyWindowDays` (re-initialised states).
  func historyStart(runDate: Day) -> Day {
    let window = fittedSet.configuration.historyWindowDays
    let trainingStart = fittedSet.lastTrainingDay.adding(days: 1 - window)
    let latestStart = runDate.adding(days: 1 - window)
    return trainingStart.days(to: latestStart) <= window
      ? min(trainingStart, latestStart) : latestStart
  }

  /// The trained fit that forecasts `series`, or `nil` when it is forecast as a new item (too
  /// young, or not in the set).
  func servingFit(_ series: PreparedSeries, fitsByKey: [SeriesKey: Int]) -> SeriesFit? {
    guard series.activeDays >= fittedSet.configuration.newItemDays,
      let fit = fitsByKey[series.key]
    else { return nil }
    return fittedSet.series[fit]
  }

  /// The forecast of one series: its fit's, or the new-item forecast when there is no fit or
  /// none of its candidates can forecast the series.
  func forecastSeries(
    _ series: PreparedSeries, fit: SeriesFit?, profiles: CategoryProfiles,
    calendar: CalendarContext, horizon: Int, levels sortedLevels: [Double]
  ) -> SeriesForecast {
    let result = fit?.forecast(
      series: series.series, covariates: series.covariates, calendar: calendar,
      regressions: fittedSet.regressions, spread: fittedSet.horizonSpread, horizon: horizon,
      levels: sortedLevels)
    return result
      ?? newItemForecast(
        key: series.key, series: series.series,
        factors: profiles.factors(of: series.covariates.category), horizon: horizon,
        levels: sortedLevels)
  }
}

extension Forecaster {
  /// - Throws: `ForecastError.invalidConfiguration` when `horizon` is outside 1 … the trained
  ///   horizon (the calibration and the regression's lags only cover that far).
  func checkHorizon(_ horizon: Int) throws {
    let trained = fittedSet.configuration.horizonDays
    guard horizon >= 1 && horizon <= trained else {
      throw ForecastError.invalidConfiguration(
        setting: "horizon", value: "\(horizon)",
        expected: "1 ... \(trained), the horizon the models were trained for")
    }
  }
}
