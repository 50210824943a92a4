import Foundation

/// The distribution of the two-sided one-sample Kolmogorov statistic
/// D_n = supₓ |F_n(x) − F(x)| for n observations from a continuous F, and its limit.
///
/// ``survival(_:sampleSize:)`` is P(D_n ≥ d), computed by the scheme of Simard & L'Ecuyer
/// (2011) with their switching points, as scipy 1.17 does for `scipy.stats.kstwo.sf(d, n)`:
///
/// | region (t = n·d)                    | method                                              |
/// |-------------------------------------|-----------------------------------------------------|
/// | d ≤ 1/(2n)                          | 1                                                   |
/// | t ≤ 1                               | Ruben–Gambino: P(D_n < d) = n!/nⁿ · (2t − 1)ⁿ       |
/// | t ≥ n − 1                           | Ruben–Gambino: 2 (1 − d)ⁿ                           |
/// | d ≥ 1/2                             | 2 · P(D_n⁺ ≥ d), exact (``SmirnovDistribution``)     |
/// | n ≤ 140, n d² ≤ 4                   | exact, Durbin's matrix (Marsaglia–Tsang–Wang 2003)  |
/// | n ≤ 140, n d² > 4                   | 2 · P(D_n⁺ ≥ d) (Miller's approximation)            |
/// | n > 140, n d² ≥ 370                 | 0                                                   |
/// | n > 140, 2.2 ≤ n d² < 370           | 2 · P(D_n⁺ ≥ d)                                     |
/// | n > 140, n ≤ 10⁵, n d^{3/2} ≤ 1.4   | exact, Durbin's matrix                              |
/// | otherwise                           | Pelz–Good asymptotic series                         |
///
/// Simard & L'Ecuyer use Pomeranz's recursion for n ≤ 140 and 0.754693 < n d² ≤ 4; it computes
/// the same exact probability as Durbin's matrix, which is used there instead (the matrix is at
/// most 47 × 47 in that region).
///
/// References: Durbin, J. (1968), *Ann. Math. Statist.* 39, 398–411. Marsaglia, G., Tsang,
/// W. W. & Wang, J. (2003), "Evaluating Kolmogorov's distribution", *J. Stat. Softw.* 8(18).
/// Pelz, W. & Good, I. J. (1976), *J. R. Statist. Soc. B* 38(2), 152–156. Ruben, H. &
/// Gambino, J. (1982), *Ann. Inst. Statist. Math.* 34. Simard, R. & L'Ecuyer, P.
/// (2011), *J. Stat. Softw.* 39(11).
public enum KolmogorovDistribution {
  /// P(D_n ≥ d), the two-sided one-sample Kolmogorov survival function (scipy
  /// `kstwo.sf(d, n)`).
  ///
  /// - Parameters:
  ///   - d: The statistic, any real number (1 below 1/(2n), 0 from 1 on); NaN gives NaN.
  ///   - n: The sample size, at least 1.
  /// - Complexity: O(1) in most regions; O(n) for the one-sided sums; O(k³ log n) with
  ///   k = 2⌈n d⌉ − 1 ≤ 115 for the matrix.
  public static func survival(_ d: Double, sampleSize n: Int) -> Double {
    precondition(n >= 1, "the sample size must be at least 1")
    guard !d.isNaN else { return .nan }
    let size = Double(n)
    if d >= 1 { return 0 }
    if d <= 0.5 / size { return 1 }
    let t = size * d
    if t <= 1 {
      return clampProbability(1 - rubenGambinoLowerCDF(n: n, t: t))
    }
    if t >= size - 1 { return clampProbability(2 * pow(1 - d, size)) }
    if d >= 0.5 { return clampProbability(2 * SmirnovDistribution.survival(d, sampleSize: n)) }
    let nd2 = t * d
    if n <= 140 {
      if nd2 <= 4 { return clampProbability(1 - durbinMatrixCDF(n: n, d: d)) }
      return clampProbability(2 * SmirnovDistribution.survival(d, sampleSize: n))
    }
    if nd2 >= 370 { return 0 }
    if nd2 >= 2.2 { return clampProbability(2 * SmirnovDistribution.survival(d, sampleSize: n)) }
    if n <= 100_000 && size * pow(d, 1.5) <= 1.4 {
      return clampProbability(1 - durbinMatrixCDF(n: n, d: d))
    }
    return clampProbability(1 - pelzGoodCDF(n: n, d: d))
  }

  /// P(K > x) for Kolmogorov's limiting distribution K = lim √n D_n (scipy
  /// `kstwobign.sf(x)` = `scipy.special.kolmogorov(x)`).
  ///
  ///     P(K > x) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}                       (x ≥ 0.82)
  ///     P(K ≤ x) = (√(2π) / x) Σ_{k≥1} e^{−(2k−1)²π² / (8x²)}             (x < 0.82)
  ///
  /// the two forms being related by Jacobi's theta-function identity; each converges in a few
  /// terms on its side of the switch. `sqrt(n_A n_B / (n_A + n_B)) · D` against this is the
  /// classical (Smirnov 1948) large-sample two-sample p-value, which scipy no longer uses.
  public static func limitingSurvival(_ x: Double) -> Double {
    guard !x.isNaN else { return .nan }
    guard x > 0 else { return 1 }
    if x < 0.82 {
      let w = (2 * Double.pi).squareRoot() / x
      let exponentScale = -Double.pi * Double.pi / (8 * x * x)
      var cdf = 0.0
      for k in 1...20 {
        let odd = Double(2 * k - 1)
        let term = w * exp(exponentScale * odd * odd)
        cdf += term
        if term <= cdf * 1e-17 { break }
      }
      return clampProbability(1 - cdf)
    }
    var sf = 0.0
    var sign = 1.0
    for k in 1...100 {
      let kk = Double(k)
      let term = 2 * exp(-2 * kk * kk * x * x)
      sf += sign * term
      if term <= abs(sf) * 1e-17 { break }
      sign = -sign
    }
    return clampProbability(sf)
  }

  /// P(D_n < d) for 1/(2n) < d ≤ 1/n: n!/nⁿ (2t − 1)ⁿ with t = n d.
  private static func rubenGambinoLowerCDF(n: Int, t: Double) -> Double {
    let base = 2 * t - 1
    if n <= 140 {
      var product = 1.0
      let size = Double(n)
      for i in 1...n { product *= Double(i) * (1 / size) * base }
      return product
    }
    let size = Double(n)
    return exp(logGamma(size + 1) - size * log(size) + size * log(base))
  }
}

func clampProbability(_ p: Double) -> Double {
  p.isNaN ? p : min(max(p, 0), 1)
}

/// ln Γ(x) for x > 0 (the C library's re-entrant `lgamma_r`).
func logGamma(_ x: Double) -> Double {
  let (value, _): (Double, Int) = lgamma(x)
  return value
}
