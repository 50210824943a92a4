import Foundation

/// Pearson's chi-square tests for categorical mixes: whether two windows share one mix
/// (``homogeneity(observedA:observedB:)``, e.g. the share of units sold on each day of the
/// week, or in each price band), and whether one window follows a reference mix
/// (``goodnessOfFit(observed:expected:)``).
///
/// The inputs are **counts** (units, transactions), not shares: the statistic grows with the
/// total, which is what makes a small shift significant in a large sample. Fractional counts
/// are accepted (e.g. units of a product sold by weight).
///
/// Reference: Agresti, A. (2013), *Categorical Data Analysis*, 3rd ed., ch. 3 (the tests);
/// Cramér, H. (1946), *Mathematical Methods of Statistics* (the coefficient V).
public enum ChiSquare {
  /// The test that two samples come from one categorical distribution: Pearson's chi-square on
  /// the 2 × k contingency table with rows `observedA` and `observedB` (scipy
  /// `chi2_contingency(table, correction=False)`).
  ///
  /// Categories empty in both samples are dropped first (they carry no information and would
  /// put a zero in a denominator). With row totals R_r, column totals C_j, N = R_A + R_B and
  /// expected counts E_rj = R_r C_j / N over the k′ remaining categories,
  ///
  ///     χ² = Σ_r Σ_j (O_rj − E_rj)² / E_rj,   df = k′ − 1,   p = Q(df/2, χ²/2),
  ///
  /// and Cramér's V = √(χ² / (N · min(2 − 1, k′ − 1))) = √(χ²/N) ∈ [0, 1], 0 for identical
  /// mixes and 1 for disjoint ones. With k′ = 1 (one shared category) the table carries no
  /// evidence: χ² = 0, df = 0, p = 1, V = 0, as scipy reports.
  ///
  /// - Parameters:
  ///   - observedA: Counts per category in the first sample (the reference window).
  ///   - observedB: Counts per category in the second sample, same categories and order.
  /// - Throws: `StatisticsError.categoryCountMismatch`, `.nonFiniteValue`, `.negativeValue`, or
  ///   `.emptySample` when a sample's counts sum to zero.
  /// - Complexity: O(k).
  public static func homogeneity(
    observedA: [Double], observedB: [Double]
  ) throws(StatisticsError) -> ChiSquareResult {
    guard observedA.count == observedB.count else {
      throw .categoryCountMismatch(expected: observedA.count, received: observedB.count)
    }
    let totalA = try checkedTotal(observedA, sample: "observedA")
    let totalB = try checkedTotal(observedB, sample: "observedB")
    let total = totalA + totalB
    var statistic = 0.0
    var categories = 0
    for (a, b) in zip(observedA, observedB) {
      let column = a + b
      guard column > 0 else { continue }
      categories += 1
      let expectedA = totalA * column / total
      let expectedB = totalB * column / total
      statistic += (a - expectedA) * (a - expectedA) / expectedA
      statistic += (b - expectedB) * (b - expectedB) / expectedB
    }
    guard categories > 1 else {
      return ChiSquareResult(
        statistic: 0, degreesOfFreedom: 0, pValue: 1, cramersV: 0, total: total)
    }
    let degreesOfFreedom = categories - 1
    return ChiSquareResult(
      statistic: statistic, degreesOfFreedom: degreesOfFreedom,
      pValue: survival(statistic, degreesOfFreedom: degreesOfFreedom),
      cramersV: (statistic / total).squareRoot(), total: total)
  }

  /// The test that `observed` counts follow the mix `expected` (scipy
  /// `chisquare(observed, f_exp)` with `f_exp` scaled to the observed total).
  ///
  /// `expected` holds shares or counts of a reference, in the same categories; it is rescaled
  /// to the observed total N: E_j = N · w_j / Σw. Categories with E_j = 0 and O_j = 0 are
  /// dropped. Over the k′ remaining,
  ///
  ///     χ² = Σ_j (O_j − E_j)² / E_j,   df = k′ − 1,   p = Q(df/2, χ²/2),
  ///
  /// and the effect size is the one-way form of Cramér's V, √(χ² / (N (k′ − 1))): 0 when the
  /// observed mix equals the reference, 1 when a uniform reference meets a sample concentrated
  /// in one category (it can exceed 1 against a skewed reference). A count in a category the
  /// reference gives zero share is impossible under the null: χ² and V are +∞ and p is 0.
  /// With k′ = 1: χ² = 0, df = 0, p = 1, V = 0.
  ///
  /// - Throws: `StatisticsError.categoryCountMismatch`, `.nonFiniteValue`, `.negativeValue`, or
  ///   `.emptySample` when either side sums to zero.
  /// - Complexity: O(k).
  public static func goodnessOfFit(
    observed: [Double], expected: [Double]
  ) throws(StatisticsError) -> ChiSquareResult {
    guard observed.count == expected.count else {
      throw .categoryCountMismatch(expected: expected.count, received: observed.count)
    }
    let total = try checkedTotal(observed, sample: "observed")
    let weight = try checkedTotal(expected, sample: "expected")
    var statistic = 0.0
    var categories = 0
    for (o, w) in zip(observed, expected) {
      let e = total * w / weight
      if e > 0 {
        statistic += (o - e) * (o - e) / e
        categories += 1
      } else if o > 0 {
        statistic = .infinity
        categories += 1
      }
    }
    guard categories > 1 else {
      return ChiSquareResult(
        statistic: 0, degreesOfFreedom: 0, pValue: 1, cramersV: 0, total: total)
    }
    let degreesOfFreedom = categories - 1
    return ChiSquareResult(
      statistic: statistic, degreesOfFreedom: degreesOfFreedom,
      pValue: survival(statistic, degreesOfFreedom: degreesOfFreedom),
      cramersV: (statistic / (total * Double(degreesOfFreedom))).squareRoot(), total: total)
  }

  /// P(χ²_df ≥ statistic) = Q(df/2, statistic/2) (scipy `chi2.sf(statistic, df)`).
  ///
  /// - Returns: 1 for a statistic ≤ 0, 0 for +∞, NaN for NaN.
  /// - Precondition: `degreesOfFreedom ≥ 1`.
  public static func survival(_ statistic: Double, degreesOfFreedom: Int) -> Double {
    precondition(degreesOfFreedom >= 1, "the chi-square distribution needs df ≥ 1")
    guard !statistic.isNaN else { return .nan }
    guard statistic > 0 else { return 1 }
    return IncompleteGamma.regularizedUpper(a: Double(degreesOfFreedom) / 2, x: statistic / 2)
  }
}

/// The outcome of a chi-square test (``ChiSquare``).
public struct ChiSquareResult: Equatable, Sendable {
  /// Pearson's χ² = Σ (O − E)² / E over the categories used.
  public var statistic: Double
  /// k′ − 1 for the k′ categories used (0 when only one was left).
  public var degreesOfFreedom: Int
  /// P(χ²_df ≥ statistic); 1 when `degreesOfFreedom` is 0.
  public var pValue: Double
  /// The effect size: Cramér's V (see each test for its normalisation), independent of the
  /// sample size, unlike χ² and the p-value.
  public var cramersV: Double
  /// N, the total count the statistic was computed from (both samples for homogeneity).
  public var total: Double

  public init(
    statistic: Double, degreesOfFreedom: Int, pValue: Double, cramersV: Double, total: Double
  ) {
    self.statistic = statistic
    self.degreesOfFreedom = degreesOfFreedom
    self.pValue = pValue
    self.cramersV = cramersV
    self.total = total
  }
}
