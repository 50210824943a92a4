import Foundation

/// The binomial distribution's tail: how surprising k or more successes in n trials are.
///
/// Used where a count is rare enough that the chi-square approximation fails: with an
/// expected count below about five, Pearson's χ² p-value is far too small, while the exact
/// binomial tail is right at any size.
public enum Binomial {
  /// P(X ≥ k) for X ~ Binomial(n, p) (scipy `binom.sf(k - 1, n, p)`).
  ///
  /// The probabilities are summed from the term nearest the mode outward, each from the last by
  /// the ratio of consecutive terms, starting from the exact log term (`lgamma`), so the sum
  /// keeps full relative precision in the tail: the upper tail directly when k is above the
  /// mode, otherwise 1 − P(X ≤ k − 1).
  ///
  /// - Returns: 1 for k ≤ 0, 0 for k > n; a value in [0, 1].
  /// - Precondition: n ≥ 0 and 0 ≤ p ≤ 1.
  /// - Complexity: O(n) at most; O(√(n p (1 − p)) · 40) in practice.
  public static func upperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
    precondition(n >= 0 && p >= 0 && p <= 1, "a binomial needs n ≥ 0 and 0 ≤ p ≤ 1")
    guard k > 0 else { return 1 }
    guard k <= n else { return 0 }
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    let mode = Int((Double(n + 1) * p).rounded(.down))
    if k > mode {
      return clampProbability(sum(from: k, through: n, step: 1, n: n, p: p))
    }
    return clampProbability(1 - sum(from: k - 1, through: 0, step: -1, n: n, p: p))
  }

  /// log P(X = j).
  static func logTerm(_ j: Int, n: Int, p: Double) -> Double {
    lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1)) + Double(j) * log(p)
      + Double(n - j) * log1p(-p)
  }

  /// Σ P(X = j) for j from `start` toward `end` by `step`, stopping once the terms no longer
  /// change the sum.
  private static func sum(from start: Int, through end: Int, step: Int, n: Int, p: Double)
    -> Double
  {
    let odds = p / (1 - p)
    var term = exp(logTerm(start, n: n, p: p))
    var total = 0.0
    var j = start
    while true {
      total += term
      if j == end || term <= total * 1e-17 { break }
      // P(j + 1) / P(j) = (n − j) / (j + 1) · p / (1 − p), and its inverse going down.
      term *= step > 0 ? Double(n - j) / Double(j + 1) * odds : Double(j) / Double(n - j + 1) / odds
      j += step
    }
    return total
  }
}
