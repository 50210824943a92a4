import Foundation

/// The simulator's demand: one draw per store/SKU/day from the true expected demand, a pure
/// function of (seed, series, day), so every policy meets exactly the same customers whatever
/// order the simulation visits the days in.
public enum DemandDraws {
  /// A count with mean `expected` (0 for a mean ≤ 0): negative binomial with size `size`, or
  /// Poisson when `size` is `nil`; drawn by inverting the CDF at one hashed uniform. Where the
  /// probability of zero underflows (a mean of several hundred units), the normal with the same
  /// mean and variance, rounded.
  public static func draw(
    expected: Double, size: Double? = nil, seed: UInt64, series: Int, day: Int
  ) -> Int {
    guard expected > 0, expected.isFinite else { return 0 }
    let u = uniform(seed: seed, series: series, day: day)
    // P(0) and the ratio P(k+1)/P(k) = (k + a)/(k + 1) · q (Poisson: the limit a → ∞).
    let logZero: Double
    let q: Double
    if let size, size > 0, size.isFinite {
      logZero = size * log(size / (size + expected))
      q = expected / (size + expected)
    } else {
      logZero = -expected
      q = 0
    }
    if logZero < -600 {
      let variance = expected + (size.map { expected * expected / $0 } ?? 0)
      let z =
        (-2 * log(max(u, 1e-300))).squareRoot()
        * cos(2 * Double.pi * uniform(seed: seed ^ 0x5EED, series: series, day: day))
      return max(0, Int((expected + variance.squareRoot() * z).rounded()))
    }
    var probability = exp(logZero)
    var cumulative = probability
    var k = 0
    while cumulative < u && k < 1_000_000 {
      if let size, q > 0 {
        probability *= (Double(k) + size) / Double(k + 1) * q
      } else {
        probability *= expected / Double(k + 1)
      }
      k += 1
      cumulative += probability
      if probability == 0 && Double(k) > expected { break }
    }
    return k
  }

  /// A uniform in (0, 1) hashed from the three integers (SplitMix64's finaliser).
  static func uniform(seed: UInt64, series: Int, day: Int) -> Double {
    var z = seed &+ UInt64(truncatingIfNeeded: series) &* 0x9E37_79B9_7F4A_7C15
    z = z &+ UInt64(truncatingIfNeeded: day) &* 0xD1B5_4A32_D192_ED03
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) + 0.5) / Double(1 << 53)
  }
}
