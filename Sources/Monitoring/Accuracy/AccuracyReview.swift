/// The accuracy alerts of a monitoring window: degradation against the backtest, bias, and
/// regions or store formats much worse than the chain.
public enum AccuracyReview {
  /// The alerts `summary` raises under `settings`, in report order.
  ///
  /// - `accuracy_degraded` (segment `chain`): the chain's WAPE against `backtestWAPE`, the
  ///   backtest WAPE of the fitted set in service, with `settings.accuracyTolerance`; skipped
  ///   when there is no backtest WAPE.
  /// - `bias` (segment `chain`): the chain's bias against ±`settings.biasLimitPercent`.
  /// - `subgroup_gap`: every region and store format the subgroup check flags.
  public static func alerts(
    summary: AccuracySummary, backtestWAPE: Double?, settings: MonitoringSettings
  ) -> [Alert] {
    let chain = summary.chain
    var alerts: [Alert] = []
    if let backtestWAPE,
      let alert = AlertRules.accuracy(
        segment: AccuracySegment.chain.description, wape: chain.wape, baselineWAPE: backtestWAPE,
        tolerance: settings.accuracyTolerance)
    {
      alerts.append(alert)
    }
    if let alert = AlertRules.bias(
      segment: AccuracySegment.chain.description, percent: chain.biasPercent,
      limitPercent: settings.biasLimitPercent)
    {
      alerts.append(alert)
    }
    alerts += summary.lines(check: settings.subgroupCheck).compactMap(\.subgroupAlert)
    return Alert.inReportOrder(alerts)
  }
}
