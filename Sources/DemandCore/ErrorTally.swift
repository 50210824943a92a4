/// Running sums of a point forecast's errors, from which WAPE, MAE, RMSE and bias follow: the
/// one error tally behind the backtest, the holdout and the monitor.
///
/// For each scored store/SKU/day with actual y and point forecast ŷ, e = y − ŷ (positive when
/// the forecast ran low). Sums rather than measures, so tallies of stores, regions or families
/// simply add (`merge`). The caller decides which days are scored (stock-out days, whose actual
/// is only a lower bound on demand, never are) and which point is scored (the mean, or p50).
///
/// | measure | definition | undefined (`nil`) when |
/// |---|---|---|
/// | WAPE | Σ|e| / Σy, a ratio | nothing sold: Σy = 0 (including n = 0) |
/// | MAE | Σ|e| / n, units | n = 0 |
/// | RMSE | √(Σe² / n), units | n = 0 |
/// | bias % | 100 · Σ(ŷ − y) / Σy | nothing sold: Σy = 0 |
///
/// **Nothing sold.** WAPE and bias are relative to the units sold; over days when nothing sold
/// they are undefined and this type says so with `nil`, never with 0 (which would read as a
/// perfect forecast, however many units were forecast) nor with a NaN that spreads through
/// arithmetic unseen. Files print an undefined measure as an empty cell; code that compares
/// tallies must decide explicitly what an undefined one means.
public struct ErrorTally: Sendable, Equatable, Hashable {
  /// Scored store/SKU/days, n.
  public var points = 0
  /// Σy, units.
  public var sumActual = 0.0
  /// Σ|e|, units.
  public var sumAbsoluteError = 0.0
  /// Σe², units².
  public var sumSquaredError = 0.0
  /// Σ(ŷ − y) = −Σe, units: positive when forecasts run high.
  public var sumForecastExcess = 0.0

  public init() {}

  /// Adds one scored day.
  /// - Parameters:
  ///   - actual: y, units sold.
  ///   - forecast: ŷ, the point forecast in units.
  @inlinable
  public mutating func add(actual: Double, forecast: Double) {
    let e = actual - forecast
    points += 1
    sumActual += actual
    sumAbsoluteError += abs(e)
    sumSquaredError += e * e
    sumForecastExcess -= e
  }

  /// Adds another tally's days.
  public mutating func merge(_ other: ErrorTally) {
    points += other.points
    sumActual += other.sumActual
    sumAbsoluteError += other.sumAbsoluteError
    sumSquaredError += other.sumSquaredError
    sumForecastExcess += other.sumForecastExcess
  }

  /// Σ|e| / Σy, a ratio; `nil` when nothing sold.
  public var wape: Double? { sumActual > 0 ? sumAbsoluteError / sumActual : nil }
  /// Σ|e| / n, units; `nil` without scored days.
  public var mae: Double? { points > 0 ? sumAbsoluteError / Double(points) : nil }
  /// √(Σe² / n), units; `nil` without scored days.
  public var rmse: Double? { points > 0 ? (sumSquaredError / Double(points)).squareRoot() : nil }
  /// 100 · Σ(ŷ − y) / Σy, percent; `nil` when nothing sold.
  public var biasPercent: Double? { sumActual > 0 ? 100 * sumForecastExcess / sumActual : nil }
}
