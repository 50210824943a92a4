import Foundation

/// Quantiles of the standard normal distribution, for models whose predictive distribution is
/// Gaussian. Acklam's rational approximation refined by one Halley step (relative error below
/// 1e-15 over 0 < p < 1).
public func standardNormalQuantile(_ p: Double) -> Double {
  precondition(p > 0 && p < 1, "a quantile level lies strictly between 0 and 1")
  let a = [
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
  ]
  let b = [
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01,
  ]
  let c = [
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
  ]
  let d = [
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00,
  ]
  let low = 0.02425
  var x: Double
  if p < low {
    let q = (-2 * log(p)).squareRoot()
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
      / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else if p <= 1 - low {
    let q = p - 0.5
    let r = q * q
    x =
      (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  } else {
    let q = (-2 * log(1 - p)).squareRoot()
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
      / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  }
  // One Halley step against the complementary error function.
  let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
  let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
  x -= u / (1 + x * u / 2)
  return x
}

/// Gaussian quantile paths around `mean` with standard deviations `sigma`, clipped at zero and
/// made monotone across levels (clipping can tie paths, never cross them).
public func gaussianQuantiles(mean: [Double], sigma: [Double], levels: [Double]) -> [QuantilePath] {
  precondition(mean.count == sigma.count, "one standard deviation per forecast day")
  let sorted = levels.sorted()
  return sorted.map { level in
    let z = standardNormalQuantile(level)
    return QuantilePath(
      level: level,
      values: zip(mean, sigma).map { m, s in max(0, m + z * (s.isFinite ? s : 0)) })
  }
}
