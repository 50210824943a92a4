import DemandCore

/// Sums of a mean forecast's errors over backtest days (the shared `ErrorTally`, plus a series
/// count), from which the usual error measures follow; sums rather than measures, so tallies of
/// stores, regions or families simply add.
///
/// Errors are of the mean forecast (the quantity selection ranks by), over the uncensored days
/// of each series' rolling-origin backtest.
public struct BacktestTally: Sendable, Equatable, Codable {
  /// Series with at least one scored day.
  public var series = 0
  /// The sums of the mean forecast's errors (the shared tally; WAPE and bias are `nil` when
  /// nothing sold).
  public var errors = ErrorTally()

  public init() {}

  /// Scored store/SKU/days.
  public var points: Int {
    get { errors.points }
    set { errors.points = newValue }
  }
  /// Σy in units.
  public var sumActual: Double {
    get { errors.sumActual }
    set { errors.sumActual = newValue }
  }
  /// Σ|y − mean| in units.
  public var sumAbsoluteError: Double {
    get { errors.sumAbsoluteError }
    set { errors.sumAbsoluteError = newValue }
  }
  /// Σ(y − mean)² in units².
  public var sumSquaredError: Double {
    get { errors.sumSquaredError }
    set { errors.sumSquaredError = newValue }
  }
  /// Σ(mean − y) in units: positive when forecasts run high.
  public var sumError: Double {
    get { errors.sumForecastExcess }
    set { errors.sumForecastExcess = newValue }
  }

  /// Adds one scored day (the caller counts the series).
  mutating func add(actual: Double, mean: Double) {
    errors.add(actual: actual, forecast: mean)
  }

  /// Adds another tally's days.
  public mutating func merge(_ other: BacktestTally) {
    series += other.series
    errors.merge(other.errors)
  }

  /// Σ|y − mean| / Σy; `nil` when nothing sold.
  public var wape: Double? { errors.wape }
  /// Mean |y − mean| in units; `nil` without scored days.
  public var mae: Double? { errors.mae }
  /// √(mean (y − mean)²) in units; `nil` without scored days.
  public var rmse: Double? { errors.rmse }
  /// 100 · Σ(mean − y) / Σy; `nil` when nothing sold.
  public var biasPercent: Double? { errors.biasPercent }

  // MARK: - Codable (the flat keys of training reports and registries written before)

  private enum CodingKeys: String, CodingKey {
    case series, points, sumActual, sumAbsoluteError, sumSquaredError, sumError
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    series = try container.decode(Int.self, forKey: .series)
    points = try container.decode(Int.self, forKey: .points)
    sumActual = try container.decode(Double.self, forKey: .sumActual)
    sumAbsoluteError = try container.decode(Double.self, forKey: .sumAbsoluteError)
    sumSquaredError = try container.decode(Double.self, forKey: .sumSquaredError)
    sumError = try container.decode(Double.self, forKey: .sumError)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(series, forKey: .series)
    try container.encode(points, forKey: .points)
    try container.encode(sumActual, forKey: .sumActual)
    try container.encode(sumAbsoluteError, forKey: .sumAbsoluteError)
    try container.encode(sumSquaredError, forKey: .sumSquaredError)
    try container.encode(sumError, forKey: .sumError)
  }
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
