import DemandCore

/// Accuracy of forecasts against actual demand, over a set of store/SKU/days.
///
/// Absolute-error metrics (WAPE, MAE, MASE) score the median forecast (p50), which minimises
/// expected absolute error; squared-error metrics (RMSE, RMSSE) and bias score the mean
/// forecast, which minimises expected squared error and is the unbiased one. Censored
/// (stock-out) days are never added: their actual is only a lower bound on demand.
public struct AccuracyMetrics: Sendable, Equatable, Codable {
  /// Scored store/SKU/days.
  public var points: Int
  /// Series with at least one scored day.
  public var series: Int
  /// Σ|y − p50| / Σy; `nan` when nothing sold (undefined, as `ErrorTally.wape`).
  public var wape: Double
  /// Σ|y − mean| / Σy: the WAPE of the mean forecast, to compare with tools that only give a
  /// mean.
  public var wapeOfMean: Double
  /// Mean |y − p50| in units.
  public var mae: Double
  /// √(mean (y − mean)²) in units.
  public var rmse: Double
  /// Mean over series of MAE / in-sample MAE of the seasonal naive (lag 7).
  public var mase: Double
  /// Mean over series of √(MSE / in-sample mean squared lag-1 difference), as in M5.
  public var rmsse: Double
  /// 100 · Σ(mean − y) / Σy: positive when forecasts run high.
  public var biasPercent: Double
  /// Share of days with p10 ≤ y ≤ p90 (the 80 % interval), 0 ... 1.
  public var coverage80: Double
}

/// Adds up scored days and per-series scaled errors into `AccuracyMetrics`.
///
/// The error sums are two shared `ErrorTally`s, one of the median (p50) and one of the mean, so
/// "nothing sold" means what it means everywhere: WAPE and bias undefined (NaN here, an empty
/// cell in the backtest's files).
public struct AccuracyAccumulator: Sendable {
  /// Errors of p50: WAPE and MAE.
  private var ofMedian = ErrorTally()
  /// Errors of the mean: RMSE, bias and the WAPE of the mean.
  private var ofMean = ErrorTally()
  private var covered = 0
  private var seriesCount = 0
  private var maseSum = 0.0
  private var maseCount = 0
  private var rmsseSum = 0.0
  private var rmsseCount = 0

  public init() {}

  /// Adds one series' scored days.
  /// - Parameters:
  ///   - actual: demand per day; `censored` days are skipped.
  ///   - median: p50 per day; `mean`: mean per day; `lower`/`upper`: p10 and p90 per day.
  ///   - scale: the series' in-sample scales (from its training data).
  public mutating func add(
    actual: ArraySlice<Double>, censored: ArraySlice<Bool>, median: ArraySlice<Double>,
    mean: ArraySlice<Double>, lower: ArraySlice<Double>, upper: ArraySlice<Double>,
    scale: SeriesScale
  ) {
    precondition(actual.count == median.count && actual.count == mean.count, "aligned paths")
    var seriesMedian = ErrorTally()
    var seriesMean = ErrorTally()
    for (offset, index) in actual.indices.enumerated() {
      let c = censored[censored.startIndex + offset]
      if c { continue }
      let y = actual[index]
      seriesMedian.add(actual: y, forecast: median[median.startIndex + offset])
      seriesMean.add(actual: y, forecast: mean[mean.startIndex + offset])
      let lo = lower[lower.startIndex + offset]
      let hi = upper[upper.startIndex + offset]
      if y >= lo - 1e-9 && y <= hi + 1e-9 { covered += 1 }
    }
    let n = seriesMedian.points
    guard n > 0 else { return }
    seriesCount += 1
    ofMedian.merge(seriesMedian)
    ofMean.merge(seriesMean)
    if let s = scale.seasonalAbsolute, s > 0 {
      maseSum += seriesMedian.sumAbsoluteError / Double(n) / s
      maseCount += 1
    }
    if let s = scale.squaredDifference, s > 0 {
      rmsseSum += (seriesMean.sumSquaredError / Double(n) / s).squareRoot()
      rmsseCount += 1
    }
  }

  /// Merges another accumulator's days (for per-store partial sums).
  public mutating func merge(_ other: AccuracyAccumulator) {
    ofMedian.merge(other.ofMedian)
    ofMean.merge(other.ofMean)
    covered += other.covered
    seriesCount += other.seriesCount
    maseSum += other.maseSum
    maseCount += other.maseCount
    rmsseSum += other.rmsseSum
    rmsseCount += other.rmsseCount
  }

  public var metrics: AccuracyMetrics {
    let points = ofMedian.points
    return AccuracyMetrics(
      points: points, series: seriesCount,
      wape: ofMedian.wape ?? .nan,
      wapeOfMean: ofMean.wape ?? .nan,
      mae: ofMedian.mae ?? .nan,
      rmse: ofMean.rmse ?? .nan,
      mase: maseCount > 0 ? maseSum / Double(maseCount) : .nan,
      rmsse: rmsseCount > 0 ? rmsseSum / Double(rmsseCount) : .nan,
      biasPercent: ofMean.biasPercent ?? .nan,
      coverage80: points > 0 ? Double(covered) / Double(points) : .nan)
  }
}

/// The in-sample scales that make errors comparable across series (Hyndman & Koehler 2006; M5).
public struct SeriesScale: Sendable, Equatable, Codable {
  /// Mean |yₜ − yₜ₋₇| over uncensored pairs: the MASE denominator (seasonal naive, lag 7).
  public var seasonalAbsolute: Double?
  /// Mean (yₜ − yₜ₋₁)² over uncensored pairs from the first sale on: the RMSSE denominator.
  public var squaredDifference: Double?

  public init(seasonalAbsolute: Double?, squaredDifference: Double?) {
    self.seasonalAbsolute = seasonalAbsolute
    self.squaredDifference = squaredDifference
  }

  /// Scales of a training series; `nil` where no uncensored pair exists.
  public init(values: ArraySlice<Double>, censored: ArraySlice<Bool>) {
    let y = Array(values)
    let c = Array(censored)
    var seasonalSum = 0.0
    var seasonalCount = 0
    var squaredSum = 0.0
    var squaredCount = 0
    let firstSale = y.indices.first { y[$0] > 0 && !c[$0] } ?? y.count
    for t in y.indices {
      if t >= 7 && !c[t] && !c[t - 7] {
        seasonalSum += abs(y[t] - y[t - 7])
        seasonalCount += 1
      }
      if t > firstSale && !c[t] && !c[t - 1] {
        squaredSum += (y[t] - y[t - 1]) * (y[t] - y[t - 1])
        squaredCount += 1
      }
    }
    seasonalAbsolute = seasonalCount > 0 ? seasonalSum / Double(seasonalCount) : nil
    squaredDifference = squaredCount > 0 ? squaredSum / Double(squaredCount) : nil
  }
}
