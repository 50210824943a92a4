/// The outcome of one drift test on one segment: a row of `reports/<day>/drift.csv`.
///
/// `statistic` is always the number compared with `threshold`, and it grows with drift: the
/// Kolmogorov–Smirnov D, Cramér's V, the population stability index or the WAPE ratio (see
/// ``Test``). `pValue` is the test's p-value when it has one; the decision of a test with a
/// p-value needs both (``DriftSettings`` explains why).
public struct DriftFinding: Sendable, Equatable, Codable {
  /// What was compared.
  public enum Feature: String, Sendable, Codable, CaseIterable {
    /// How much each series sells relative to its own history and to the same SKU in other
    /// stores (``LevelShiftScorer``).
    case demandLevel = "demand_level"
    /// The share of units sold on each day of the week.
    case weekdayProfile = "weekday_profile"
    /// The offered price relative to the list price, over store/SKU/days.
    case price
    /// The share of store/SKU/days under a promotion.
    case promotionShare = "promotion_share"
    /// Forecast accuracy: the recent WAPE against the backtest WAPE (concept drift).
    case accuracy
  }

  /// How it was compared, and so what `statistic` is.
  public enum Test: String, Sendable, Codable, CaseIterable {
    /// Two-sample Kolmogorov–Smirnov; `statistic` is D ∈ [0, 1].
    case ks
    /// Pearson chi-square on a categorical mix; `statistic` is Cramér's V of the recent mix
    /// against the reference mix (``DriftDetector/mixEffect(reference:recent:)``).
    case chiSquare = "chi_square"
    /// Exact one-sided binomial test of a rare count (the recent share beyond a band against
    /// the reference share e); `statistic` is V = (r − e) / √(e (1 − e)) for the recent share
    /// r, 0 when r ≤ e.
    case binomial
    /// Population stability index; `statistic` is the PSI ≥ 0. No p-value.
    case psi
    /// Recent WAPE ÷ backtest WAPE; `statistic` is the ratio. No p-value.
    case wapeRatio = "wape_ratio"
  }

  /// Where it was measured: `chain`, `region=<name>` or `category=<name>`.
  public var segment: String
  public var feature: Feature
  public var test: Test
  /// The effect size compared with `threshold` (D, V, PSI or the WAPE ratio).
  public var statistic: Double
  /// The test's p-value; `nil` for the PSI and the WAPE ratio, which have none.
  public var pValue: Double?
  /// The level of `statistic` from which the segment counts as drifted.
  public var threshold: Double
  /// The decision: `statistic ≥ threshold`, and `pValue < alpha` when there is a p-value.
  public var drifted: Bool

  public init(
    segment: String, feature: Feature, test: Test, statistic: Double, pValue: Double?,
    threshold: Double, drifted: Bool
  ) {
    self.segment = segment
    self.feature = feature
    self.test = test
    self.statistic = statistic
    self.pValue = pValue
    self.threshold = threshold
    self.drifted = drifted
  }

  /// A finding decided by the rule of ``DriftSettings``: drifted when `statistic ≥ threshold`
  /// and, for a test with a p-value, `pValue < alpha`. A NaN statistic or p-value never counts
  /// as drift.
  public init(
    segment: String, feature: Feature, test: Test, statistic: Double, pValue: Double?,
    threshold: Double, alpha: Double
  ) {
    let large = statistic >= threshold
    let significant = pValue.map { $0 < alpha } ?? true
    self.init(
      segment: segment, feature: feature, test: test, statistic: statistic, pValue: pValue,
      threshold: threshold, drifted: large && significant)
  }
}

/// The segment names drift findings use, written as `metrics.prom` and the alerts write every
/// segment: `dimension=name`.
public enum DriftSegment {
  /// The whole chain.
  public static let chain = "chain"
  /// The stores of one region.
  public static func region(_ name: String) -> String { "region=" + name }
  /// The SKUs of one category, in every store.
  public static func category(_ name: String) -> String { "category=" + name }
}
