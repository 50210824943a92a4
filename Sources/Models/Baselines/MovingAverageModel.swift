/// A fitted moving average: the mean of the last window and the dispersion of its count
/// distribution.
public struct MovingAverageModel: FlatCountModel {
  public let name: String
  public var family: ModelFamily { .movingAverage }
  /// Uncensored days averaged.
  public let windowDays: Int
  /// NB2 dispersion φ of the predictive distribution (0 = Poisson), estimated at fit time.
  public let dispersion: Double
  /// Uncensored days in the final window: `windowDays`, or fewer when the series has fewer.
  public let averagedDays: Int
  /// Mean of the final window's days (0 when `averagedDays` is 0).
  public let windowMean: Double
  @MissingAsNull public private(set) var fittedValues: [Double]

  init(
    name: String, windowDays: Int, dispersion: Double, averagedDays: Int, windowMean: Double,
    fittedValues: [Double]
  ) {
    self.name = name
    self.windowDays = windowDays
    self.dispersion = dispersion
    self.averagedDays = averagedDays
    self.windowMean = windowMean
    self.fittedValues = fittedValues
  }

  /// Expected units per day on every forecast day: `windowMean`, or NaN when no day was
  /// averaged (a series without an uncensored day, only possible after `applied(to:)`).
  public var meanPerDay: Double { averagedDays == 0 ? .nan : windowMean }

  public func applied(to series: DemandSeries) -> MovingAverageModel {
    let observed = series.observedCount
    let run = Self.filter(series, windowDays: windowDays, observed: observed)
    return MovingAverageModel(
      name: name, windowDays: windowDays, dispersion: dispersion,
      averagedDays: run.averagedDays, windowMean: run.mean, fittedValues: run.fitted)
  }

  /// The in-sample predictions (a running window over the uncensored values) and the forecast
  /// window, summed afresh so that its mean is exactly the mean of those days.
  ///
  /// - Parameter observed: The number of uncensored days in `series`.
  /// - Complexity: O(n), two allocations (the uncensored values and the fitted values).
  static func filter(_ series: DemandSeries, windowDays: Int, observed: Int)
    -> (averagedDays: Int, mean: Double, fitted: [Double])
  {
    let n = series.count
    var window = [Double](repeating: 0, count: observed)
    let fitted = [Double](unsafeUninitializedCapacity: n) { out, initialized in
      series.values.withUnsafeBufferPointer { y in
        series.censored.withUnsafeBufferPointer { censored in
          window.withUnsafeMutableBufferPointer { kept in
            var count = 0
            var sum = 0.0
            for t in 0..<n {
              let inWindow = min(count, windowDays)
              out[t] = inWindow == 0 ? .nan : sum / Double(inWindow)
              if censored[t] { continue }
              kept[count] = y[t]
              sum += y[t]
              if count >= windowDays { sum -= kept[count - windowDays] }
              count += 1
            }
          }
        }
      }
      initialized = n
    }
    let first = max(0, observed - windowDays)
    var sum = 0.0
    for value in window[first...] { sum += value }
    let averagedDays = observed - first
    return (averagedDays, averagedDays > 0 ? sum / Double(averagedDays) : 0, fitted)
  }
}

extension MovingAverageModel {
  public func compacted() -> Self {
    var copy = self
    copy.fittedValues = []
    return copy
  }
}
