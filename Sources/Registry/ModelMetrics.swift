import DemandCore
import Forecasting
import History

/// A version's backtest errors, kept as sums (see `BacktestTally`) so every breakdown can be
/// re-aggregated: the chosen forecasts overall, by segment, region, format and store, and each
/// family's candidates.
///
/// Built at registration from the training's `TrainingBacktest` and the master data of the
/// day, so a later change of a store's region does not rewrite an old version's figures.
public struct ModelMetrics: Sendable, Equatable, Codable {
  public var overall: BacktestTally
  /// `ModelFamily` raw value → that family's candidates over the series where it fitted.
  public var byFamily: [String: BacktestTally]
  /// `movers:fast`, `movers:slow`, `choice:single`, `choice:median`, `category:<name>`.
  public var bySegment: [String: BacktestTally]
  /// Store region and format from the master data (`unknown` for a store it lacks).
  public var byRegion: [String: BacktestTally]
  public var byFormat: [String: BacktestTally]
  public var byStore: [String: BacktestTally]

  public init(
    overall: BacktestTally, byFamily: [String: BacktestTally],
    bySegment: [String: BacktestTally], byRegion: [String: BacktestTally],
    byFormat: [String: BacktestTally], byStore: [String: BacktestTally]
  ) {
    self.overall = overall
    self.byFamily = byFamily
    self.bySegment = bySegment
    self.byRegion = byRegion
    self.byFormat = byFormat
    self.byStore = byStore
  }

  /// Groups the training's per-store tallies by each store's region and format.
  /// - Parameter stores: the master data's stores.
  public init(backtest: TrainingBacktest, stores: [StoreRecord]) {
    let records = Dictionary(
      stores.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    var byRegion: [String: BacktestTally] = [:]
    var byFormat: [String: BacktestTally] = [:]
    // In store order, so the sums do not depend on dictionary order.
    for (store, tally) in backtest.byStore.sorted(by: { $0.key < $1.key }) {
      byRegion[records[store]?.region ?? "unknown", default: .init()].merge(tally)
      byFormat[records[store]?.format ?? "unknown", default: .init()].merge(tally)
    }
    self.init(
      overall: backtest.selected, byFamily: backtest.byFamily, bySegment: backtest.bySegment,
      byRegion: byRegion, byFormat: byFormat, byStore: backtest.byStore)
  }
}
