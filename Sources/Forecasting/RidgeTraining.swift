import DemandCore
import Features
import Models

/// Fits the ridge regression of every category from all stores' history up to a day.
///
/// Each store adds its series to one accumulator per category (on all cores); the accumulators
/// are merged in store order, so the sums, and the fit, do not depend on scheduling. Only
/// XᵀWX and XᵀWy cross stores: a sharded run would merge the shards' accumulators the same way.
struct RidgeTraining: Sendable {
  let settings: RidgeSettings

  /// - Parameters:
  ///   - firstDay: the first day of the training window.
  ///   - lastDay: the last day any row may read.
  ///   - history: one store's trimmed series with their covariates.
  func fit(
    stores: [StoreID], calendar: CalendarContext, firstDay: Day, lastDay: Day,
    history: @Sendable (StoreID) throws -> [PreparedInput]
  ) throws -> [String: FittedRidge] {
    let settings = self.settings
    let perStore = try concurrentMap(stores.count) { index -> [String: RidgeAccumulator] in
      var accumulators: [String: RidgeAccumulator] = [:]
      for input in try history(stores[index]) {
        let category = input.covariates.category
        var accumulator =
          accumulators.removeValue(forKey: category)
          ?? RidgeAccumulator(
            category: category, settings: settings, trainingDays: firstDay...lastDay)
        accumulator.add(input.series, covariates: input.covariates, calendar: calendar)
        accumulators[category] = accumulator
      }
      // Keep only the sums while the other stores run: the row buffers are megabytes each.
      for category in accumulators.keys { accumulators[category]?.compact() }
      return accumulators
    }
    var merged: [String: RidgeAccumulator] = [:]
    for accumulators in perStore {
      for category in accumulators.keys.sorted() {
        guard let accumulator = accumulators[category] else { continue }
        merged[category] = merged[category].map { $0.merged(with: accumulator) } ?? accumulator
      }
    }
    var fitted: [String: FittedRidge] = [:]
    for category in merged.keys.sorted() {
      guard let accumulator = merged[category] else { continue }
      // A category too small to fit (no rows, a failed solve) simply has no regression; its
      // series are served by the per-series models.
      if let model = try? accumulator.fit() { fitted[category] = model }
    }
    return fitted
  }
}

/// A series as the regression receives it: trimmed history with its covariates.
struct PreparedInput: Sendable {
  var key: SeriesKey
  var series: DemandSeries
  var covariates: SeriesCovariates
}
