import DemandCore
import Features
import Models
import _Parallel

/// Fits the ridge regression of every category from all stores' history, once for each of
/// several last days (the backtest's and the final fit) in one pass over the stores.
///
/// Each store adds its series to one accumulator per category and last day (on all cores); the
/// accumulators are merged in store order, so the sums, and the fits, do not depend on
/// scheduling. Only XᵀWX and XᵀWy cross stores: a sharded run would merge the shards'
/// accumulators the same way. An accumulator never reads a day after its last day, so one
/// history read through the latest day serves every fit.
struct RidgeTraining: Sendable {
  let settings: RidgeSettings

  /// - Parameters:
  ///   - firstDay: the first day of the training window.
  ///   - lastDays: the last day each fit may read.
  ///   - history: one store's prepared series through the latest of `lastDays`.
  /// - Returns: the fitted regressions by category, one dictionary per last day, in order.
  func fit(
    stores: [StoreID], calendar: CalendarContext, firstDay: Day, lastDays: [Day],
    history: @Sendable (StoreID) throws -> [PreparedSeries]
  ) throws -> [[String: FittedRidge]] {
    let settings = self.settings
    let perStore = try concurrentMap(stores.count) { index -> [[String: RidgeAccumulator]] in
      var accumulators = lastDays.map { _ in [String: RidgeAccumulator]() }
      for input in try history(stores[index]) {
        let category = input.covariates.category
        for (fit, lastDay) in lastDays.enumerated() where input.series.start <= lastDay {
          // A series that first sold after `lastDay` is not part of that fit at all.
          var accumulator =
            accumulators[fit].removeValue(forKey: category)
            ?? RidgeAccumulator(
              category: category, settings: settings, trainingDays: firstDay...lastDay)
          accumulator.add(input.series, covariates: input.covariates, calendar: calendar)
          accumulators[fit][category] = accumulator
        }
      }
      // Keep only the sums while the other stores run: the row buffers are megabytes each.
      for fit in accumulators.indices {
        for category in accumulators[fit].keys { accumulators[fit][category]?.compact() }
      }
      return accumulators
    }
    return lastDays.indices.map { fit in
      var merged: [String: RidgeAccumulator] = [:]
      for accumulators in perStore {
        for category in accumulators[fit].keys.sorted() {
          guard let accumulator = accumulators[fit][category] else { continue }
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
}
