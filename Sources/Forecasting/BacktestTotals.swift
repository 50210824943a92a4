/// Sums over the uncensored days of a series' rolling-origin backtest, scored on the mean
/// forecast of the chosen candidates: enough to compute the backtest WAPE of any group of series
/// (Σ absolute errors / Σ actuals), which monitoring compares the live WAPE with.
public struct BacktestTotals: Sendable, Equatable, Codable {
  /// Scored days.
  public var points: Int
  /// Σy, units.
  public var actualUnits: Double
  /// Σ|y − mean|, units.
  public var absoluteErrorUnits: Double

  public init(points: Int = 0, actualUnits: Double = 0, absoluteErrorUnits: Double = 0) {
    self.points = points
    self.actualUnits = actualUnits
    self.absoluteErrorUnits = absoluteErrorUnits
  }

  /// Adds another series' totals.
  public mutating func merge(_ other: BacktestTotals) {
    points += other.points
    actualUnits += other.actualUnits
    absoluteErrorUnits += other.absoluteErrorUnits
  }

  /// Σ|y − mean| / Σy, or `nil` when nothing sold.
  public var wape: Double? { actualUnits > 0 ? absoluteErrorUnits / actualUnits : nil }
}

extension Sequence where Element == SeriesFit {
  /// The backtest totals of the series that have one, added up (series too short for a backtest
  /// and new items have none).
  public func backtestTotals() -> BacktestTotals {
    var totals = BacktestTotals()
    for fit in self { if let own = fit.backtest { totals.merge(own) } }
    return totals
  }
}
