import DemandCore
import Monitoring

/// Everything the analysts' report shows, as plain values: the renderer reads it and computes
/// nothing of its own beyond chart geometry.
///
/// The monitor run fills it from its outputs (forecast versus actual, the accuracy summary, the
/// drift tests, the subgroup check and the alerts). Lists are drawn in the order given, except the
/// alerts, which are drawn in report order (`Alert.precedesInReport`); give them in a stable order
/// and the report's bytes are the same every time (`ReportRenderer.html`).
public struct ReportData: Sendable, Equatable {
  /// The page's heading and `<title>`, for example `ShelfCast monitoring report`.
  public var title: String
  /// The day the monitor run is for: the last day whose actuals are in.
  public var runDate: Day
  /// The chain's name as the analysts know it.
  public var chainName: String
  /// Forecast versus actual for the whole chain (units summed over every series).
  public var chain: ForecastActualSeries
  /// Forecast versus actual per region, one panel each.
  public var regions: [ForecastActualSeries]
  /// Forecast versus actual for the series that moved most, one panel each; `name` is the series
  /// key (`S001/P00001`).
  public var topMovers: [ForecastActualSeries]
  /// Accuracy by calendar week of the actuals, oldest first.
  public var accuracyByWeek: [AccuracyRow]
  /// Accuracy by forecast horizon: buckets (`1–7 d`, `8–14 d`, `15–28 d`) or single days.
  public var accuracyByHorizon: [AccuracyRow]
  /// The drift tests, one row per segment, feature and test.
  public var drift: [DriftRow]
  /// The windows the drift tests compared; `nil` leaves the title general.
  public var driftWindows: DriftPanel.Windows?
  /// The reference and recent distributions of the drifted findings, one chart each.
  public var driftDistributions: [DriftDistribution]
  /// The subgroup check: each region's or store format's WAPE beside the chain's.
  public var subgroups: [SubgroupRow]
  /// The run's alerts, in any order.
  public var alerts: [Alert]
  /// The model's versions, retrainings and shadow runs; `nil` leaves the section out (a
  /// workspace without a registry).
  public var modelLife: ModelLife?

  public init(
    title: String, runDate: Day, chainName: String, chain: ForecastActualSeries,
    regions: [ForecastActualSeries] = [], topMovers: [ForecastActualSeries] = [],
    accuracyByWeek: [AccuracyRow] = [], accuracyByHorizon: [AccuracyRow] = [],
    drift: [DriftRow] = [], driftWindows: DriftPanel.Windows? = nil,
    driftDistributions: [DriftDistribution] = [], subgroups: [SubgroupRow] = [],
    alerts: [Alert] = [], modelLife: ModelLife? = nil
  ) {
    self.title = title
    self.runDate = runDate
    self.chainName = chainName
    self.chain = chain
    self.regions = regions
    self.topMovers = topMovers
    self.accuracyByWeek = accuracyByWeek
    self.accuracyByHorizon = accuracyByHorizon
    self.drift = drift
    self.driftWindows = driftWindows
    self.driftDistributions = driftDistributions
    self.subgroups = subgroups
    self.alerts = alerts
    self.modelLife = modelLife
  }
}

extension ReportData {
  /// Every panel the report promises, in page order: the chain, accuracy by week and by horizon,
  /// each region, each top mover, drift with one chart per drifted distribution, and subgroups; with `modelLife`, its timeline and one
  /// chart per shadow run, newest first.
  ///
  /// Each is drawn as one `<svg data-panel="…">` chart, or, when it has nothing to draw, as a
  /// note carrying `data-empty-panel="…"` with the same identifier.
  public var panels: [ReportPanel] {
    [.chain, .accuracyByWeek, .accuracyByHorizon] + regions.map { .region($0.name) }
      + topMovers.map { .topMover($0.name) } + [.drift]
      + driftDistributions.map { .driftDistribution($0.segment + " · " + $0.feature.rawValue) }
      + [.subgroup] + modelLifePanels
  }

  var modelLifePanels: [ReportPanel] {
    guard let modelLife else { return [] }
    return [.modelLife] + modelLife.shadowRuns.reversed().map { .shadowRun($0.panelName) }
  }
}
