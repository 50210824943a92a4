import DemandCore
import Foundation
import Tabular
import _Parallel

/// The candidate each category's per-series choices must beat, chosen on pooled evidence.
///
/// A per-series choice rests on a few origins of one series, so it chases luck; the selection
/// therefore keeps an incumbent that a challenger must beat by the margin and significantly
/// (`PairedComparison`). The incumbent is the candidate (a method kind, or the category
/// regression) with the lowest backtest WAPE pooled over a sample of the category's series:
/// every series of up to `sampleStores` stores spread evenly over the chain (the first,
/// then every `stores / sampleStores`-th), each candidate scored on the same series and days
/// as `SeriesTrainer`'s own backtest (days before each origin only). A category with fewer
/// than `SeriesTrainer.pooledSeriesCount` complete sampled series borrows the incumbent pooled
/// over every sampled series of the chain (a chain of many small categories, such as one
/// series per store and department); with fewer than that in the whole sample, the regression
/// stays the default, as without this step. Ties go to the regression, then to the catalog's
/// order. As a per-series challenger does, a method replaces the regression as incumbent only
/// when it is better by the challenger margin and by more than luck: (1 + margin) × its pooled
/// WAPE < the regression's, and the logarithms of its per-series absolute errors are
/// significantly lower, series for series (`PairedComparison`, one-sided 5 %; the mean of the
/// log ratios is the log of the geometric mean relative absolute error of Armstrong and
/// Collopy, *IJF* 1992, which no series' scale can dominate).
public struct CategoryIncumbents: Sendable, Equatable, Codable {
  /// Per category: the incumbent's key (a method kind or "ridge"), its pooled WAPE and the
  /// regression's, and the sampled series behind them.
  public struct Choice: Sendable, Equatable, Codable {
    public var incumbent: String
    public var pooledWAPE: Double
    public var regressionWAPE: Double?
    public var series: Int
    /// Whether the evidence is the category's own sample or the whole chain's.
    public var scope: Scope
  }
  public enum Scope: String, Sendable, Equatable, Codable {
    case category
    case chain
  }
  public var byCategory: [String: Choice] = [:]

  /// Stores sampled for the pooled evidence.
  public static let sampleStores = 8

  /// The incumbents' keys by category.
  var keys: [String: String] { byCategory.mapValues(\.incumbent) }

  /// The sampled stores' indices: `count` of `storeCount`, evenly spaced from the first.
  static func sample(storeCount: Int, count: Int = sampleStores) -> [Int] {
    guard storeCount > count else { return Array(0..<storeCount) }
    return (0..<count).map { $0 * storeCount / count }
  }

  /// The sampled backtests of one category (or of the whole chain): each candidate's error
  /// sums, and the log of each sampled series' absolute error sum per candidate, in the same
  /// series order for every key.
  struct Evidence: Sendable {
    var tallies: [String: BacktestTally] = [:]
    var seriesLogError: [String: [Double]] = [:]
    var series = 0

    /// Adds one series; one without sales, or forecast without error by some candidate, is no
    /// evidence for a ratio and is left out.
    mutating func add(_ byKey: [String: BacktestTally]) {
      guard byKey.values.allSatisfy({ $0.sumActual > 0 && $0.sumAbsoluteError > 0 }) else {
        return
      }
      series += 1
      for (key, tally) in byKey {
        tallies[key, default: .init()].merge(tally)
        seriesLogError[key, default: []].append(log(tally.sumAbsoluteError))
      }
    }

    mutating func merge(_ other: Evidence) {
      series += other.series
      for (key, tally) in other.tallies { tallies[key, default: .init()].merge(tally) }
      for (key, logs) in other.seriesLogError { seriesLogError[key, default: []] += logs }
    }
  }

  /// Chooses from each category's evidence (`order` ranks equal WAPEs).
  static func choose(evidence: [String: Evidence], order: [String], margin: Double)
    -> CategoryIncumbents
  {
    func best(_ evidence: Evidence, scope: Scope) -> Choice? {
      guard evidence.series >= SeriesTrainer.pooledSeriesCount else { return nil }
      let ranked = evidence.tallies.compactMap { key, tally in tally.wape.map { (key, $0) } }
        .sorted { (a: (String, Double), b: (String, Double)) -> Bool in
          if a.1 != b.1 { return a.1 < b.1 }
          let aPosition: Int = order.firstIndex(of: a.0) ?? order.count
          let bPosition: Int = order.firstIndex(of: b.0) ?? order.count
          return aPosition < bPosition
        }
      let key = SeriesTrainer.regressionKey
      let regression = evidence.tallies[key]?.wape
      let winner = ranked.first { candidate in
        guard candidate.0 != key, let regression else { return true }
        return candidate.1 * (1 + margin) < regression
          && PairedComparison.significantlyLower(
            evidence.seriesLogError[candidate.0] ?? [], than: evidence.seriesLogError[key] ?? [])
      }
      return winner.map {
        Choice(
          incumbent: $0.0, pooledWAPE: $0.1, regressionWAPE: regression,
          series: evidence.series, scope: scope)
      }
    }
    // The chain's pool: the categories scored on every candidate any category has (one
    // without a regression would leave the regression's sums over fewer series than the rest).
    let allKeys = Set(evidence.values.flatMap(\.tallies.keys))
    var chain = Evidence()
    for category in evidence.keys.sorted() {
      guard let categoryEvidence = evidence[category],
        Set(categoryEvidence.tallies.keys) == allKeys
      else { continue }
      chain.merge(categoryEvidence)
    }
    let chainChoice = best(chain, scope: .chain)
    var incumbents = CategoryIncumbents()
    for (category, categoryEvidence) in evidence {
      incumbents.byCategory[category] = best(categoryEvidence, scope: .category) ?? chainChoice
    }
    return incumbents
  }

  /// The sampled stores' series backtests, by store index and series, for the training pass
  /// to reuse (`SeriesTrainer.train(_:backtested:...)`).
  typealias SampledBacktests = [Int: [SeriesKey: SeriesTrainer.Backtested]]

  /// Runs the sampled backtests (stores concurrently, merged in store order) and chooses;
  /// returns the choice and the backtests it was made from.
  static func measure(
    trainer: SeriesTrainer, source: any StoreHistorySource, stores: [StoreID], from start: Day,
    through lastDay: Day, cancellation: Cancellation
  ) throws -> (CategoryIncumbents, SampledBacktests) {
    let sampled = sample(storeCount: stores.count)
    let perStore = try concurrentMap(sampled.count) {
      index -> ([String: Evidence], [SeriesKey: SeriesTrainer.Backtested]) in
      try cancellation.check()
      let history = try source.history(of: stores[sampled[index]], from: start, through: lastDay)
      var evidence: [String: Evidence] = [:]
      var backtests: [SeriesKey: SeriesTrainer.Backtested] = [:]
      for prepared in history.preparedSeries() {
        try cancellation.check()
        let backtested = trainer.backtest(prepared)
        backtests[prepared.key] = backtested
        guard let byKey = trainer.candidateTallies(prepared, backtested: backtested) else {
          continue
        }
        evidence[prepared.covariates.category, default: .init()].add(byKey)
      }
      return (evidence, backtests)
    }
    var evidence: [String: Evidence] = [:]
    var backtests: SampledBacktests = [:]
    for (index, (storeEvidence, storeBacktests)) in perStore.enumerated() {
      backtests[sampled[index]] = storeBacktests
      for (category, categoryEvidence) in storeEvidence {
        evidence[category, default: .init()].merge(categoryEvidence)
      }
    }
    let incumbents = choose(
      evidence: evidence,
      order: [SeriesTrainer.regressionKey] + trainer.catalog.entries.map(\.kind),
      margin: trainer.configuration.challengerMargin)
    return (incumbents, backtests)
  }
}
