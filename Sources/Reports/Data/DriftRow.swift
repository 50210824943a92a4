/// One drift test of one feature in one segment, as in `drift.csv`.
public struct DriftRow: Sendable, Equatable {
  /// Where: `chain`, `region:North`, `category:Dairy`.
  public var segment: String
  /// What was compared: `demand_level`, `weekday_profile`, `price`, `promo_share`, `wape`.
  public var feature: String
  /// How: `ks`, `chi2`, `psi`, `rolling_wape`.
  public var test: String
  /// The test's effect size or statistic (KS D, Cramér's V, PSI, WAPE ratio), in the test's unit.
  public var statistic: Double
  /// The value of `statistic` at which the test calls drift, in the same unit.
  public var threshold: Double
  /// The test's decision.
  public var drifted: Bool

  public init(
    segment: String, feature: String, test: String, statistic: Double, threshold: Double,
    drifted: Bool
  ) {
    self.segment = segment
    self.feature = feature
    self.test = test
    self.statistic = statistic
    self.threshold = threshold
    self.drifted = drifted
  }
}
