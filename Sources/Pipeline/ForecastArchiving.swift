import DemandCore
import Forecasting
import History
import Models

/// How a chain forecast becomes archive blocks, and back: one block per store, every series'
/// p10, p50, p90 and mean over the same target days, at single precision.
enum ForecastArchiving {
  /// The blocks of `chain`, one per store that has series.
  static func blocks(_ chain: ChainForecast) -> [ForecastBlock] {
    chain.stores.compactMap { store in
      guard !store.series.isEmpty else { return nil }
      var block = ForecastBlock(
        store: store.store, issuedOn: chain.runDate, firstTargetDay: chain.firstTargetDay,
        dayCount: chain.horizonDays, modelVersion: chain.modelVersion,
        daysPerTarget: chain.daysPerTarget)
      for series in store.series {
        block.append(
          sku: series.key.sku, model: series.model, p10: series.quantile(0.1) ?? series.mean,
          p50: series.quantile(0.5) ?? series.mean, p90: series.quantile(0.9) ?? series.mean,
          mean: series.mean)
      }
      return block
    }
  }

  /// The chain forecast issued on `runDate`, rebuilt from the archive: what `recommend` and
  /// `explain` read when they run on their own, each series equal to `asArchived()` of the night's.
  /// - Throws: `PipelineError.invalidArgument` when nothing was archived for `runDate`, or the
  ///   stores' blocks disagree on horizon or version (a forecast archived in parts by
  ///   different runs).
  static func chainForecast(
    issuedOn runDate: Day, database: HistoryDatabase, stores: [StoreID], daysPerTarget: Int = 1
  ) throws -> ChainForecast {
    guard
      let chain = try chainForecastIfArchived(
        issuedOn: runDate, database: database, stores: stores, daysPerTarget: daysPerTarget)
    else {
      throw PipelineError.invalidArgument(
        "no forecast is archived for \(runDate.iso); run 'shelfcast forecast --date "
          + "\(runDate.iso)' (or the night) first.")
    }
    return chain
  }

  /// As `chainForecast`, but `nil` when nothing is archived for `runDate`. `daysPerTarget` is
  /// the workspace's (7 at weekly grain: the blocks' targets are week-ending dates).
  static func chainForecastIfArchived(
    issuedOn runDate: Day, database: HistoryDatabase, stores: [StoreID], daysPerTarget: Int = 1
  ) throws -> ChainForecast? {
    var forecasts: [Forecaster.StoreForecast] = []
    var horizon: Int?
    var version: String?
    for store in stores {
      guard let block = try database.archivedForecast(store: store, issuedOn: runDate) else {
        continue
      }
      guard
        (horizon == nil || (horizon == block.dayCount && version == block.modelVersion))
          && block.firstTargetDay == runDate.adding(days: daysPerTarget)
          && (block.dayCount == 1 || block.daysPerTarget == daysPerTarget)
      else {
        throw PipelineError.invalidArgument(
          "the forecast archived for \(runDate.iso) mixes horizons, grains or model versions "
            + "across stores; run 'shelfcast forecast --date \(runDate.iso)' again.")
      }
      horizon = block.dayCount
      version = block.modelVersion
      forecasts.append(
        Forecaster.StoreForecast(
          store: store,
          series: (0..<block.count).map { i in
            func path(_ column: KeyPath<ForecastBlock, [Float]>) -> [Double] {
              block.path(column, series: i).map(Double.init)
            }
            return SeriesForecast(
              key: SeriesKey(store: store, sku: block.skus[i]), start: block.firstTargetDay,
              mean: path(\.mean),
              quantiles: [
                QuantilePath(level: 0.1, values: path(\.p10)),
                QuantilePath(level: 0.5, values: path(\.p50)),
                QuantilePath(level: 0.9, values: path(\.p90)),
              ], model: block.models[i], isNewItem: block.models[i] == SeriesForecast.newItemModel)
          }))
    }
    guard let horizon, let version else { return nil }
    return ChainForecast(
      runDate: runDate, horizonDays: horizon, levels: ChainForecast.requiredLevels,
      modelVersion: version, stores: forecasts, daysPerTarget: daysPerTarget)
  }
}
