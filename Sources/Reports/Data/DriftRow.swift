/// One drift test of one feature in one segment, as in `drift.csv`.
public struct DriftRow: Sendable, Equatable {
  /// Where: `chain`, `region=North`, `category=Dairy`.
  public var segment: String
  /// What was compared: `demand_level`, `weekday_profile`, `price`, `promotion_share`,
  /// `accuracy`.
  public var feature: String
  /// How: `ks`, `chi_square`, `binomial`, `psi`, `wape_ratio`.
  public var test: String
  /// The test's effect size or statistic (KS D, Cramér's V, PSI, WAPE ratio), in the test's unit.
  public var statistic: Double
  /// The test's p-value; `nil` for the PSI and the WAPE ratio, which have none.
  public var pValue: Double?
  /// The value of `statistic` at which the test calls drift, in the same unit.
  public var threshold: Double
  /// The test's decision.
  public var drifted: Bool

  public init(
    segment: String, feature: String, test: String, statistic: Double, pValue: Double? = nil,
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
}
