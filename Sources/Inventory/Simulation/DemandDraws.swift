import Foundation

/// The simulator's demand: one draw per store/SKU/day from the true expected demand, a pure
/// function of (seed, series, day), so every policy meets exactly the same customers whatever
/// order the simulation visits the days in.
public enum DemandDraws {
  /// A Poisson count with mean `expected` (0 for a mean ≤ 0); above 200 units the normal
  /// approximation with a continuity correction.
  public static func draw(expected: Double, seed: UInt64, series: Int, day: Int) -> Int {
    guard expected > 0, expected.isFinite else { return 0 }
    let u = uniform(seed: seed, series: series, day: day)
    if expected > 200 {
      let z =
        (-2 * log(max(u, 1e-300))).squareRoot()
        * cos(
          2 * Double.pi
            * uniform(
              seed: seed ^ 0x5EED, series: series, day: day))
      return max(0, Int((expected + expected.squareRoot() * z).rounded()))
    }
    // Inversion: the smallest k with P(X ≤ k) ≥ u.
    var probability = exp(-expected)
    var cumulative = probability
    var k = 0
    while cumulative < u && k < 10_000 {
      k += 1
      probability *= expected / Double(k)
      cumulative += probability
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
