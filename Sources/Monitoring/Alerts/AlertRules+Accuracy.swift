// MARK: - Accuracy: degradation, bias, subgroups

extension AlertRules {
  /// Accuracy degraded beyond tolerance: the WAPE is worse than the baseline's by more than
  /// `tolerance`, relative to the baseline.
  ///
  /// Warning when `wape > baselineWAPE · (1 + tolerance)`, critical when
  /// `wape > baselineWAPE · (1 + 2 · tolerance)`. The value is `wape`; both are ratios
  /// (Σ|error| / Σactual, as in `AccuracyMetrics.wape`).
  ///
  /// - Parameters:
  ///   - segment: what was scored; `chain` for the whole chain.
  ///   - wape: this run's WAPE.
  ///   - baselineWAPE: the reference WAPE, e.g. the champion's on the previous backtest or the
  ///     seasonal naive's on the same days. `nil` is returned when it is not positive.
  ///   - tolerance: relative worsening allowed, 0.10 (10 %) by default.
  public static func accuracy(
    segment: String = "chain", wape: Double, baselineWAPE: Double, tolerance: Double = 0.10
  ) -> Alert? {
    precondition(tolerance >= 0 && tolerance.isFinite, "tolerance must be a finite ratio >= 0")
    guard wape.isFinite, baselineWAPE.isFinite, baselineWAPE > 0 else { return nil }
    guard
      let (severity, threshold) = level(
        wape, warningAbove: baselineWAPE * (1 + tolerance),
        criticalAbove: baselineWAPE * (1 + criticalMultiple * tolerance))
    else { return nil }
    let worse = wape / baselineWAPE - 1
    return Alert(
      severity: severity, kind: .accuracyDegraded, segment: segment, value: wape,
      threshold: threshold,
      suggestedAction:
        "Compare the champion with the baseline on the latest backtest; retrain or roll back "
        + "the model, and check this segment's recent input data.",
      message:
        "\(segment): WAPE \(NumberText.fixed(wape, 3)) is \(NumberText.percent(worse)) worse "
        + "than the baseline \(NumberText.fixed(baselineWAPE, 3)) "
        + "(tolerance \(NumberText.percent(tolerance))).")
  }

  /// Bias beyond ±`limitPercent`: forecasts run systematically high (positive) or low (negative).
  ///
  /// Warning when `|percent| > limitPercent`, critical when `|percent| > 2 · limitPercent`. The
  /// alert's value is the signed bias as a ratio (Σ(forecast − actual) / Σactual, `percent` /
  /// 100), like every share in `alerts.csv`; the threshold is a ratio too and carries the bias's
  /// sign (`-0.2` for a run below −20 %). The message says both in percent.
  ///
  /// - Parameter limitPercent: allowed bias either way, in percent; 10 by default.
  public static func bias(segment: String = "chain", percent: Double, limitPercent: Double = 10)
    -> Alert?
  {
    precondition(limitPercent > 0 && limitPercent.isFinite, "limitPercent must be finite and > 0")
    guard percent.isFinite else { return nil }
    guard
      let (severity, magnitude) = level(
        percent.magnitude, warningAbove: limitPercent,
        criticalAbove: criticalMultiple * limitPercent)
    else { return nil }
    let high = percent > 0
    let sign = high ? "+" : "-"
    return Alert(
      severity: severity, kind: .bias, segment: segment, value: percent / 100,
      threshold: (high ? magnitude : -magnitude) / 100,
      suggestedAction: high
        ? "Forecasts run high (overstock risk): look for ended promotions, delistings or lost "
          + "distribution, then retrain."
        : "Forecasts run low (stock-out risk): look for censored stock-outs, new promotions or "
          + "new demand drivers, then retrain.",
      message:
        "\(segment): bias \(sign)\(NumberText.fixed(percent.magnitude, 1)) % is beyond "
        + "±\(NumberText.fixed(magnitude, 1)) %.")
  }

  /// A segment much worse than the chain once its volume is allowed for: its MASE (error
  /// relative to a seasonal naive forecast of the same series) exceeds the chain's by more than
  /// `margin`, relative; without MASEs, its WAPE the chain's.
  ///
  /// Warning above chain · (1 + margin), critical above chain · (1 + 2 · margin). The value is
  /// the segment's MASE (or WAPE), a ratio. Small segments are noisy: the caller should only
  /// pass segments with enough rows to judge.
  ///
  /// - Parameter margin: relative gap allowed, 0.5 (50 % worse than the chain) by default.
  public static func subgroup(
    segment: String, wape: Double, chainWAPE: Double, mase: Double? = nil,
    chainMASE: Double? = nil, margin: Double = 0.5
  ) -> Alert? {
    precondition(margin >= 0 && margin.isFinite, "margin must be a finite ratio >= 0")
    let scaled = mase.map(\.isFinite) == true && chainMASE.map { $0.isFinite && $0 > 0 } == true
    let (value, reference) = scaled ? (mase ?? .nan, chainMASE ?? .nan) : (wape, chainWAPE)
    guard value.isFinite, reference.isFinite, reference > 0 else { return nil }
    guard
      let (severity, threshold) = level(
        value, warningAbove: reference * (1 + margin),
        criticalAbove: reference * (1 + criticalMultiple * margin))
    else { return nil }
    let measure = scaled ? "MASE" : "WAPE"
    return Alert(
      severity: severity, kind: .subgroupGap, segment: segment, value: value,
      threshold: threshold,
      suggestedAction:
        "Look at this segment's history and master data for a break (new stores, relabelled "
        + "products, stock-outs); consider a segment-specific model.",
      message:
        "\(segment): \(measure) \(NumberText.fixed(value, 3)) is "
        + "\(NumberText.percent(value / reference - 1)) worse than the chain's "
        + "\(NumberText.fixed(reference, 3)) (margin \(NumberText.percent(margin)))"
        + (scaled
          ? "; WAPE \(NumberText.fixed(wape, 3)) vs \(NumberText.fixed(chainWAPE, 3)), a gap "
            + "partly due to volume." : "."))
  }
}
