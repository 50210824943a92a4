/// A fitted Croston–SBA model: the two smoothing parameters, the dispersion of its count
/// distribution and the smoothed size and interval at the end of the series.
///
/// The forecast is flat: `meanPerDay` units on every day, (1 − α_p/2) · sizeLevel /
/// intervalLevel after a demand, zero when the series has uncensored days but no demand, NaN
/// when it has no uncensored day at all (only possible after `applied(to:)`). Quantiles come from
/// `CountDistribution` (negative binomial around the mean).
public struct CrostonSBAModel: FlatCountModel {
  /// The end-of-series state of the filter.
  public struct State: Sendable, Codable, Equatable {
    /// Uncensored days seen.
    public var observedDays: Int
    /// Days with a positive value seen.
    public var demandDays: Int
    /// Smoothed demand size, units per demand day (0 before the first demand).
    public var sizeLevel: Double
    /// Smoothed interval between demands, in uncensored days (0 before the first demand).
    public var intervalLevel: Double
  }

  public let name: String
  public var family: ModelFamily { .croston }
  /// Smoothing parameter of the demand sizes.
  public let sizeAlpha: Double
  /// Smoothing parameter of the inter-demand intervals (also sets the SBA factor).
  public let intervalAlpha: Double
  /// NB2 dispersion φ of the predictive distribution (0 = Poisson), estimated at fit time.
  public let dispersion: Double
  public let state: State
  @MissingAsNull public private(set) var fittedValues: [Double]

  init(
    name: String, sizeAlpha: Double, intervalAlpha: Double, dispersion: Double, state: State,
    fittedValues: [Double]
  ) {
    self.name = name
    self.sizeAlpha = sizeAlpha
    self.intervalAlpha = intervalAlpha
    self.dispersion = dispersion
    self.state = state
    self.fittedValues = fittedValues
  }

  /// The Syntetos–Boylan factor 1 − α_p/2.
  public var debiasingFactor: Double { 1 - intervalAlpha / 2 }

  /// Expected units per day on every forecast day.
  public var meanPerDay: Double {
    Self.prediction(state, factor: debiasingFactor)
  }

  public func applied(to series: DemandSeries) -> CrostonSBAModel {
    let run = Self.filter(series, sizeAlpha: sizeAlpha, intervalAlpha: intervalAlpha)
    return CrostonSBAModel(
      name: name, sizeAlpha: sizeAlpha, intervalAlpha: intervalAlpha, dispersion: dispersion,
      state: run.state, fittedValues: run.fitted)
  }

  @inline(__always)
  static func prediction(_ state: State, factor: Double) -> Double {
    if state.observedDays == 0 { return .nan }
    if state.demandDays == 0 { return 0 }
    return state.sizeLevel / state.intervalLevel * factor
  }

  /// Runs Croston's recursions over `series`, skipping censored days, and records the one-step
  /// prediction before each day (NaN until the first uncensored day has been seen).
  ///
  /// - Complexity: O(n), one allocation (the fitted values).
  static func filter(_ series: DemandSeries, sizeAlpha: Double, intervalAlpha: Double)
    -> (state: State, fitted: [Double])
  {
    let sizeComplement = 1 - sizeAlpha
    let intervalComplement = 1 - intervalAlpha
    let factor = 1 - intervalAlpha / 2
    var state = State(observedDays: 0, demandDays: 0, sizeLevel: 0, intervalLevel: 0)
    let n = series.count
    let fitted = [Double](unsafeUninitializedCapacity: n) { out, initialized in
      series.values.withUnsafeBufferPointer { y in
        series.censored.withUnsafeBufferPointer { censored in
          var sinceLast = 0.0
          // The prediction changes only on the first uncensored day and on demand days.
          var current = prediction(state, factor: factor)
          for t in 0..<n {
            out[t] = current
            if censored[t] { continue }
            state.observedDays += 1
            sinceLast += 1
            guard y[t] > 0 else {
              if state.observedDays == 1 { current = prediction(state, factor: factor) }
              continue
            }
            // The first demand starts each level at its value, written as an update of the
            // value on itself (see `SimpleExponentialSmoothing`).
            let sizeBefore = state.demandDays == 0 ? y[t] : state.sizeLevel
            let intervalBefore = state.demandDays == 0 ? sinceLast : state.intervalLevel
            state.sizeLevel = SimpleExponentialSmoothing.update(
              sizeBefore, with: y[t], alpha: sizeAlpha, complement: sizeComplement)
            state.intervalLevel = SimpleExponentialSmoothing.update(
              intervalBefore, with: sinceLast, alpha: intervalAlpha,
              complement: intervalComplement)
            state.demandDays += 1
            sinceLast = 0
            current = prediction(state, factor: factor)
          }
        }
      }
      initialized = n
    }
    return (state, fitted)
  }
}

extension CrostonSBAModel {
  public func compacted() -> Self {
    var copy = self
    copy.fittedValues = []
    return copy
  }
}
