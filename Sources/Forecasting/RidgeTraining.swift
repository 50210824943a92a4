import DemandCore
import Features
import Foundation
import Models
import Tabular
import _Parallel

/// Fits the direct ridge regression of every category from all stores' history: one model per
/// horizon bucket (`RidgeSettings.bucketHorizons`), once for each of several last days (the
/// backtest's and the final fit), in one pass over the stores.
///
/// Each store adds its series to one `RidgeFitGroup` per category and bucket (on all cores),
/// which writes each row once for every last day that contains it; the groups are merged in
/// store order, so the sums, and the fits, do not depend on scheduling. Only XᵀWX and XᵀWy
/// cross stores: a sharded run would merge the shards' groups the same way. A fit never reads
/// a day after its last day, so one history read through the latest day serves every fit. Within a store the buckets are added
/// one after the other and compacted in between, so the row buffers held at once are those of
/// one bucket, as with a single model.
struct RidgeTraining: Sendable {
  let settings: RidgeSettings

  /// Stores whose sums may wait, finished, for the stores before them to be merged: two per
  /// core, enough to keep every core busy, few enough that the sums of 14 buckets × the
  /// categories stay small. A store's sums are about 12 matrices of p × p doubles per bucket
  /// and category (the fits' training and validation segments, the latter per level bucket):
  /// with p = 60 (named holidays) and 10 categories, 48 MB. (All 200 stores of a 200 × 500 chain
  /// held at once took training's peak memory to 3.5 GB with 14 buckets and p = 32; the fitted
  /// set does not depend on this number, to the byte.)
  var storesAhead = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// - Parameters:
  ///   - firstDay: the first day of the training window.
  ///   - lastDays: the last day each fit may read.
  ///   - history: one store's prepared series through the latest of `lastDays`.
  ///   - cancellation: checked before each store and each bucket of it; a stop throws
  ///     `Cancelled` and fits nothing.
  /// - Returns: the fitted regressions by category, one dictionary per last day, in order. A
  ///   category gets a regression only when every bucket could be fitted.
  func fit(
    stores: [StoreID], calendar: CalendarContext, firstDay: Day, lastDays: [Day],
    cancellation: Cancellation = .never,
    history: @escaping @Sendable (StoreID) throws -> [PreparedSeries]
  ) throws -> [[String: DirectRidge]] {
    let buckets = settings.bucketHorizons.map { settings.forBucket(horizon: $0) }
    let fits = lastDays.map { firstDay...$0 }
    // Stores run on all cores; each store's groups (store[bucket][category]: one group per
    // category and bucket holds every fit's sums, each row written once, since the fits share
    // all but their last days) are merged into the running totals in store order as they come,
    // at most `storesAhead` of them waiting, so the sums held at once are those of a few stores,
    // not of every store times every bucket, and the merge order, hence every sum, is the same
    // as one pass over all stores.
    var mergedGroups = [[String: RidgeFitGroup]](repeating: [:], count: buckets.count)
    try concurrentForEachInOrder(
      stores.count, window: max(1, storesAhead),
      produce: { index -> [[String: RidgeFitGroup]] in
        try cancellation.check()
        let series = try history(stores[index])
        return try buckets.map { bucketSettings in
          try cancellation.check()
          var groups: [String: RidgeFitGroup] = [:]
          for input in series where lastDays.contains(where: { input.series.start <= $0 }) {
            let category = input.covariates.category
            var group =
              groups.removeValue(forKey: category)
              ?? RidgeFitGroup(category: category, settings: bucketSettings, fits: fits)
            group.add(input.series, covariates: input.covariates, calendar: calendar)
            groups[category] = group
          }
          // Keep only the sums while the other buckets and stores run: the row buffers are
          // megabytes each.
          for category in groups.keys { groups[category]?.compact() }
          return groups
        }
      },
      consume: { _, store in
        for bucket in buckets.indices {
          for category in store[bucket].keys.sorted() {
            guard let group = store[bucket][category] else { continue }
            mergedGroups[bucket][category] =
              mergedGroups[bucket][category].map { $0.merged(with: group) } ?? group
          }
        }
      })
    return lastDays.indices.map { fit in
      var byCategory: [String: [FittedRidge]] = [:]
      var failed: Set<String> = []
      for bucket in buckets.indices {
        let merged = mergedGroups[bucket]
        for category in merged.keys.sorted() {
          // A category too small to fit (no rows, a failed solve) simply has no regression; its
          // series are served by the per-series models. A series that first sold after a fit's
          // last day adds no row to it.
          guard let group = merged[category], let model = try? group.accumulator(for: fit).fit()
          else {
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
