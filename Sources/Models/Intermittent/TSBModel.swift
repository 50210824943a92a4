/// A fitted TSB model: the two smoothing parameters, the dispersion of its count distribution and
/// the demand probability and size at the end of the series.
///
/// The forecast is flat: `meanPerDay` = probabilityLevel · sizeLevel units on every day (zero
/// before the first demand), NaN when the series has no uncensored day (only possible after
/// `applied(to:)`). Quantiles come from `CountDistribution` (negative binomial around the mean).
public struct TSBModel: FlatCountModel {
  /// The end-of-series state of the filter.
  public struct State: Sendable, Codable, Equatable {
    /// Uncensored days seen.
    public var observedDays: Int
    /// Days with a positive value seen.
    public var demandDays: Int
    /// Smoothed probability that a day has demand.
    public var probabilityLevel: Double
    /// Smoothed demand size, units per demand day (0 before the first demand).
    public var sizeLevel: Double
  }

  public let name: String
  public var family: ModelFamily { .tsb }
  /// Smoothing parameter of the demand size, α_d.
  public let demandAlpha: Double
  /// Smoothing parameter of the demand probability, α_p.
  public let probabilityAlpha: Double
  /// NB2 dispersion φ of the predictive distribution (0 = Poisson), estimated at fit time.
  public let dispersion: Double
  public let state: State
  @MissingAsNull public private(set) var fittedValues: [Double]

  init(
    name: String, demandAlpha: Double, probabilityAlpha: Double, dispersion: Double,
    state: State, fittedValues: [Double]
  ) {
    self.name = name
    self.demandAlpha = demandAlpha
    self.probabilityAlpha = probabilityAlpha
    self.dispersion = dispersion
    self.state = state
    self.fittedValues = fittedValues
  }

  /// Expected units per day on every forecast day.
  public var meanPerDay: Double { Self.prediction(state) }

  public func applied(to series: DemandSeries) -> TSBModel {
    let run = Self.filter(series, demandAlpha: demandAlpha, probabilityAlpha: probabilityAlpha)
    return TSBModel(
      name: name, demandAlpha: demandAlpha, probabilityAlpha: probabilityAlpha,
      dispersion: dispersion, state: run.state, fittedValues: run.fitted)
  }

  @inline(__always)
  static func prediction(_ state: State) -> Double {
    state.observedDays == 0 ? .nan : state.probabilityLevel * state.sizeLevel
  }

  /// Runs the TSB recursions over `series`, skipping censored days, and records the one-step
  /// prediction before each day (NaN until the first uncensored day has been seen).
  ///
  /// - Complexity: O(n), one allocation (the fitted values).
  static func filter(_ series: DemandSeries, demandAlpha: Double, probabilityAlpha: Double)
    -> (state: State, fitted: [Double])
  {
    let demandComplement = 1 - demandAlpha
    let probabilityComplement = 1 - probabilityAlpha
    var state = State(observedDays: 0, demandDays: 0, probabilityLevel: 0, sizeLevel: 0)
    let n = series.count
    let fitted = [Double](unsafeUninitializedCapacity: n) { out, initialized in
      series.values.withUnsafeBufferPointer { y in
        series.censored.withUnsafeBufferPointer { censored in
          for t in 0..<n {
            out[t] = prediction(state)
            if censored[t] { continue }
            let occurred = y[t] > 0
            let indicator = occurred ? 1.0 : 0.0
            // Each level starts at its first value, written as an update of the value on
            // itself (see `SimpleExponentialSmoothing`).
            state.probabilityLevel = SimpleExponentialSmoothing.update(
              state.observedDays == 0 ? indicator : state.probabilityLevel, with: indicator,
              alpha: probabilityAlpha, complement: probabilityComplement)
            state.observedDays += 1
            guard occurred else { continue }
            state.sizeLevel = SimpleExponentialSmoothing.update(
              state.demandDays == 0 ? y[t] : state.sizeLevel, with: y[t], alpha: demandAlpha,
              complement: demandComplement)
            state.demandDays += 1
          }
        }
      }
      initialized = n
    }
    return (state, fitted)
  }
}

extension TSBModel {
  public func compacted() -> Self {
    var copy = self
    copy.fittedValues = []
    return copy
  }
}
