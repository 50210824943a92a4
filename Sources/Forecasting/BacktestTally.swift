/// Sums of a mean forecast's errors over backtest days, from which the usual error measures
/// follow; sums rather than measures, so tallies of stores, regions or families simply add.
///
/// Errors are of the mean forecast (the quantity selection ranks by), over the uncensored days
/// of each series' rolling-origin backtest.
public struct BacktestTally: Sendable, Equatable, Codable {
  /// Series with at least one scored day.
  public var series = 0
  /// Scored store/SKU/days.
  public var points = 0
  /// Σy in units.
  public var sumActual = 0.0
  /// Σ|y − mean| in units.
  public var sumAbsoluteError = 0.0
  /// Σ(y − mean)² in units².
  public var sumSquaredError = 0.0
  /// Σ(mean − y) in units: positive when forecasts run high.
  public var sumError = 0.0

  public init() {}

  /// Adds one scored day (the caller counts the series).
  mutating func add(actual: Double, mean: Double) {
    let residual = actual - mean
    points += 1
    sumActual += actual
    sumAbsoluteError += abs(residual)
    sumSquaredError += residual * residual
    sumError -= residual
  }

  /// Adds another tally's days.
  public mutating func merge(_ other: BacktestTally) {
    series += other.series
    points += other.points
    sumActual += other.sumActual
    sumAbsoluteError += other.sumAbsoluteError
    sumSquaredError += other.sumSquaredError
    sumError += other.sumError
  }

  /// Σ|y − mean| / Σy; `nil` when nothing sold.
  public var wape: Double? { sumActual > 0 ? sumAbsoluteError / sumActual : nil }
  /// Mean |y − mean| in units; `nil` without scored days.
  public var mae: Double? { points > 0 ? sumAbsoluteError / Double(points) : nil }
  /// √(mean (y − mean)²) in units; `nil` without scored days.
  public var rmse: Double? { points > 0 ? (sumSquaredError / Double(points)).squareRoot() : nil }
  /// 100 · Σ(mean − y) / Σy; `nil` when nothing sold.
  public var biasPercent: Double? { sumActual > 0 ? 100 * sumError / sumActual : nil }
}

/// The selection backtest of a training run, summed: the chosen forecasts overall, per store and
/// per segment, and every family's candidates.
///
/// These are the days the choice was made on, so the chosen forecasts' figures are optimistic
/// (each series kept its best candidate on them); the families' figures are not, each family
/// being scored on every series it fitted. Series without a backtest (new items, short
/// histories) are in none of the tallies.
public struct TrainingBacktest: Sendable, Equatable, Codable {
  /// The chosen forecast (single model or median) of every backtested series.
  public var selected = BacktestTally()
  /// Each family's candidate (`ModelFamily` raw value), over the series where it fitted.
  public var byFamily: [String: BacktestTally] = [:]
  /// The chosen forecasts per store id.
  public var byStore: [String: BacktestTally] = [:]
  /// The chosen forecasts per segment: `movers:fast` and `movers:slow` (by the configuration's
  /// fast-mover threshold over the training days), `choice:single` and `choice:median`, and
  /// `category:<name>`.
  public var bySegment: [String: BacktestTally] = [:]

  public init() {}

  /// Adds another breakdown (another store's).
  public mutating func merge(_ other: TrainingBacktest) {
    selected.merge(other.selected)
    for (key, tally) in other.byFamily { byFamily[key, default: .init()].merge(tally) }
    for (key, tally) in other.byStore { byStore[key, default: .init()].merge(tally) }
    for (key, tally) in other.bySegment { bySegment[key, default: .init()].merge(tally) }
  }
}

extension Sequence where Element == SeriesFit {
  /// The backtest tallies of the series that have one, added up (series too short for a
  /// backtest and new items have none): the backtest WAPE of any group of series is the ratio of
  /// these sums, which monitoring compares the live WAPE with.
  public func backtestTally() -> BacktestTally {
    var total = BacktestTally()
    for fit in self { if let own = fit.backtest { total.merge(own) } }
    return total
  }
}
