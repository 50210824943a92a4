import Foundation

extension KolmogorovDistribution {
  /// P(D_n ≤ d) by the Pelz–Good (1976) asymptotic series, for large n and moderate √n·d.
  ///
  /// Li-Chien and Korolyuk's expansion P(D_n ≤ d) ≈ K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2}
  /// in z = √n·d, with each Kᵢ rewritten through Jacobi's theta identity into sums that
  /// converge fast for small z. With m = 2k − 1, u_k = e^{−π²m²/(8z²)}, v_k = e^{−π²k²/(2z²)}
  /// and sums over k = 1 … ⌈16z/π⌉:
  ///
  ///     K₀ = √(2π)/z · Σ u_k
  ///     K₁ = √(2π)/(6z⁴) · Σ (π²m²/4 − z²) u_k
  ///     K₂ = √(2π)/(72z⁷) · Σ (6z⁶ + 2z⁴ + (2z⁴ − 5z²)π²m²/4 + (1 − 2z²)π⁴m⁴/16) u_k
  ///          − √(2π)π²/(36z³) · Σ k² v_k
  ///     K₃ = √(2π)/(6480z¹⁰) · Σ (−30z⁶ − 90z⁸ + (135z⁴ − 96z⁶)π²m²/4
  ///                                + (212z⁴ − 60z²)π⁴m⁴/16 + (5 − 30z²)π⁶m⁶/64) u_k
  ///          + √(2π)π²/(216z⁶) · Σ k²(3z² − π²k²) v_k
  ///
  /// Pelz, W. & Good, I. J. (1976), "Approximating the lower tail-areas of the Kolmogorov–
  /// Smirnov one-sample statistic", *J. R. Statist. Soc. B* 38(2), 152–156; the number of terms
  /// is Simard & L'Ecuyer's (2011).
  static func pelzGoodCDF(n: Int, d: Double) -> Double {
    guard d > 0 else { return 0 }
    guard d < 1 else { return 1 }
    let size = Double(n)
    let z = size.squareRoot() * d
    let z2 = z * z
    let z4 = z2 * z2
    let z6 = z4 * z2
    let piSquared = Double.pi * Double.pi
    // Below z ≈ 0.0417 every term underflows.
    guard -piSquared / (8 * z2) >= -708 else { return 0 }
    let rootTwoPi = (2 * Double.pi).squareRoot()
    let terms = Int((16 * z / Double.pi).rounded(.up))
    var sum0 = 0.0
    var sum1 = 0.0
    var sum2 = 0.0
    var sum3 = 0.0
    var extra2 = 0.0
    var extra3 = 0.0
    for k in stride(from: terms, through: 1, by: -1) {
      let kk = Double(k)
      let m2 = (2 * kk - 1) * (2 * kk - 1)
      let u = exp(-piSquared * m2 / (8 * z2))
      sum0 += u
      sum1 += (piSquared * m2 / 4 - z2) * u
      sum2 +=
        (6 * z6 + 2 * z4 + (2 * z4 - 5 * z2) * piSquared * m2 / 4
          + (1 - 2 * z2) * piSquared * piSquared * m2 * m2 / 16) * u
      sum3 +=
        (-30 * z6 - 90 * z4 * z4 + (135 * z4 - 96 * z6) * piSquared * m2 / 4
          + (212 * z4 - 60 * z2) * piSquared * piSquared * m2 * m2 / 16
          + (5 - 30 * z2) * piSquared * piSquared * piSquared * m2 * m2 * m2 / 64) * u
      let v = exp(-piSquared * kk * kk / (2 * z2))
      extra2 += kk * kk * v
      extra3 += kk * kk * (3 * z2 - piSquared * kk * kk) * v
    }
    let k0 = rootTwoPi / z * sum0
    let k1 = rootTwoPi / (6 * z4) * sum1
    let k2 = rootTwoPi / (72 * z6 * z) * sum2 - rootTwoPi * piSquared / (36 * z2 * z) * extra2
    let k3 = rootTwoPi / (6480 * z6 * z4) * sum3 + rootTwoPi * piSquared / (216 * z6) * extra3
    let rootN = size.squareRoot()
    return k0 + k1 / rootN + k2 / size + k3 / (size * rootN)
  }
}
