/// Runs the data-drift tests of one segment and decides each by the rule of ``DriftSettings``.
///
/// For a ``SegmentSample`` it returns, in this order, the findings whose minimum sample is met:
///
/// | feature | test | statistic | compares |
/// |---|---|---|---|
/// | demand_level | ks | D | \|z\| of the scored series' recent block against their reference blocks' |
/// | demand_level | binomial | V | how many scores lie beyond ±b (b = `levelBand`), against the reference share |
/// | demand_level | psi | PSI | z of the recent block against the reference, in the reference's deciles |
/// | weekday_profile | chi_square | V | units sold on each weekday |
/// | price | ks | D | offered price ÷ list price over store/SKU/days |
/// | price | psi | PSI | the same in bands: full price, up to 20 % off, more than 20 % off |
/// | promotion_share | chi_square | V | store/SKU/days on and off promotion |
///
/// The other chi-square p-values come from the two-sample homogeneity test of the reference and recent
/// counts (``ChiSquare/homogeneity(observedA:observedB:)``); the effect size V is that of the
/// recent mix against the reference mix (``mixEffect(reference:recent:)``), which, unlike the
/// V of the 2 × k table, does not depend on how much longer the reference window is.
///
/// The concept-drift finding (accuracy) needs forecasts and actuals; see
/// ``accuracyFinding(segment:recentWAPE:backtestWAPE:)``.
public struct DriftDetector: Sendable {
  public var settings: DriftSettings

  public init(settings: DriftSettings = DriftSettings()) { self.settings = settings }

  /// Every data-drift finding of `sample` whose minimum sample size is met.
  public func findings(_ sample: SegmentSample) -> [DriftFinding] {
    levelFindings(sample) + [weekdayFinding(sample)].compactMap { $0 } + priceFindings(sample)
  }

  /// Cramér's V of a recent categorical mix against a reference mix:
  ///
  ///     V = √( Σⱼ (rⱼ − eⱼ)² / eⱼ / (k − 1) )
  ///
  /// with eⱼ and rⱼ the reference and recent shares of category j over the k categories present
  /// in either (the one-way V of ``ChiSquare/goodnessOfFit(observed:expected:)`` with the
  /// reference as the expected mix). 0 for equal mixes; +∞ when the recent window has a
  /// category the reference never saw; for two categories it is |r − e| / √(e (1 − e)).
  ///
  /// - Returns: V, or NaN when either side sums to zero or holds a negative or non-finite count.
  public static func mixEffect(reference: [Double], recent: [Double]) -> Double {
    guard let result = try? ChiSquare.goodnessOfFit(observed: recent, expected: reference) else {
      return .nan
    }
    return result.cramersV
  }

  /// The finding of a chi-square test on two count vectors: homogeneity p-value, mix V.
  func mixFinding(
    segment: String, feature: DriftFinding.Feature, reference: [Double], recent: [Double],
    threshold: Double
  ) -> DriftFinding? {
    guard let test = try? ChiSquare.homogeneity(observedA: reference, observedB: recent) else {
      return nil
    }
    return DriftFinding(
      segment: segment, feature: feature, test: .chiSquare,
      statistic: Self.mixEffect(reference: reference, recent: recent), pValue: test.pValue,
      threshold: threshold, alpha: settings.alpha)
  }

  // MARK: - Weekday profile

  /// Units by weekday, recent window against reference window.
  func weekdayFinding(_ sample: SegmentSample) -> DriftFinding? {
    let recentUnits = sample.weekdayRecent.reduce(0, +)
    guard recentUnits >= settings.minimumUnits, sample.weekdayReference.reduce(0, +) > 0 else {
      return nil
    }
    return mixFinding(
      segment: sample.segment, feature: .weekdayProfile, reference: sample.weekdayReference,
      recent: sample.weekdayRecent, threshold: settings.weekdayThreshold)
  }

  // MARK: - Concept drift

  /// Concept drift: the recent WAPE of the model in service against its backtest WAPE.
  ///
  /// `statistic` is recentWAPE ÷ backtestWAPE, `threshold` is 1 + `wapeTolerance`, and the
  /// finding is drifted when the ratio reaches it (there is no p-value). A backtest WAPE of 0
  /// with a positive recent WAPE gives +∞ (drifted); a NaN or negative input gives NaN, which
  /// never counts as drift.
  ///
  /// - Parameters:
  ///   - segment: What was scored (``DriftSegment``).
  ///   - recentWAPE: Σ|actual − p50| / Σ actual over the recent window (e.g. the last 28 days).
  ///   - backtestWAPE: The same over the backtest of the model in service.
  public func accuracyFinding(segment: String, recentWAPE: Double, backtestWAPE: Double)
    -> DriftFinding
  {
    var ratio = Double.nan
    if recentWAPE >= 0 && backtestWAPE >= 0 && !recentWAPE.isNaN && !backtestWAPE.isNaN {
      ratio =
        backtestWAPE > 0 ? recentWAPE / backtestWAPE : (recentWAPE > 0 ? .infinity : .nan)
    }
    return DriftFinding(
      segment: segment, feature: .accuracy, test: .wapeRatio, statistic: ratio, pValue: nil,
      threshold: 1 + settings.wapeTolerance, alpha: settings.alpha)
  }
}
