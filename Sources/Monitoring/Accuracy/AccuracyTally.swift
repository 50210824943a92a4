/// Running sums of the scored rows of one segment, from which `AccuracyScore` is computed.
///
/// Only uncensored rows are added: on a stock-out day the actual is a lower bound on demand, so
/// its error would be biased (`add` ignores censored rows). Every metric uses the row's point
/// forecast ŷ (the mean, or p50 without one) and e = y − ŷ:
///
/// | metric | definition |
/// |---|---|
/// | WAPE | Σ|e| / Σy (a ratio; `nan` when Σy = 0) |
/// | MAE | Σ|e| / n, in units |
/// | RMSE | √(Σe² / n), in units |
/// | MASE | mean over rows of |e| / s, s the series' `SeasonalNaiveScale` (rows of series without a scale are left out of this mean only) |
/// | bias % | 100 · Σ(ŷ − y) / Σy: positive when forecasts run high |
/// | coverage 80 % | 100 · share of rows with p10 ≤ y ≤ p90 |
/// | n | scored (uncensored) rows |
public struct AccuracyTally: Sendable, Equatable {
  public private(set) var points = 0
  public private(set) var sumActual = 0.0
  public private(set) var sumAbsoluteError = 0.0
  public private(set) var sumSquaredError = 0.0
  /// Σ(ŷ − y).
  public private(set) var sumForecastExcess = 0.0
  public private(set) var covered = 0
  /// Rows whose series has a MASE scale.
  public private(set) var scaledPoints = 0
  public private(set) var sumScaledAbsoluteError = 0.0

  public init() {}

  /// Adds `row` unless it is censored.
  /// - Parameter scale: the series' MASE denominator (`nil` when it has none).
  public mutating func add(_ row: ForecastActualRow, scale: Double?) {
    guard !row.stockout else { return }
    let e = row.error
    points += 1
    sumActual += row.actual
    sumAbsoluteError += abs(e)
    sumSquaredError += e * e
    sumForecastExcess -= e
    if row.isCovered { covered += 1 }
    if let scale, scale > 0, scale.isFinite {
      scaledPoints += 1
      sumScaledAbsoluteError += abs(e) / scale
    }
  }

  /// Adds another tally's rows.
  public mutating func merge(_ other: AccuracyTally) {
    points += other.points
    sumActual += other.sumActual
    sumAbsoluteError += other.sumAbsoluteError
    sumSquaredError += other.sumSquaredError
    sumForecastExcess += other.sumForecastExcess
    covered += other.covered
    scaledPoints += other.scaledPoints
    sumScaledAbsoluteError += other.sumScaledAbsoluteError
  }

  /// The metrics of the rows added so far (`nan` where undefined, e.g. every metric of n = 0).
  public var score: AccuracyScore {
    let n = Double(points)
    return AccuracyScore(
      points: points,
      wape: sumActual > 0 ? sumAbsoluteError / sumActual : .nan,
      mae: points > 0 ? sumAbsoluteError / n : .nan,
      rmse: points > 0 ? (sumSquaredError / n).squareRoot() : .nan,
      mase: scaledPoints > 0 ? sumScaledAbsoluteError / Double(scaledPoints) : .nan,
      biasPercent: sumActual > 0 ? 100 * sumForecastExcess / sumActual : .nan,
      coverage80Percent: points > 0 ? 100 * Double(covered) / n : .nan)
  }
}

/// The accuracy of a segment's scored forecasts; see `AccuracyTally` for the definitions.
public struct AccuracyScore: Sendable, Equatable {
  /// Scored (uncensored) rows.
  public var points: Int
  /// Σ|e| / Σy, a ratio.
  public var wape: Double
  /// Units.
  public var mae: Double
  /// Units.
  public var rmse: Double
  public var mase: Double
  /// 100 · Σ(ŷ − y) / Σy.
  public var biasPercent: Double
  /// Percent of rows with p10 ≤ y ≤ p90.
  public var coverage80Percent: Double

  public init(
    points: Int, wape: Double, mae: Double, rmse: Double, mase: Double, biasPercent: Double,
    coverage80Percent: Double
  ) {
    self.points = points
    self.wape = wape
    self.mae = mae
    self.rmse = rmse
    self.mase = mase
    self.biasPercent = biasPercent
    self.coverage80Percent = coverage80Percent
  }
}
