import DemandCore
import Features
import Models
import _Parallel

/// Fits the direct ridge regression of every category from all stores' history: one model per
/// horizon bucket (`RidgeSettings.bucketHorizons`), once for each of several last days (the
/// backtest's and the final fit), in one pass over the stores.
///
/// Each store adds its series to one accumulator per category, bucket and last day (on all
/// cores); the accumulators are merged in store order, so the sums, and the fits, do not depend
/// on scheduling. Only XᵀWX and XᵀWy cross stores: a sharded run would merge the shards'
/// accumulators the same way. An accumulator never reads a day after its last day, so one
/// history read through the latest day serves every fit. Within a store the buckets are added
/// one after the other and compacted in between, so the row buffers held at once are those of
/// one bucket, as with a single model.
struct RidgeTraining: Sendable {
  let settings: RidgeSettings

  /// - Parameters:
  ///   - firstDay: the first day of the training window.
  ///   - lastDays: the last day each fit may read.
  ///   - history: one store's prepared series through the latest of `lastDays`.
  /// - Returns: the fitted regressions by category, one dictionary per last day, in order. A
  ///   category gets a regression only when every bucket could be fitted.
  func fit(
    stores: [StoreID], calendar: CalendarContext, firstDay: Day, lastDays: [Day],
    history: @Sendable (StoreID) throws -> [PreparedSeries]
  ) throws -> [[String: DirectRidge]] {
    let buckets = settings.bucketHorizons.map { settings.forBucket(horizon: $0) }
    // perStore[store][fit][bucket][category]
    let perStore = try concurrentMap(stores.count) { index -> [[[String: RidgeAccumulator]]] in
      let series = try history(stores[index])
      return lastDays.map { lastDay in
        buckets.map { bucketSettings in
          var accumulators: [String: RidgeAccumulator] = [:]
          for input in series where input.series.start <= lastDay {
            // A series that first sold after `lastDay` is not part of that fit at all.
            let category = input.covariates.category
            var accumulator =
              accumulators.removeValue(forKey: category)
              ?? RidgeAccumulator(
                category: category, settings: bucketSettings, trainingDays: firstDay...lastDay)
            accumulator.add(input.series, covariates: input.covariates, calendar: calendar)
            accumulators[category] = accumulator
          }
          // Keep only the sums while the other buckets and stores run: the row buffers are
          // megabytes each.
          for category in accumulators.keys { accumulators[category]?.compact() }
          return accumulators
        }
      }
    }
    return lastDays.indices.map { fit in
      var byCategory: [String: [FittedRidge]] = [:]
      var failed: Set<String> = []
      for bucket in buckets.indices {
        var merged: [String: RidgeAccumulator] = [:]
        for store in perStore {
          for category in store[fit][bucket].keys.sorted() {
            guard let accumulator = store[fit][bucket][category] else { continue }
            merged[category] = merged[category].map { $0.merged(with: accumulator) } ?? accumulator
          }
        }
        for category in merged.keys.sorted() {
          // A category too small to fit (no rows, a failed solve) simply has no regression; its
          // series are served by the per-series models.
          guard let accumulator = merged[category], let model = try? accumulator.fit() else {
            failed.insert(category)
            continue
          }
          byCategory[category, default: []].append(model)
        }
      }
      var fitted: [String: DirectRidge] = [:]
      for (category, models) in byCategory
      where !failed.contains(category) && models.count == buckets.count {
        fitted[category] = DirectRidge(horizonModels: models)
      }
      return fitted
    }
  }
}
