/// Croston's method with the Syntetos–Boylan approximation (SBA), for intermittent demand.
///
/// Croston (1972) smooths two series by simple exponential smoothing: the sizes of the non-zero
/// demands zᵢ (units) and the intervals pᵢ between them (days), both updated only on demand days.
/// The forecast of every future day is (1 − α_p/2) · ẑ / p̂, where the factor removes the
/// positive bias of ẑ / p̂ (Syntetos & Boylan, "The accuracy of intermittent demand estimates",
/// *IJF* 21, 2005) with α_p the smoothing parameter of the intervals.
///
/// Censored days are dropped from the sequence before sizes and intervals are formed: a stock-out
/// is neither a demand nor a zero, and intervals count uncensored days. Values ≤ 0 are
/// non-demand days.
///
/// By default each smoothing parameter is fitted separately in 0.1...0.3 by minimising the
/// in-sample sum of squared one-step errors of its own SES (the demand sizes, the intervals), by
/// golden-section search as statsforecast's `CrostonOptimized` does (the SBA factor is then
/// applied with the fitted α_p). `.fixed(size: 0.1, interval: 0.1)` is statsforecast's
/// `CrostonSBA`.
///
/// The conventions follow statsforecast (`models.py` `_croston_classic`, `_croston_optimized`;
/// `src/ses.cpp`): each level starts at its first value, the first interval counts from the
/// start of the series (index of the first demand + 1), a series with no demand forecasts zero,
/// and the in-sample prediction before the first demand is zero.
public struct CrostonSBASettings: ForecastMethod {
  /// How the two smoothing parameters are chosen.
  public enum Smoothing: Sendable, Codable, Hashable {
    /// Each parameter fitted in `lower...upper` by in-sample squared error of its own series.
    case fitted(lower: Double, upper: Double)
    /// Fixed parameters for the demand sizes and the inter-demand intervals.
    case fixed(size: Double, interval: Double)
  }

  /// statsforecast's `CrostonOptimized` bounds.
  public static let defaultSmoothing = Smoothing.fitted(lower: 0.1, upper: 0.3)

  /// Width of the golden-section bracket at which the fitted parameters stop (statsforecast uses
  /// 1e-12; a millionth is far below what the data can tell apart and halves the work).
  public static let alphaTolerance = 1e-6

  public var smoothing: Smoothing

  public init(smoothing: Smoothing = CrostonSBASettings.defaultSmoothing) {
    self.smoothing = smoothing
  }

  /// Fixed smoothing parameters (statsforecast's `CrostonSBA` is `sizeAlpha: 0.1,
  /// intervalAlpha: 0.1`).
  public init(sizeAlpha: Double, intervalAlpha: Double) {
    self.init(smoothing: .fixed(size: sizeAlpha, interval: intervalAlpha))
  }

  /// `CrostonSBA` with the default fitted parameters, `CrostonSBA(0.05...0.5)` with other bounds,
  /// `CrostonSBA(0.1,0.1)` with fixed ones.
  public var name: String {
    switch smoothing {
    case Self.defaultSmoothing: return "CrostonSBA"
    case .fitted(let lower, let upper): return "CrostonSBA(\(lower)...\(upper))"
    case .fixed(let size, let interval): return "CrostonSBA(\(size),\(interval))"
    }
  }

  public var family: ModelFamily { .croston }

  /// Fits the smoothing parameters (unless fixed) and filters the series.
  ///
  /// - Throws: `ModelError.tooShort` without an uncensored day, `ModelError.nonFiniteValue` for
  ///   a non-finite uncensored value.
  /// - Complexity: O(n), then about 30 passes over the demand days when fitted (both
  ///   parameters' searches share each pass).
  public func fit(_ series: DemandSeries) throws(ModelError) -> CrostonSBAModel {
    _ = try series.checkedObservedCount(model: name)
    let sizeAlpha: Double
    let intervalAlpha: Double
    switch smoothing {
    case .fixed(let size, let interval):
      precondition(
        size > 0 && size <= 1 && interval > 0 && interval <= 1,
        "smoothing parameters lie in (0, 1]")
      (sizeAlpha, intervalAlpha) = (size, interval)
    case .fitted(let lower, let upper):
      precondition(lower > 0 && lower <= upper && upper <= 1, "bounds lie in (0, 1], ordered")
      (sizeAlpha, intervalAlpha) = Self.fittedAlphas(series, lower: lower, upper: upper)
    }
    let run = CrostonSBAModel.filter(series, sizeAlpha: sizeAlpha, intervalAlpha: intervalAlpha)
    return CrostonSBAModel(
      name: name, sizeAlpha: sizeAlpha, intervalAlpha: intervalAlpha,
      dispersion: CountDistribution.dispersion(series: series, fitted: run.fitted),
      state: run.state, fittedValues: run.fitted)
  }

  /// Each parameter minimising the squared one-step errors of its own SES (sizes, intervals).
  static func fittedAlphas(_ series: DemandSeries, lower: Double, upper: Double)
    -> (size: Double, interval: Double)
  {
    var sizes = [Double]()
    var intervals = [Double]()
    series.values.withUnsafeBufferPointer { y in
      series.censored.withUnsafeBufferPointer { censored in
        var sinceLast = 0.0
        for t in 0..<y.count where !censored[t] {
          sinceLast += 1
          if y[t] > 0 {
            sizes.append(y[t])
            intervals.append(sinceLast)
            sinceLast = 0
          }
        }
      }
    }
    let alphas = sizes.withUnsafeBufferPointer { sizes in
      intervals.withUnsafeBufferPointer { intervals in
        SimpleExponentialSmoothing.fittedAlphas(
          sizes, intervals, lower: lower, upper: upper, tolerance: alphaTolerance)
      }
    }
    let (size, interval) = (alphas[0], alphas[1])
    return (size, interval)
  }
}
