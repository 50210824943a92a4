import DemandCore
import Forecasting
import Foundation
import History
import Inventory
import Logging
import Tabular

/// `shelfcast recommend`: what each store should order, from the saved fitted set's forecast
/// and the latest stock snapshots.
public enum RecommendStage {
  public struct Outcome: Sendable {
    public var date: Day
    public var recommendationsPath: String
    public var summaryPath: String
    public var rows: Int
    public var orderLines: Int
    public var orderValue: Double
    /// The series of the `topItemCount` rows with the largest order value (ordering rows
    /// only), largest first, ties by store and SKU: the items `ExplainStage.writeTopItems`
    /// explains each night.
    public var topByOrderValue: [SeriesKey]
  }

  /// `shelfcast recommend`: the recommendations of run date `date` (default: the last day with
  /// demand) from the forecast archived for it, exactly as the night that issued it made them.
  /// - Throws: `PipelineError.invalidArgument` when no forecast is archived for the date.
  public static func run(
    workspace: Workspace, date: Day?, outDirectory: String?,
    settings: InventorySettings = InventorySettings(),
    logger: Logger, progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> Outcome {
    let session = try WorkspaceSession(workspace: workspace)
    let source = try session.history()
    let date = try checkedDay(date, source: source, option: "--date")
    let chain = try ForecastArchiving.chainForecast(
      issuedOn: date, database: session.database, stores: source.stores,
      daysPerTarget: try workspace.grain().daysPerPeriod)
    return try recommend(
      chain, session: session, settings: settings, outDirectory: outDirectory, logger: logger)
  }

  /// Writes `OUT/D/recommendations.csv` (most urgent first) and `OUT/D/store_summary.csv` for
  /// the chain forecast `chain` (D = its run date), read as the archive keeps it
  /// (`SeriesForecast.asArchived()`), so the night and a later `shelfcast recommend` agree.
  ///
  /// A daily SKU whose sales up to D end in a run of zeros its own rate makes implausible
  /// (`StoreHistory.quietRuns`, from the night's forecast or read again for an archived one)
  /// gets `; no sale for N days (X a day before): check the shelf` after its reason: the
  /// forecast reads such a run as a fall in demand, which it may be, but it may also be an
  /// empty or missing shelf that no file flags.
  ///
  /// ABC classes are those of the last training (`models/abc-classes.csv`: revenue over the
  /// last 91 training days); without that file, recomputed from the 91 days up to D. A SKU
  /// without a snapshot on or before D in the last 60 days is taken to have nothing on hand or
  /// on order.
  ///
  /// At weekly grain (the chain's targets 7 days apart) the forecast is units per week: the
  /// SKU's `lead_time_days` and the review period's `review_days` are rounded up to whole weeks
  /// (⌈days / 7⌉, at least one week of review), the cover is the sum of that many weeks, every
  /// weekly run is a review (`review_weekday` does not apply), and the order is placed the day
  /// after the week-ending run date and expected `lead_time_days` days later.
  public static func recommend(
    _ chain: ChainForecast, session: WorkspaceSession, settings: InventorySettings,
    outDirectory: String?, logger: Logger
  ) throws -> Outcome {
    let workspace = session.workspace
    let database = session.database
    let source = try session.history()
    let date = chain.runDate
    let classes = try ABCTable.saved(workspace) ?? ABCTable(source: source, lastDay: date)
    let master = try database.masterIndex()
    let storeNames = Dictionary(
      master.stores.map { ($0.record.id, $0.record.name) }, uniquingKeysWith: { a, _ in a })
    let skus = Dictionary(
      master.skus.map { ($0.record.id, $0.record) }, uniquingKeysWith: { a, _ in a })
    for (category, near) in settings.categoriesWithoutSKUs(
      known: Set(master.skus.map(\.record.category)))
    {
      logger.warning(
        "a category of the inventory settings has no SKU in the master data: its settings change nothing",
        metadata: ["category": "\(category)", "did_you_mean": "\(near ?? "")"])
    }
    let coverSpread = try Self.coverSpread(of: chain.modelVersion, session: session)
    var rows: [Recommendation] = []
    // Orders from run D are placed the next morning.
    let period = chain.daysPerTarget
    let daysUntilReview =
      period == 1 ? settings.daysUntilReview(weekdayIndex: date.adding(days: 1).weekdayIndex) : 0
    // Days as forecast periods: whole weeks at weekly grain, rounded up.
    func periods(_ days: Int) -> Int { (days + period - 1) / period }
    // Store/SKUs whose cover (lead time + review) is longer than the forecast, and the longest.
    var longCovers = 0
    var longestCover = 0
    for store in chain.stores {
      // Daily only. From the night's forecast; read here when it was not found there (an
      // archived one).
      let quietRuns =
        period != 1
        ? [:]
        : try store.quietRuns
          ?? source.history(
            of: store.store, from: date.adding(days: 1 - StoreHistory.quietRunWindowDays),
            through: date
          ).quietRuns()
      let stock = Dictionary(
        try database.latestStock(store: store.store, onOrBefore: date).map { ($0.sku, $0) },
        uniquingKeysWith: { a, _ in a })
      if stock.isEmpty && !store.series.isEmpty {
        logger.warning(
          "no stock snapshot of the store in the 60 days to the run date: on hand taken as 0",
          metadata: ["store": "\(store.store)", "run_date": "\(date.iso)"])
      }
      for series in store.series.lazy.map({ $0.asArchived() }) {
        guard let sku = skus[series.key.sku], let p10 = series.quantile(0.1),
          let p90 = series.quantile(0.9)
        else { continue }
        let abc = classes(series.key)
        let reviewDays = settings.reviewDays(category: sku.category)
        let level = settings.serviceLevel(
          abc, category: sku.category, unitPrice: sku.unitPrice, unitCost: sku.unitCost)
        let policy = ReplenishmentPolicy(
          leadTimeDays: periods(max(0, sku.leadTimeDays)), reviewDays: max(1, periods(reviewDays)),
          serviceLevel: level.level,
          rounding: OrderRounding(
            casePack: max(1, sku.casePack), minimumOrderUnits: max(0, sku.minOrderQty),
            shelfCapacityUnits: sku.shelfCapacityUnits),
          overstockDays: settings.overstockDays,
          coverCorrelation: settings.coverCorrelation, coverSpread: coverSpread,
          daysPerPeriod: period)
        let coverPeriods = policy.leadTimeDays + policy.reviewDays
        if coverPeriods > chain.horizonDays {
          longCovers += 1
          longestCover = max(longestCover, coverPeriods)
        }
        let position = stock[series.key.sku]
        let promotion = source.nextPromotionStart(series.key, after: date).map {
          date.days(to: $0)
        }
        var decision = policy.decide(
          mean: series.mean, p10: p10, p90: p90, onHand: position?.onHand ?? 0,
          onOrder: position?.onOrder ?? 0, daysToPromotion: promotion,
          isNewItem: series.isNewItem, daysUntilReview: daysUntilReview,
          quietRun: quietRuns[series.key])
        decision.reason += Self.stockNote(position, storeHasStock: !stock.isEmpty, runDate: date)
        rows.append(
          Recommendation(
            store: store.store, storeName: storeNames[store.store] ?? "", sku: sku.id,
            skuName: sku.name, category: sku.category, abcClass: abc,
            onHand: position?.onHand ?? 0, onOrder: position?.onOrder ?? 0,
            leadTimeDays: sku.leadTimeDays, reviewDays: reviewDays, decision: decision,
            orderValue: Double(decision.order.units) * sku.unitCost, serviceLevel: level,
            orderDate: date.adding(days: 1), casePack: max(1, sku.casePack),
            currency: settings.currency))
      }
    }
    if longCovers > 0 {
      // Said, not refused: a chain may have lead times beyond any useful horizon.
      logger.warning(
        "some covers are longer than the forecast; they repeat its last week",
        metadata: [
          "run_date": "\(date.iso)", "forecast_periods": "\(chain.horizonDays)",
          "store_skus": "\(longCovers)", "longest_cover_periods": "\(longestCover)",
          "remedy": "forecast the date again with the trained horizon, or train a longer one",
        ])
    }
    rows.sort(by: Recommendation.urgentFirst)
    let directory = workspace.nightDirectory(date, out: outDirectory)
    try AtomicFile.makeDirectories(directory)
    let recommendations = NightFile.recommendations.path(inNightDirectory: directory)
    let summary = NightFile.storeSummary.path(inNightDirectory: directory)
    try AtomicFile.write(RecommendationFiles.recommendationsCSV(rows), to: recommendations)
    try AtomicFile.write(RecommendationFiles.storeSummaryCSV(rows), to: summary)
    let ordered = rows.filter { $0.decision.order.units > 0 }
    logger.notice(
      "recommendations written", metadata: ["path": "\(recommendations)", "rows": "\(rows.count)"])
    return Outcome(
      date: date, recommendationsPath: recommendations, summaryPath: summary, rows: rows.count,
      orderLines: ordered.count, orderValue: ordered.reduce(0) { $0 + $1.orderValue },
      topByOrderValue: topByOrderValue(rows))
  }
}
