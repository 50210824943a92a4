// MARK: - Drift

extension AlertRules {
  /// An input feature's distribution moved: a drift statistic above its warning or critical level.
  ///
  /// The statistic must grow with drift (PSI, the Kolmogorov–Smirnov D, a Wasserstein distance),
  /// not shrink with it like a p-value. The defaults are the conventional bands of the population
  /// stability index: below 0.1 stable, 0.1–0.25 a moderate shift (warning), above 0.25 a major
  /// one (critical) (Yurdakul, "Statistical properties of population stability index", 2018).
  /// Other tests need their own levels. The value is `statistic`.
  ///
  /// - Parameters:
  ///   - segment: where it was measured; `chain` for the whole chain.
  ///   - feature: the feature that drifted (e.g. `price`, `units`).
  ///   - test: the statistic's short name (e.g. `psi`, `ks`), as in `RunMetrics.DriftKey`.
  ///   - statistic: its value.
  ///   - warningAbove: warning level, 0.1 by default.
  ///   - criticalAbove: critical level, 0.25 by default; at least `warningAbove`.
  public static func drift(
    segment: String = "chain", feature: String, test: String, statistic: Double,
    warningAbove: Double = 0.1, criticalAbove: Double = 0.25
  ) -> Alert? {
    precondition(
      warningAbove.isFinite && criticalAbove.isFinite && warningAbove <= criticalAbove,
      "drift levels must be finite with warningAbove <= criticalAbove")
    guard statistic.isFinite else { return nil }
    guard
      let (severity, threshold) = level(
        statistic, warningAbove: warningAbove, criticalAbove: criticalAbove)
    else { return nil }
    return Alert(
      severity: severity, kind: .drift, segment: segment, value: statistic, threshold: threshold,
      suggestedAction:
        "Compare recent and training distributions of \(feature); if the change is real, "
        + "retrain on recent data, otherwise fix the feed.",
      message:
        "\(segment): \(test) for \(feature) is \(NumberText.fixed(statistic, 3)), above "
        + "\(NumberText.fixed(threshold, 3)).")
  }
}
