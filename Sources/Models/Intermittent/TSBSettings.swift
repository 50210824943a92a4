/// Teunter–Syntetos–Babai (TSB), for intermittent demand whose items may become obsolete.
///
/// TSB ("Intermittent demand: linking forecasting to inventory obsolescence", *EJOR* 214, 2011)
/// smooths the probability of demand p̂ on every day, toward 1 on a demand day and 0 otherwise,
/// with α_p, and the demand size ẑ on demand days only, with α_d. The forecast of every future
/// day is p̂ · ẑ units. Unlike Croston's, it decays during long runs without demand.
///
/// Censored days are skipped: they update neither the probability nor the size, and the
/// prediction carries over them. Values ≤ 0 are non-demand days.
///
/// By default α_d and α_p are fitted jointly in 0.01...0.3 by minimising the in-sample mean
/// squared one-step error of p̂ · ẑ: the best point of a 4 × 4 grid, refined by a compass search
/// down to a step of 1e-3 (`BoundedSearch.compassSearch`), four points per pass.
/// The upper bound is statsforecast's for Croston's parameters; the lower bound lets a slow
/// mover's demand probability change slowly (with 0.1, a day's weight halves in a week). The
/// criterion scores one-step-ahead predictions, so a large α only wins when the series moves.
///
/// With fixed parameters this is statsforecast's `TSB(alpha_d:, alpha_p:)` (`models.py` `_tsb`,
/// `src/ses.cpp`): each level starts at its first value, the in-sample prediction before the
/// first demand is zero and a series without demand forecasts zero.
public struct TSBSettings: ForecastMethod {
  /// How the two smoothing parameters are chosen.
  public enum Smoothing: Sendable, Codable, Hashable {
    /// Both parameters fitted jointly in `lower...upper` by in-sample mean squared error.
    case fitted(lower: Double, upper: Double)
    /// Fixed parameters for the demand size (α_d) and the demand probability (α_p).
    case fixed(demand: Double, probability: Double)
  }

  public static let defaultSmoothing = Smoothing.fitted(lower: 0.01, upper: 0.3)

  /// Grid points per parameter and the step at which the compass search stops.
  static let gridPoints = 4
  static let alphaTolerance = 1e-3

  public var smoothing: Smoothing

  public init(smoothing: Smoothing = TSBSettings.defaultSmoothing) {
    self.smoothing = smoothing
  }

  /// Fixed parameters, as statsforecast's `TSB(alpha_d=demandAlpha, alpha_p=probabilityAlpha)`.
  public init(demandAlpha: Double, probabilityAlpha: Double) {
    self.init(smoothing: .fixed(demand: demandAlpha, probability: probabilityAlpha))
  }

  /// `TSB` with the default fitted parameters, `TSB(0.05...0.5)` with other bounds,
  /// `TSB(0.1,0.2)` (α_d, α_p) with fixed ones.
  public var name: String {
    switch smoothing {
    case Self.defaultSmoothing: return "TSB"
    case .fitted(let lower, let upper): return "TSB(\(lower)...\(upper))"
    case .fixed(let demand, let probability): return "TSB(\(demand),\(probability))"
    }
  }

  public var family: ModelFamily { .tsb }

  /// Fits the smoothing parameters (unless fixed) and filters the series.
  ///
  /// - Throws: `ModelError.tooShort` without an uncensored day, `ModelError.nonFiniteValue` for
  ///   a non-finite uncensored value.
  /// - Complexity: O(n) per pass, about 15 passes of four parameter pairs when fitted.
  public func fit(_ series: DemandSeries) throws(ModelError) -> TSBModel {
    let observed = try series.checkedObservedCount(model: name)
    let demandAlpha: Double
    let probabilityAlpha: Double
    switch smoothing {
    case .fixed(let demand, let probability):
      precondition(
        demand > 0 && demand <= 1 && probability > 0 && probability <= 1,
        "smoothing parameters lie in (0, 1]")
      (demandAlpha, probabilityAlpha) = (demand, probability)
    case .fitted(let lower, let upper):
      precondition(lower > 0 && lower <= upper && upper <= 1, "bounds lie in (0, 1], ordered")
      (demandAlpha, probabilityAlpha) = Self.fittedAlphas(
        series, observed: observed, lower: lower, upper: upper)
    }
    let run = TSBModel.filter(series, demandAlpha: demandAlpha, probabilityAlpha: probabilityAlpha)
    return TSBModel(
      name: name, demandAlpha: demandAlpha, probabilityAlpha: probabilityAlpha,
      dispersion: CountDistribution.dispersion(series: series, fitted: run.fitted),
      state: run.state, fittedValues: run.fitted)
  }

  /// (α_d, α_p) minimising the in-sample squared one-step error over the uncensored days.
  static func fittedAlphas(_ series: DemandSeries, observed: Int, lower: Double, upper: Double)
    -> (demand: Double, probability: Double)
  {
    // The uncensored values, in order: the sequence the recursions see.
    let y = [Double](unsafeUninitializedCapacity: observed) { out, initialized in
      var next = 0
      for t in 0..<series.count where !series.censored[t] {
        out[next] = series.values[t]
        next += 1
      }
      initialized = next
    }
    let best = y.withUnsafeBufferPointer { y in
      BoundedSearch.compassSearch(
        lower: lower, upper: upper, gridPoints: gridPoints, tolerance: alphaTolerance
      ) { demandAlphas, probabilityAlphas in
        sumOfSquaredErrors(y, demandAlphas: demandAlphas, probabilityAlphas: probabilityAlphas)
      }
    }
    return (best.x, best.y)
  }

  /// Squared one-step errors of TSB over `y` (uncensored values), from the second day on, for
  /// one parameter pair.
  static func sumOfSquaredErrors(
    _ y: UnsafeBufferPointer<Double>, demandAlpha: Double, probabilityAlpha: Double
  ) -> Double {
    sumOfSquaredErrors(
      y, demandAlphas: SIMD4(repeating: demandAlpha),
      probabilityAlphas: SIMD4(repeating: probabilityAlpha))[0]
  }

  /// Squared one-step errors of TSB over `y` (uncensored values), from the second day on, for
  /// four parameter pairs at once (one per lane).
  ///
  /// The recursions are latency-bound, so four lanes cost little more than one; the loop has no
  /// data-dependent branch (demand days vary at random), only selects.
  ///
  /// - Complexity: O(n), no allocation.
  @inline(__always)
  static func sumOfSquaredErrors(
    _ y: UnsafeBufferPointer<Double>, demandAlphas: SIMD4<Double>,
    probabilityAlphas: SIMD4<Double>
  ) -> SIMD4<Double> {
    guard y.count >= 2 else { return .zero }
    let demandComplements = 1 - demandAlphas
    let probabilityComplements = 1 - probabilityAlphas
    var probability = SIMD4<Double>(repeating: y[0] > 0 ? 1 : 0)
    var sum = SIMD4<Double>.zero
    var i = 1
    // Until the first demand the size is unknown and the prediction zero.
    var size = SIMD4<Double>(repeating: y[0])
    if !(y[0] > 0) {
      while i < y.count && !(y[i] > 0) {
        sum += y[i] * y[i]
        probability = probabilityComplements * probability
        i += 1
      }
      guard i < y.count else { return sum }
      sum += y[i] * y[i]
      probability = probabilityAlphas + probabilityComplements * probability
      size = SIMD4(repeating: y[i])
      i += 1
    }
    while i < y.count {
      let value = y[i]
      let error = value - probability * size
      sum += error * error
      let occurred = value > 0
      probability = probabilityAlphas * (occurred ? 1 : 0) + probabilityComplements * probability
      let updated = demandAlphas * value + demandComplements * size
      size.replace(with: updated, where: SIMDMask(repeating: occurred))
      i += 1
    }
    return sum
  }
}
