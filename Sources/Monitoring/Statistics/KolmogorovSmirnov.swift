/// The two-sided two-sample Kolmogorov–Smirnov test, computed as `scipy.stats.ks_2samp` does.
///
/// The statistic is the largest gap between the two empirical distribution functions,
///
///     D = supₓ |F_A(x) − F_B(x)|,   F_A(x) = #{aᵢ ≤ x} / n_A,
///
/// evaluated at every observed value, so tied values (daily unit counts are mostly ties) are
/// handled exactly: both functions jump by the full multiplicity of a tied value at once.
/// D lies in [0, 1] and is itself the effect size: the largest difference in the share of
/// observations at or below some value.
///
/// The p-value P(D_{n_A,n_B} ≥ d) under "both samples come from the same continuous
/// distribution" is computed by one of two methods (``Method``):
/// - **Exact**: the share of the C(n_A + n_B, n_A) equally likely orderings of the pooled
///   sample whose D reaches the observed one, counted as monotone lattice paths that leave the
///   band |i/n_A − j/n_B| < d (Hodges 1958; for n_A ≠ n_B the recursion for the complementary
///   probability of Viehmann 2021, for n_A = n_B the reflection formula of Gnedenko–Korolyuk,
///   in `KolmogorovSmirnov+Exact.swift`).
/// - **Asymptotic**: the finite-n one-sample Kolmogorov distribution at the effective size
///   n = round(n_A n_B / (n_A + n_B)) (``KolmogorovDistribution/survival(_:sampleSize:)``),
///   i.e. scipy's `kstwo.sf(d, round(en))`.
///
/// With ties the exact p-value is that of the continuous null, hence conservative, exactly as
/// scipy reports it; the statistic itself is exact.
///
/// References: Hodges, J. L. (1958), "The significance probability of the Smirnov two-sample
/// test", *Arkiv för Matematik* 3, 469–486. Viehmann, T. (2021), "Numerically more stable
/// computation of the p-values for the two-sample Kolmogorov–Smirnov test", arXiv:2102.08037.
/// Simard, R. & L'Ecuyer, P. (2011), "Computing the two-sided Kolmogorov–Smirnov
/// distribution", *Journal of Statistical Software* 39(11). The method choice and its fallbacks
/// follow scipy 1.17 `scipy/stats/_stats_py.py` (`ks_2samp`, `_attempt_exact_2kssamp`).
public enum KolmogorovSmirnov {
  /// How the p-value is computed; the names are scipy's `method` argument.
  public enum Method: String, Sendable, Codable, CaseIterable {
    /// Exact when both samples have at most ``automaticExactLimit`` observations, otherwise
    /// asymptotic (scipy `'auto'`).
    case auto
    /// The exact permutation p-value (scipy `'exact'`); falls back to asymptotic when the
    /// lattice is too large (lcm(n_A, n_B) beyond 32-bit) or the computation leaves [0, 1].
    case exact
    /// The finite-n Kolmogorov distribution at the effective sample size (scipy `'asymp'`).
    case asymptotic
  }

  /// The largest sample size for which ``Method/auto`` computes the exact p-value (scipy's
  /// `MAX_AUTO_N`).
  public static let automaticExactLimit = 10_000

  /// The two-sided two-sample test of `a` against `b`.
  ///
  /// - Parameters:
  ///   - a: The first sample (for drift, the reference window), in any order.
  ///   - b: The second sample (the current window), in any order.
  ///   - method: How to compute the p-value; ``KSResult/method`` says which one was used.
  /// - Returns: D, its p-value and where D was attained.
  /// - Throws: `StatisticsError.emptySample` or `.nonFiniteValue` (NaN or infinity).
  /// - Complexity: O(n log n) for the sorts and the statistic. The exact p-value costs
  ///   O(n_A + n_B) for equal sizes and O(max(n_A, n_B) · D · min(n_A, n_B)) otherwise (about
  ///   10⁸ steps at n = 10 000 and D near 1); the asymptotic one is O(max(n_A, n_B)) at most.
  public static func twoSample(
    _ a: [Double], _ b: [Double], method: Method = .auto
  ) throws(StatisticsError) -> KSResult {
    try checkSample(a, name: "a")
    try checkSample(b, name: "b")
    return statisticAndPValue(sortedA: a.sorted(), sortedB: b.sorted(), method: method)
  }

  /// ``twoSample(_:_:method:)`` for samples already in ascending order, so a reference window
  /// sorted once can be tested against many current windows.
  ///
  /// - Precondition: `sortedA` and `sortedB` are in ascending order.
  /// - Throws: `StatisticsError.emptySample` or `.nonFiniteValue`.
  public static func twoSample(
    sortedA: [Double], sortedB: [Double], method: Method = .auto
  ) throws(StatisticsError) -> KSResult {
    try checkSample(sortedA, name: "a")
    try checkSample(sortedB, name: "b")
    precondition(isAscending(sortedA) && isAscending(sortedB), "samples must be sorted")
    return statisticAndPValue(sortedA: sortedA, sortedB: sortedB, method: method)
  }

  private static func checkSample(_ values: [Double], name: String) throws(StatisticsError) {
    guard !values.isEmpty else { throw .emptySample(sample: name) }
    try checkFinite(values, sample: name)
  }

  private static func isAscending(_ values: [Double]) -> Bool {
    zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
  }

  private static func statisticAndPValue(
    sortedA: [Double], sortedB: [Double], method: Method
  ) -> KSResult {
    let gap = ECDFGap(sortedA: sortedA, sortedB: sortedB)
    let sizeA = sortedA.count
    let sizeB = sortedB.count
    var statistic = gap.statistic
    var used = method
    if method == .auto {
      used = max(sizeA, sizeB) <= automaticExactLimit ? .exact : .asymptotic
    } else if method == .exact && !latticeFits(sizeA, sizeB) {
      used = .asymptotic
    }
    var pValue = Double.nan
    if used == .exact {
      let exact = exactPValue(sizeA: sizeA, sizeB: sizeB, statistic: statistic)
      statistic = exact.statistic
      if let p = exact.pValue { pValue = p } else { used = .asymptotic }
    }
    if used == .asymptotic {
      pValue = asymptoticPValue(sizeA: sizeA, sizeB: sizeB, statistic: statistic)
    }
    return KSResult(
      statistic: statistic, pValue: clampProbability(pValue), method: used, sampleSizeA: sizeA,
      sampleSizeB: sizeB, location: gap.location,
      sign: gap.sign)
  }

  /// Whether lcm(n_A, n_B) stays within 32-bit integers, scipy's condition for trying the exact
  /// method when it is asked for explicitly.
  private static func latticeFits(_ sizeA: Int, _ sizeB: Int) -> Bool {
    let divisor = greatestCommonDivisor(sizeA, sizeB)
    return Double(sizeA / divisor) < Double(Int32.max) / Double(sizeB / divisor)
  }

  /// The asymptotic p-value: the one-sample Kolmogorov distribution at n = round(m n / (m + n))
  /// (ties to even, as numpy rounds). NaN when that rounds to 0 (two single observations).
  static func asymptoticPValue(sizeA: Int, sizeB: Int, statistic: Double) -> Double {
    let m = Double(max(sizeA, sizeB))
    let n = Double(min(sizeA, sizeB))
    let effectiveSize = (m * n / (m + n)).rounded(.toNearestOrEven)
    guard effectiveSize >= 1 else { return .nan }
    return KolmogorovDistribution.survival(statistic, sampleSize: Int(effectiveSize))
  }
}

/// The outcome of ``KolmogorovSmirnov/twoSample(_:_:method:)``.
public struct KSResult: Equatable, Sendable {
  /// D = supₓ |F_A(x) − F_B(x)|, in [0, 1]. With the exact method it is h / lcm(n_A, n_B)
  /// for the integer h nearest the computed gap, as scipy reports it.
  public var statistic: Double
  /// P(D ≥ statistic) under the null of one common continuous distribution; NaN only for the
  /// asymptotic method on two single observations (as scipy).
  public var pValue: Double
  /// The method actually used: ``KolmogorovSmirnov/Method/exact`` or
  /// ``KolmogorovSmirnov/Method/asymptotic``, never `auto`.
  public var method: KolmogorovSmirnov.Method
  /// n_A, the number of observations in the first sample.
  public var sampleSizeA: Int
  /// n_B, the number of observations in the second sample.
  public var sampleSizeB: Int
  /// An observed value at which the gap equals D (scipy's `statistic_location`).
  public var location: Double
  /// +1 when F_A − F_B reaches D (the first sample has more mass at or below `location`, so it
  /// tends to be smaller), −1 when F_B − F_A does (scipy's `statistic_sign`).
  public var sign: Int

  public init(
    statistic: Double, pValue: Double, method: KolmogorovSmirnov.Method, sampleSizeA: Int,
    sampleSizeB: Int, location: Double, sign: Int
  ) {
    self.statistic = statistic
    self.pValue = pValue
    self.method = method
    self.sampleSizeA = sampleSizeA
    self.sampleSizeB = sampleSizeB
    self.location = location
    self.sign = sign
  }
}

func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
  var (x, y) = (a, b)
  while y != 0 { (x, y) = (y, x % y) }
  return x
}
