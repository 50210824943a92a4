import Foundation

/// A fitted seasonal naive model: the value to repeat for each slot of the season and the
/// residual standard deviation of its Gaussian quantiles.
public struct SeasonalNaiveModel: FittedModel {
  public let name: String
  public var family: ModelFamily { .seasonalNaive }
  /// Days per season.
  public let period: Int
  /// Standard deviation of the in-sample one-step errors (units), estimated at fit time.
  public let residualSD: Double
  /// Units per day for each slot, indexed by day-in-series modulo `period` (NaN only after
  /// `applied(to:)` a series without an uncensored day).
  @MissingAsNull public private(set) var slotValues: [Double]
  /// The slot of the first forecast day: the series length modulo `period`.
  public let forecastPhase: Int
  @MissingAsNull public private(set) var fittedValues: [Double]

  init(
    name: String, period: Int, residualSD: Double, slotValues: [Double], forecastPhase: Int,
    fittedValues: [Double]
  ) {
    self.name = name
    self.period = period
    self.residualSD = residualSD
    self.slotValues = slotValues
    self.forecastPhase = forecastPhase
    self.fittedValues = fittedValues
  }

  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    precondition(horizon >= 0, "the horizon is a number of days")
    let mean = (0..<horizon).map { slotValues[(forecastPhase + $0) % period] }
    let sigma = (0..<horizon).map { residualSD * Double($0 / period + 1).squareRoot() }
    return ModelForecast(
      mean: mean, quantiles: gaussianQuantiles(mean: mean, sigma: sigma, levels: levels))
  }

  public func applied(to series: DemandSeries) -> SeasonalNaiveModel {
    let run = Self.filter(series, period: period)
    return SeasonalNaiveModel(
      name: name, period: period, residualSD: residualSD, slotValues: run.slots,
      forecastPhase: run.phase, fittedValues: run.fitted)
  }

  /// One pass over `series` keeping the last uncensored value of each slot: the in-sample
  /// predictions (NaN while a slot has none), the slot values at the end (the mean of the
  /// uncensored values for a slot without one; NaN when there is no uncensored day) and the phase.
  ///
  /// - Complexity: O(n + period).
  static func filter(_ series: DemandSeries, period: Int)
    -> (slots: [Double], phase: Int, fitted: [Double])
  {
    let n = series.count
    var slots = [Double](repeating: .nan, count: period)
    var sum = 0.0
    var observed = 0
    let fitted = [Double](unsafeUninitializedCapacity: n) { out, initialized in
      series.values.withUnsafeBufferPointer { y in
        series.censored.withUnsafeBufferPointer { censored in
          slots.withUnsafeMutableBufferPointer { slots in
            var slot = 0
            for t in 0..<n {
              out[t] = slots[slot]
              if !censored[t] {
                slots[slot] = y[t]
                sum += y[t]
                observed += 1
              }
              slot += 1
              if slot == period { slot = 0 }
            }
          }
        }
      }
      initialized = n
    }
    let mean = observed > 0 ? sum / Double(observed) : .nan
    for slot in 0..<period where slots[slot].isNaN { slots[slot] = mean }
    return (slots, n % period, fitted)
  }
}

extension SeasonalNaiveModel {
  public func compacted() -> Self {
    var copy = self
    copy.fittedValues = []
    return copy
  }
}
