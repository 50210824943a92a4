import DemandCore
import Features

/// Everything the engine reads about one store: its demand panel and what is known about each
/// series (category, promotions including planned ones, list price).
public struct StoreHistory: Sendable {
  public var store: StoreID
  public var panel: SeriesPanel
  /// Aligned with `panel.keys`.
  public var covariates: [SeriesCovariates]
  /// How long one position of `panel` is. Daily series get their availability gaps found
  /// (`AvailabilityGaps`); weekly ones, whose weeks of zeros are rare and read as they are, not.
  public var grain: Grain

  public init(
    store: StoreID, panel: SeriesPanel, covariates: [SeriesCovariates], grain: Grain = .daily
  ) {
    precondition(covariates.count == panel.seriesCount, "one covariate record per series")
    self.store = store
    self.panel = panel
    self.covariates = covariates
    self.grain = grain
  }
}

/// Where the engine gets its data, one store at a time (stores never mix, so a run can be
/// sharded by store).
public protocol StoreHistorySource: Sendable {
  /// The stores to process, in output order.
  var stores: [StoreID] { get }
  /// The chain calendar (holidays), past and planned.
  var calendar: CalendarContext { get }
  /// The store's history over `start ... end`.
  func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory
  /// The chain's external regressors, in the order a regression's columns take them; their
  /// values reach each series through `SeriesCovariates.external`.
  var regressors: [ExternalRegressor] { get }
  /// The first day any series has history, or `nil` when the source does not know it. Training
  /// measures how much history it has from this day, not from the start of its configured
  /// window (the regression's yearly terms need two years of data, not of window).
  func firstHistoryDay() throws -> Day?
}

extension StoreHistorySource {
  /// A source without a covariates file has no external regressors.
  public var regressors: [ExternalRegressor] { [] }
  /// A source that does not know its first day: training takes its window as all history.
  public func firstHistoryDay() throws -> Day? { nil }
}
