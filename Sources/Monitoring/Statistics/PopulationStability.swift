import Foundation

/// The population stability index (PSI) between a reference sample and a current one.
///
///     PSI = Σᵢ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)
///
/// over bins i, with eᵢ the reference ("expected") share and aᵢ the current ("actual") share of
/// observations in bin i. It is the symmetrised Kullback–Leibler divergence
/// KL(a‖e) + KL(e‖a) of the binned distributions: 0 for identical shares, positive otherwise,
/// and unlike a p-value it does not grow with the sample size, so it reads as an effect size.
/// A common rule of thumb (Siddiqi, *Credit Risk Scorecards*, 2006, ch. 8; Yurdakul 2018) reads
/// PSI < 0.1 as no shift, 0.1–0.25 as moderate and > 0.25 as a major shift.
///
/// **Bins** (``index(expected:actual:bins:floor:)``) come from the reference sample: the
/// interior edges are its quantiles at i/B for i = 1 … B − 1, each the smallest reference value
/// x with F_e(x) ≥ i/B (the inverse of the empirical distribution function, Hyndman & Fan
/// type 1, numpy's `method='inverted_cdf'`; found in exact integer arithmetic as the order
/// statistic of rank ⌈i·n/B⌉), with repeated edges kept once. The bins are right-closed with
/// open ends, (−∞, q₁], (q₁, q₂], …, (q_last, +∞), so every current value falls in a bin and
/// the reference share of each is as close to 1/B as the data allow. Edges are always observed
/// values, so with discrete data (daily units) the quantiles coincide and the bins collapse to
/// the values where the reference piles up: with 70 % zeros the first bin is exactly "0 units".
///
/// **Empty bins**: ln(a/e) is infinite when a share is 0, so each share is floored before the
/// sum: aᵢ ← max(aᵢ, floor), eᵢ ← max(eᵢ, floor), without renormalising (floor 10⁻⁴ by default;
/// a bin the current window empties then contributes about eᵢ ln(eᵢ / 10⁻⁴)). The reported
/// shares are the unfloored ones.
///
/// Reference: Yurdakul, B. (2018), *Statistical Properties of Population Stability Index*,
/// Western Michigan University dissertation 3208.
public enum PopulationStability {
  /// The number of quantile bins used unless another is given.
  public static let defaultBinCount = 10
  /// The share every bin is floored at unless another is given.
  public static let defaultFloor = 1e-4

  /// The PSI of `actual` against bins cut at the quantiles of `expected` (see the type).
  ///
  /// - Parameters:
  ///   - expected: The reference sample, in any order.
  ///   - actual: The current sample, in any order.
  ///   - bins: The number of quantile bins before duplicate edges collapse, at least 1.
  ///   - floor: The smallest share used in the sum, 0 < floor < 1.
  /// - Throws: `StatisticsError.emptySample`, `.nonFiniteValue`, `.invalidBinCount` or
  ///   `.invalidFloor`.
  /// - Complexity: O(n_e log n_e + n_a log B).
  public static func index(
    expected: [Double], actual: [Double], bins: Int = defaultBinCount,
    floor: Double = defaultFloor
  ) throws(StatisticsError) -> PopulationStabilityResult {
    guard bins >= 1 else { throw .invalidBinCount(bins) }
    guard floor > 0 && floor < 1 else { throw .invalidFloor(floor) }
    guard !expected.isEmpty else { throw .emptySample(sample: "expected") }
    guard !actual.isEmpty else { throw .emptySample(sample: "actual") }
    try checkFinite(expected, sample: "expected")
    try checkFinite(actual, sample: "actual")
    let sorted = expected.sorted()
    let edges = quantileEdges(sorted: sorted, bins: bins)
    var expectedCounts = [Double](repeating: 0, count: edges.count + 1)
    var below = 0
    for (bin, edge) in edges.enumerated() {
      let atOrBelow = countAtOrBelow(edge, in: sorted)
      expectedCounts[bin] = Double(atOrBelow - below)
      below = atOrBelow
    }
    expectedCounts[edges.count] = Double(sorted.count - below)
    var actualCounts = [Double](repeating: 0, count: edges.count + 1)
    for value in actual { actualCounts[countBelow(value, in: edges)] += 1 }
    let expectedShares = expectedCounts.map { $0 / Double(sorted.count) }
    let actualShares = actualCounts.map { $0 / Double(actual.count) }
    return summed(
      expectedShares: expectedShares, actualShares: actualShares, edges: edges, floor: floor)
  }

  /// The PSI of shares already binned on a common grid (e.g. by price band or day of week).
  ///
  /// Each side may be shares or counts: it is divided by its own sum first.
  ///
  /// - Throws: `StatisticsError.categoryCountMismatch`, `.nonFiniteValue`, `.negativeValue`,
  ///   `.emptySample` (a side summing to 0) or `.invalidFloor`.
  public static func index(
    expectedShares: [Double], actualShares: [Double], floor: Double = defaultFloor
  ) throws(StatisticsError) -> PopulationStabilityResult {
    guard floor > 0 && floor < 1 else { throw .invalidFloor(floor) }
    guard expectedShares.count == actualShares.count else {
      throw .categoryCountMismatch(expected: expectedShares.count, received: actualShares.count)
    }
    let expectedTotal = try checkedTotal(expectedShares, sample: "expectedShares")
    let actualTotal = try checkedTotal(actualShares, sample: "actualShares")
    return summed(
      expectedShares: expectedShares.map { $0 / expectedTotal },
      actualShares: actualShares.map { $0 / actualTotal }, edges: [], floor: floor)
  }

  /// The interior bin edges: for i = 1 … bins − 1 the order statistic of rank ⌈i·n/bins⌉ of
  /// `sorted` (the type-1 quantile at i/bins), each distinct value once, ascending.
  ///
  /// - Precondition: `sorted` is non-empty and ascending; `bins ≥ 1`.
  public static func quantileEdges(sorted: [Double], bins: Int) -> [Double] {
    precondition(!sorted.isEmpty && bins >= 1, "quantile edges need data and a bin count")
    var edges: [Double] = []
    for i in stride(from: 1, to: bins, by: 1) {
      let rank = (i * sorted.count + bins - 1) / bins  // ⌈i·n/bins⌉ ≥ 1
      let edge = sorted[rank - 1]
      if edges.last != edge { edges.append(edge) }
    }
    return edges
  }

  private static func summed(
    expectedShares: [Double], actualShares: [Double], edges: [Double], floor: Double
  ) -> PopulationStabilityResult {
    var contributions: [Double] = []
    contributions.reserveCapacity(expectedShares.count)
    var total = 0.0
    for (e, a) in zip(expectedShares, actualShares) {
      let flooredE = max(e, floor)
      let flooredA = max(a, floor)
      let contribution = (flooredA - flooredE) * log(flooredA / flooredE)
      contributions.append(contribution)
      total += contribution
    }
    return PopulationStabilityResult(
      index: total, upperEdges: edges, expectedShares: expectedShares,
      actualShares: actualShares, contributions: contributions)
  }

  /// The number of values in ascending `sorted` that are ≤ `value`.
  private static func countAtOrBelow(_ value: Double, in sorted: [Double]) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The number of values in ascending `sorted` that are < `value` (the bin of `value`).
  private static func countBelow(_ value: Double, in sorted: [Double]) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// The outcome of ``PopulationStability``: the index and its breakdown by bin.
public struct PopulationStabilityResult: Equatable, Sendable {
  /// PSI = Σ contributions, ≥ 0.
  public var index: Double
  /// The interior edges; bin 0 is (−∞, upperEdges[0]], bin i is
  /// (upperEdges[i−1], upperEdges[i]], the last bin is (upperEdges.last, +∞). Empty for
  /// pre-binned shares and for a single bin.
  public var upperEdges: [Double]
  /// The reference share of each bin (unfloored; sums to 1).
  public var expectedShares: [Double]
  /// The current share of each bin (unfloored; sums to 1).
  public var actualShares: [Double]
  /// (aᵢ − eᵢ) ln(aᵢ / eᵢ) with the floored shares; each ≥ 0, so the largest names the bin
  /// that moved most.
  public var contributions: [Double]

  public init(
    index: Double, upperEdges: [Double], expectedShares: [Double], actualShares: [Double],
    contributions: [Double]
  ) {
    self.index = index
    self.upperEdges = upperEdges
    self.expectedShares = expectedShares
    self.actualShares = actualShares
    self.contributions = contributions
  }
}
