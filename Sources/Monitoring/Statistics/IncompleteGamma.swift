import Foundation

/// The regularized incomplete gamma functions
///
///     P(a, x) = γ(a, x) / Γ(a) = (1/Γ(a)) ∫₀ˣ t^{a−1} e^{−t} dt,   Q(a, x) = 1 − P(a, x),
///
/// for a > 0 and x ≥ 0; Q(k/2, x/2) is the upper tail of the chi-square distribution with k
/// degrees of freedom.
///
/// Following Press et al., *Numerical Recipes* (3rd ed., 2007), §6.2: for x < a + 1 the series
///
///     P(a, x) = e^{−x} x^a Σ_{n≥0} xⁿ / (a (a+1) ⋯ (a+n))
///
/// converges quickly; otherwise the continued fraction
///
///     Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − ⋯)))
///
/// does, evaluated by the modified Lentz method. The side that is computed directly is the
/// smaller tail or close to it, so a tiny p-value keeps its relative precision. Both stop at a
/// relative change below ε; the iteration caps (far above the ~√a steps needed) only guard
/// against non-termination.
public enum IncompleteGamma {
  /// Q(a, x), the regularized upper incomplete gamma function (scipy `gammaincc(a, x)`).
  ///
  /// - Returns: A value in [0, 1]; NaN when a ≤ 0, x < 0 or either is NaN.
  public static func regularizedUpper(a: Double, x: Double) -> Double {
    guard a > 0, x >= 0 else { return .nan }
    if x == 0 { return 1 }
    if x.isInfinite { return 0 }
    if x < a + 1 { return clampProbability(1 - lowerSeries(a: a, x: x)) }
    return clampProbability(upperContinuedFraction(a: a, x: x))
  }

  /// P(a, x), the regularized lower incomplete gamma function (scipy `gammainc(a, x)`).
  ///
  /// - Returns: A value in [0, 1]; NaN when a ≤ 0, x < 0 or either is NaN.
  public static func regularizedLower(a: Double, x: Double) -> Double {
    guard a > 0, x >= 0 else { return .nan }
    if x == 0 { return 0 }
    if x.isInfinite { return 1 }
    if x < a + 1 { return clampProbability(lowerSeries(a: a, x: x)) }
    return clampProbability(1 - upperContinuedFraction(a: a, x: x))
  }

  /// ln(e^{−x} x^a / Γ(a)), the factor common to both expansions.
  private static func logPrefactor(a: Double, x: Double) -> Double {
    a * log(x) - x - logGamma(a)
  }

  private static func lowerSeries(a: Double, x: Double) -> Double {
    var denominator = a
    var term = 1 / a
    var sum = term
    for _ in 0..<100_000 {
      denominator += 1
      term *= x / denominator
      sum += term
      if abs(term) < abs(sum) * Double.ulpOfOne { break }
    }
    return sum * exp(logPrefactor(a: a, x: x))
  }

  private static func upperContinuedFraction(a: Double, x: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    for i in 1...100_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let change = d * c
      fraction *= change
      if abs(change - 1) < Double.ulpOfOne { break }
    }
    return exp(logPrefactor(a: a, x: x)) * fraction
  }
}
