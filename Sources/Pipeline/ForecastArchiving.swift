import DemandCore
import Forecasting
import History

/// How a run's forecasts become archive blocks: one per store, every series' p10, p50, p90 and
/// mean over the same target days.
enum ForecastArchiving {
  /// The blocks of `stores`, forecast on `issuedOn` for the `horizon` days after it.
  ///
  /// Every series of a run starts the day after the run date and has `horizon` days (the
  /// engine's contract); a quantile the run did not make is archived as the mean.
  static func blocks(
    _ stores: [Forecaster.StoreForecast], issuedOn: Day, horizon: Int, modelVersion: String
  ) -> [ForecastBlock] {
    stores.compactMap { store in
      guard !store.series.isEmpty else { return nil }
      var block = ForecastBlock(
        store: store.store, issuedOn: issuedOn, firstTargetDay: issuedOn.adding(days: 1),
        dayCount: horizon, modelVersion: modelVersion)
      for series in store.series {
        precondition(
          series.start == block.firstTargetDay && series.mean.count == horizon,
          "a run's forecasts start the day after the run date and cover the horizon")
        block.append(
          sku: series.key.sku, model: series.model, p10: series.quantile(0.1) ?? series.mean,
          p50: series.quantile(0.5) ?? series.mean, p90: series.quantile(0.9) ?? series.mean,
          mean: series.mean)
      }
      return block
    }
  }
}
