import DemandCore
import Models
import Tabular
import _Parallel

/// Every SKU's `SeasonPrior` (its seasonal shape over all the stores that sell it) at the
/// cut-offs a training run fits at, for the methods of its catalog that read one.
///
/// A prior measured at cut-off c reads every series of the SKU up to the day before c only, so
/// a fit whose own data ends before c' ≥ c reads nothing it is later scored on: `prior(...)`
/// returns the prior of the latest cut-off at or before the fit's, and none when every measured
/// cut-off is later (a series that ended early).
struct SeasonPool: Sendable {
  /// A season the catalog's methods read priors of.
  struct Season: Hashable, Sendable {
    var period: Int
    var minimumSeasons: Int
  }

  /// Per season, the measured cut-offs (ascending) and each one's prior per SKU.
  private(set) var priors: [Season: [(cut: Day, bySKU: [SKUID: SeasonPrior])]] = [:]

  /// The prior of `sku` for a fit of `season` reading days before `cut` only.
  func prior(sku: SKUID, season: Season, cut: Day) -> SeasonPrior? {
    guard let measured = priors[season]?.last(where: { $0.cut <= cut }) else { return nil }
    return measured.bySKU[sku]
  }

  /// The seasons of `catalog`'s methods that read priors; empty: no pool is needed.
  static func seasons(of catalog: MethodCatalog) -> [Season] {
    var seen: [Season] = []
    for case let season? in catalog.entries.map(\.pooledSeason) where !seen.contains(season) {
      seen.append(season)
    }
    return seen
  }

  /// Measures the priors of `seasons` at each of `cuts`, over every store's series in
  /// `start ... end`, store by store on all cores (sums merged in store order, so the priors
  /// are the same bits on any number of cores).
  /// - Throws: the source's errors; `Cancelled` when `cancellation` asks for a stop.
  static func measure(
    seasons: [Season], cuts: [Day], source: any StoreHistorySource, stores: [StoreID],
    from start: Day, through end: Day, cancellation: Cancellation
  ) throws -> SeasonPool {
    let cuts = Array(Set(cuts)).sorted()
    typealias Sums = [Season: [[SKUID: SeasonPrior.Sum]]]
    let perStore: [Sums] = try concurrentMap(stores.count) { index in
      try cancellation.check()
      let history = try source.history(of: stores[index], from: start, through: end)
      var sums: Sums = [:]
      for season in seasons {
        var byCut = [[SKUID: SeasonPrior.Sum]](repeating: [:], count: cuts.count)
        for prepared in history.preparedSeries() {
          let series = prepared.series
          for (c, cut) in cuts.enumerated() {
            guard
              let own = SeasonallyAdjustedETSSettings.ownSeason(
                series.prefix(series.start.days(to: cut)).readByMethods, period: season.period,
                minimumSeasons: season.minimumSeasons)
            else { continue }
            byCut[c][prepared.key.sku, default: .init(period: season.period)].add(own)
          }
        }
        sums[season] = byCut
      }
      return sums
    }
    var pool = SeasonPool()
    for season in seasons {
      var byCut = [[SKUID: SeasonPrior.Sum]](repeating: [:], count: cuts.count)
      for store in perStore {
        guard let sums = store[season] else { continue }
        for c in cuts.indices {
          for (sku, sum) in sums[c] {
            byCut[c][sku, default: .init(period: season.period)].merge(sum)
          }
        }
      }
      pool.priors[season] = cuts.indices.map { c in
        (cut: cuts[c], bySKU: byCut[c].compactMapValues(\.prior))
      }
    }
    return pool
  }
}
