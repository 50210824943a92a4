/// One store's state through the simulation: its random stream, stock, open orders, the
/// replenishment system's demand estimates and its promotion plan.
///
/// Each store is simulated by exactly one thread at a time and draws only from its own
/// `RandomSource`, seeded from (chain seed, store index), so its rows do not depend on how
/// stores are scheduled across threads.
struct StoreSimulator {
  let storeIndex: Int
  let store: StoreProfile
  let skuCount: Int
  var source: RandomSource
  /// Whether the store follows the realistic profile (`realistic` is then filled).
  let isRealistic: Bool
  var realistic: RealisticSeriesState
  /// Reused by the truth writer to sum a day's demand distribution.
  var quantileScratch: [Double] = []

  // MARK: Demand parameters per SKU
  /// Mean daily demand before calendar, price, promotion and drift effects, in units.
  let baseUnits: [Double]
  /// Expected units per day at which a SKU's negative binomial size has doubled (fast movers
  /// are relatively less bursty): size = dispersion × (1 + expected / this).
  static let dispersionGrowthUnits = 20.0
  let dispersion: [Double]
  let promotionExponent: [Double]
  let category: [Int]
  let driftLevel: [Double]
  /// Index into `SimulationContext.driftRatios`, or -1 for series that do not drift.
  let driftProfile: [Int]

  // MARK: Promotions in this store, per SKU (ranges into the flat arrays)
  let promotionOffsets: [Int]
  let promotionStarts: [Int]
  let promotionEnds: [Int]
  let promotionDiscounts: [Double]
  var promotionCursor: [Int]

  // MARK: Replenishment per SKU
  let leadTimeDays: [Int]
  let reviewPeriodDays: [Int]
  let reviewPhase: [Int]
  let casePack: [Int]
  let minimumOrderUnits: [Int]
  let launchIndex: [Int]
  let discontinueIndex: [Int]
  var onHand: [Int]
  var onOrder: [Int]
  /// `arrivals[sku * arrivalSlots + day % arrivalSlots]`: units arriving that morning.
  var arrivals: [Int]
  /// The replenishment system's estimate of daily demand, from (censored) sales, in units.
  var estimate: [Double]
  /// The planner's smoothed mean absolute error of `estimate`, in units per day.
  var meanAbsoluteError: [Double]
  /// Smoothing weight of the planner's estimates.
  static let smoothing = 0.08
  var started: [Bool]
  static let arrivalSlots = 32

  // MARK: Today's results per SKU (filled by the compute phase, read by the row writers)
  var meanToday: [Double]
  var soldToday: [Int]
  var stockoutToday: [Bool]
  var discountToday: [Double]

  // MARK: Transaction scratch
  var lineSKU: [Int32] = []
  var lineQuantity: [Int32] = []
  var lineBasket: [Int32] = []
  var basketFirstLine: [Int32] = []
  var sortedLines: [Int32] = []

  // MARK: Counters over the whole run
  var sellingSeriesDays = 0
  var stockoutSeriesDays = 0
  var transactionLines = 0
  var historyRows = 0
  var inventoryRows = 0
  var expectedDemandRows = 0

  init(storeIndex: Int, catalog: ChainCatalog) {
    let configuration = catalog.configuration
    let store = catalog.stores[storeIndex]
    let skus = catalog.skus
    var source = RandomSource(
      seed: SplitMix64.streamSeed(configuration.seed, 2, UInt64(storeIndex)))
    self.storeIndex = storeIndex
    self.store = store
    skuCount = skus.count
    isRealistic = catalog.realistic != nil
    let baseUnitsPerDay =
      isRealistic ? RealisticCatalog.baseUnitsPerDay : ChainCatalog.baseUnitsPerDay
    // Store-specific taste: how well each SKU sells here relative to the chain.
    baseUnits = skus.map { sku in
      baseUnitsPerDay * store.sizeFactor * sku.popularity
        * source.logNormal(mu: -0.35 * 0.35 / 2, sigma: 0.35)
    }
    dispersion = skus.map(\.dispersion)
    promotionExponent = skus.map(\.promotionExponent)
    category = skus.map(\.category.rawValue)
    var driftLevel = [Double](repeating: 1, count: skus.count)
    var driftProfile = [Int](repeating: -1, count: skus.count)
    for sku in skus.indices {
      if let drift = catalog.drift(store: storeIndex, sku: sku) {
        driftLevel[sku] = drift.level
        driftProfile[sku] = drift.profile
      }
    }
    self.driftLevel = driftLevel
    self.driftProfile = driftProfile

    var offsets = [0]
    var starts: [Int] = []
    var ends: [Int] = []
    var discounts: [Double] = []
    var campaignIndex = 0
    for sku in skus.indices {
      while campaignIndex < catalog.campaigns.count
        && catalog.campaigns[campaignIndex].skuIndex == sku
      {
        let campaign = catalog.campaigns[campaignIndex]
        campaignIndex += 1
        guard campaign.region == nil || campaign.region == store.region,
          campaign.endIndex >= store.openIndex
        else { continue }
        starts.append(campaign.startIndex)
        ends.append(campaign.endIndex)
        discounts.append(campaign.discount)
      }
      offsets.append(starts.count)
    }
    promotionOffsets = offsets
    promotionStarts = starts
    promotionEnds = ends
    promotionDiscounts = discounts
    promotionCursor = Array(offsets.dropLast())
    realistic =
      isRealistic
      ? RealisticSeriesState(
        storeIndex: storeIndex, catalog: catalog,
        listed: .init(offsets: offsets, starts: starts, ends: ends, discounts: discounts))
      : RealisticSeriesState()

    leadTimeDays = skus.map(\.leadTimeDays)
    reviewPeriodDays = skus.map(\.category.reviewPeriodDays)
    reviewPhase = skus.map { source.index(below: $0.category.reviewPeriodDays) }
    casePack = skus.map(\.casePack)
    minimumOrderUnits = skus.map(\.minimumOrderUnits)
    launchIndex = skus.map(\.launchIndex)
    discontinueIndex = skus.map(\.discontinueIndex)
    onHand = Array(repeating: 0, count: skus.count)
    onOrder = Array(repeating: 0, count: skus.count)
    arrivals = Array(repeating: 0, count: skus.count * StoreSimulator.arrivalSlots)
    estimate = Array(repeating: 0, count: skus.count)
    meanAbsoluteError = Array(repeating: 0, count: skus.count)
    started = Array(repeating: false, count: skus.count)
    meanToday = Array(repeating: 0, count: skus.count)
    soldToday = Array(repeating: 0, count: skus.count)
    stockoutToday = Array(repeating: false, count: skus.count)
    discountToday = Array(repeating: 0, count: skus.count)
    self.source = source
  }

  /// Simulates the days of `table` and appends their rows to `output` (after resetting it).
  mutating func run(_ table: DayTable, context: SimulationContext, output: StoreOutput) {
    output.reset()
    for day in 0..<table.dayCount {
      let dayIndex = table.firstIndex + day
      computeDay(day, table: table, context: context)
      if dayIndex >= context.truthStartIndex {
        writeExpectedDemand(dayIndex, context: context, sink: output.sink(.expectedDemand))
      }
      if dayIndex < context.firstTransactionIndex {
        writeSales(dayIndex, context: context, sink: output.sink(.history))
      } else if dayIndex < context.simulatedDayCount {
        writeSales(dayIndex, context: context, sink: output.sink(.transactionDaySales))
        writeInventory(dayIndex, context: context, sink: output.sink(.inventory))
        writeTransactions(day, table: table, context: context, sink: output.sink(.transactions))
      }
      output.endDay()
    }
  }
}
