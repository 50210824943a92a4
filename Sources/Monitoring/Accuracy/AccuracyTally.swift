import DemandCore

/// Running sums of the scored rows of one segment, from which `AccuracyScore` is computed: the
/// shared `ErrorTally` of the point forecast, plus interval coverage and the scaled errors of
/// MASE.
///
/// Only uncensored rows are added: on a stock-out day the actual is a lower bound on demand, so
/// its error would be biased (`add` ignores censored rows). Every metric uses the row's point
/// forecast ŷ (the mean, or p50 without one) and e = y − ŷ:
///
/// | metric | definition |
/// |---|---|
/// | WAPE | Σ|e| / Σy (a ratio; `nan` when Σy = 0, see `ErrorTally`) |
/// | MAE | Σ|e| / n, in units |
/// | RMSE | √(Σe² / n), in units |
/// | MASE | mean over rows of |e| / s, s the series' `SeasonalNaiveScale` (rows of series without a scale are left out of this mean only) |
/// | bias % | 100 · Σ(ŷ − y) / Σy: positive when forecasts run high |
/// | coverage 80 % | 100 · share of rows with p10 ≤ y ≤ p90 |
/// | n | scored (uncensored) rows |
public struct AccuracyTally: Sendable, Equatable {
  /// The sums behind WAPE, MAE, RMSE and bias (the shared `ErrorTally`, of the point forecast).
  public private(set) var errors = ErrorTally()
  public private(set) var covered = 0
  /// Rows whose series has a MASE scale.
  public private(set) var scaledPoints = 0
  public private(set) var sumScaledAbsoluteError = 0.0

  public init() {}

  /// Scored rows.
  public var points: Int { errors.points }
  public var sumActual: Double { errors.sumActual }
  public var sumAbsoluteError: Double { errors.sumAbsoluteError }
  public var sumSquaredError: Double { errors.sumSquaredError }
  /// Σ(ŷ − y).
  public var sumForecastExcess: Double { errors.sumForecastExcess }

  /// Adds `row` unless it is censored.
  /// - Parameter scale: the series' MASE denominator (`nil` when it has none).
  public mutating func add(_ row: ForecastActualRow, scale: Double?) {
    add(
      actual: row.actual, pointForecast: row.pointForecast, p10: row.p10, p90: row.p90,
      stockout: row.stockout, scale: scale)
  }

  /// Adds one row given by its values (units) unless it is censored: what `add(_:scale:)` does
  /// with a `ForecastActualRow`, to the bit.
  public mutating func add(
    actual: Double, pointForecast: Double, p10: Double, p90: Double, stockout: Bool,
    scale: Double?
  ) {
    guard !stockout else { return }
    errors.add(actual: actual, forecast: pointForecast)
    if p10 <= actual && actual <= p90 { covered += 1 }
    if let scale, scale > 0, scale.isFinite {
      scaledPoints += 1
      sumScaledAbsoluteError += abs(actual - pointForecast) / scale
    }
  }

  /// Adds another tally's rows.
  public mutating func merge(_ other: AccuracyTally) {
    errors.merge(other.errors)
    covered += other.covered
    scaledPoints += other.scaledPoints
    sumScaledAbsoluteError += other.sumScaledAbsoluteError
  }

  /// The metrics of the rows added so far (`nan` where undefined, e.g. every metric of n = 0,
  /// and WAPE and bias when nothing sold: `ErrorTally`'s `nil`, an empty cell in the files).
  public var score: AccuracyScore {
    let n = Double(points)
    return AccuracyScore(
      points: points,
      wape: errors.wape ?? .nan,
      mae: errors.mae ?? .nan,
      rmse: errors.rmse ?? .nan,
      mase: scaledPoints > 0 ? sumScaledAbsoluteError / Double(scaledPoints) : .nan,
      biasPercent: errors.biasPercent ?? .nan,
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
