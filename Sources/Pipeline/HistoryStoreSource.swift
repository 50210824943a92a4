import DemandCore
import Features
import Forecasting
import History

/// The forecasting engine's view of a workspace database: master data, calendar and promotions
/// read once; each store's demand panel read when the engine asks for it.
public struct HistoryStoreSource: StoreHistorySource {
  public let stores: [StoreID]
  public let calendar: CalendarContext
  private let database: HistoryDatabase
  private let skus: [SKUID: SKURecord]
  private let promotions: [SeriesKey: [PromotionWindow]]
  private let covariates: ExternalCovariates

  /// The regressors of the workspace's covariates files, by name.
  public var regressors: [ExternalRegressor] { covariates.regressors }

  public init(database: HistoryDatabase) throws {
    self.database = database
    let master = try database.masterIndex()
    stores = master.stores.map(\.record.id)
    skus = Dictionary(
      master.skus.map { ($0.record.id, $0.record) }, uniquingKeysWith: { first, _ in first })
    calendar = CalendarContext(
      named: try database.calendar().compactMap { entry in
        entry.holiday.map { (day: entry.day, name: $0) }
      })
    var windows: [SeriesKey: [PromotionWindow]] = [:]
    for promotion in try database.promotions() {
      windows[SeriesKey(store: promotion.store, sku: promotion.sku), default: []].append(
        PromotionWindow(
          start: promotion.start, end: promotion.end,
          discountFraction: promotion.discountPct / 100))
    }
    promotions = windows
    covariates = ExternalCovariates(records: try database.covariates())
  }

  public func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
    let panel = try database.demandPanel(store: store, from: start, through: end)
    var shared: ExternalCovariates.MergedValues = [:]
    let seriesCovariates = panel.keys.map { key in
      let sku = skus[key.sku]
      let category = sku?.category ?? "unknown"
      return SeriesCovariates(
        key: key, category: category, promotions: promotions[key] ?? [],
        unitPrice: sku?.unitPrice ?? 0,
        external: covariates.values(for: key, category: category, cache: &shared))
    }
    return StoreHistory(store: store, panel: panel, covariates: seriesCovariates)
  }

  /// True when the master data lists `sku`.
  public func knows(_ sku: SKUID) -> Bool { skus[sku] != nil }

  /// The list price of `sku` (0 when the master data does not know it).
  public func unitPrice(_ sku: SKUID) -> Double { skus[sku]?.unitPrice ?? 0 }

  /// The first day after `day` on which a planned promotion of `key` starts, if any.
  public func nextPromotionStart(_ key: SeriesKey, after day: Day) -> Day? {
    promotions[key]?.map(\.start).filter { $0 > day }.min()
  }

  /// The last day with any demand recorded, or `nil` for an empty history.
  public func lastHistoryDay() throws -> Day? { try database.lastDemandDay() }

  /// The first day of the workspace's demand history (`nil` when it has none).
  public func firstHistoryDay() throws -> Day? { try database.firstDemandDay() }
}
