import Foundation

/// The ETS recursions over one series, written for speed: one pass over raw buffers, no
/// allocation, no branch on the model inside the loop other than the two loop-invariant ones
/// (multiplicative season, multiplicative error).
///
/// A missing trend is run as an additive trend with `b = β = 0, φ = 1`, and a missing season as
/// one additive seasonal state fixed at 0; both give exactly the arithmetic of the reduced
/// model. A censored day is run with the observation replaced by its own prediction, so its
/// error is zero and the states move with the prediction (`ℓ = q`, `b = φb`, `s` unchanged).
struct ETSFilter {
  let multiplicativeError: Bool
  let multiplicativeSeason: Bool
  /// Number of seasonal states (1 without a season).
  let period: Int

  init(settings: ETSSettings) {
    multiplicativeError = settings.error == .multiplicative
    multiplicativeSeason = settings.season == .multiplicative
    period = settings.stateSeasonLength
  }

  /// What one pass of the filter leaves behind.
  struct Pass {
    /// Σ εₜ² over uncensored days: squared errors (additive) or relative errors
    /// (multiplicative).
    var sumOfSquares: Double
    /// Σ log ŷₜ over uncensored days (multiplicative error only, else 0).
    var sumOfLogPredictions: Double
    var finalLevel: Double
    var finalTrend: Double
    /// False when a prediction the model divides by was not positive (multiplicative error or
    /// season) or a state became non-finite: the parameters are inadmissible for this series.
    var isValid: Bool
  }

  /// Runs the recursions from `level`, `trend` and the seasonal states in `season` over the
  /// series.
  ///
  /// - Parameters:
  ///   - season: `period` states; on entry `season[j]` applies to day `j` of the series, on
  ///     return it holds the latest state for days `t ≡ j (mod period)`.
  ///   - fitted: where to write the n one-step predictions, or `nil`.
  @inline(__always)
  func run(
    parameters p: ETSParameters, level: Double, trend: Double,
    season: UnsafeMutableBufferPointer<Double>,
    values: UnsafeBufferPointer<Double>, censored: UnsafeBufferPointer<Bool>,
    fitted: UnsafeMutableBufferPointer<Double>?
  ) -> Pass {
    let n = values.count
    let alpha = p.alpha
    let beta = p.beta
    let gamma = p.gamma
    let phi = p.phi
    let multiplicativeSeason = self.multiplicativeSeason
    let multiplicativeError = self.multiplicativeError
    let m = period
    var l = level
    var b = trend
    var sumOfSquares = 0.0
    // Σ log ŷ is kept as log(product) + logSum, renormalising the product only when it leaves
    // [1e-200, 1e200], so the loop calls `log` almost never.
    var product = 1.0
    var logSum = 0.0
    var smallestDivisor = Double.infinity
    var j = 0
    // With d = p − q (p the seasonally adjusted observation), the updates are
    // ℓ = q + αd, b = φb + βd and, for an additive season, s = s + γd: the same values as the
    // forms in the type's discussion, with a dependency chain from one day's q to the next
    // only two operations long.
    for t in 0..<n {
      let s = season[j]
      let q = l + phi * b
      let isCensored = censored[t]
      let y = values[t]
      let d: Double
      if multiplicativeSeason {
        let prediction = q * s
        fitted?[t] = prediction
        let inverseQ = 1 / q
        d = isCensored ? 0 : y / s - q
        season[j] = isCensored ? s : s + gamma * (y * inverseQ - s)
        smallestDivisor = min(smallestDivisor, q)
        if multiplicativeError {
          let relative = d * inverseQ
          sumOfSquares += relative * relative
          product *= isCensored ? 1 : prediction
          if !(product < 1e200 && product > 1e-200) {
            logSum += log(product)
            product = 1
          }
        } else {
          let error = s * d
          sumOfSquares += error * error
        }
      } else {
        let prediction = q + s
        fitted?[t] = prediction
        d = isCensored ? 0 : y - s - q
        season[j] = s + gamma * d
        if multiplicativeError {
          let relative = d / prediction
          sumOfSquares += relative * relative
          product *= isCensored ? 1 : prediction
          if !(product < 1e200 && product > 1e-200) {
            logSum += log(product)
            product = 1
          }
          smallestDivisor = min(smallestDivisor, prediction)
        } else {
          sumOfSquares += d * d
        }
      }
      l = q + alpha * d
      b = phi * b + beta * d
      j += 1
      if j == m { j = 0 }
    }
    if multiplicativeError { logSum += log(product) }
    let isValid =
      sumOfSquares.isFinite && l.isFinite && b.isFinite
      && (!(multiplicativeError || multiplicativeSeason) || smallestDivisor > 0)
    return Pass(
      sumOfSquares: sumOfSquares, sumOfLogPredictions: multiplicativeError ? logSum : 0,
      finalLevel: l, finalTrend: b, isValid: isValid)
  }

  /// The Gaussian log-likelihood of a pass with the variance concentrated out,
  /// `−n/2 (log(2π·SSE/n) + 1) − Σ log ŷ` (Hyndman et al. 2008 §5.2; statsmodels
  /// `ETSModel.loglike`), over the `observed` uncensored days; `-∞` for an invalid pass.
  ///
  /// A perfect fit (SSE = 0: a constant or all-zero series) would have an infinite likelihood;
  /// SSE is floored at the smallest normal double, so such a fit gets a large finite value and
  /// the candidates' AICc still rank by their parameter counts.
  static func logLikelihood(of pass: Pass, observed: Int) -> Double {
    guard pass.isValid else { return -.infinity }
    let n = Double(observed)
    let sumOfSquares = max(pass.sumOfSquares, Double.leastNormalMagnitude)
    return -n / 2 * (log(2 * Double.pi * sumOfSquares / n) + 1) - pass.sumOfLogPredictions
  }
}
