import DemandCore

/// A store format and how much it sells relative to a supermarket.
enum StoreFormat: Int, CaseIterable, Sendable {
  case hypermarket, supermarket, convenience

  var label: String { String(describing: self) }
  /// Typical demand relative to a supermarket.
  var sizeFactor: Double {
    switch self {
    case .hypermarket: 2.2
    case .supermarket: 1.0
    case .convenience: 0.45
    }
  }
  /// Share of stores with this format.
  var weight: Double {
    switch self {
    case .hypermarket: 0.12
    case .supermarket: 0.53
    case .convenience: 0.35
    }
  }
}

/// One store of the chain. Day indexes count days since the configuration's `start`.
struct StoreProfile: Sendable {
  var id: StoreID
  var name: String
  var region: Int
  var format: StoreFormat
  var openDay: Day
  /// Days from `start` to `openDay` (negative for stores open before the history begins).
  var openIndex: Int
  /// Demand relative to the chain's average store (mean 1 over stores).
  var sizeFactor: Double
  /// The `z` of the store's safety stock (how many error scales of cover it keeps, 0.4–1.0).
  var safetyFactor: Double
}

/// One SKU of the assortment, with the hidden parameters that drive its demand.
struct SKUProfile: Sendable {
  var id: SKUID
  var name: String
  var category: ProductCategory
  /// Cost and shelf price on the last simulated day, in currency units.
  var unitCost: Double
  var unitPrice: Double
  var casePack: Int
  var leadTimeDays: Int
  var minimumOrderUnits: Int
  /// Demand relative to the average SKU (log-normal, mean 1 over SKUs).
  var popularity: Double
  /// Negative binomial size at low volume (it grows with the mean, see `simulateSales`):
  /// smaller means burstier daily demand.
  var dispersion: Double
  /// Price elasticity of demand (negative).
  var elasticity: Double
  /// Promotion lift is `(1 + discount)^promotionExponent`.
  var promotionExponent: Double
  /// Continuous growth rate of demand, per year.
  var trendPerYear: Double
  /// First day index on sale (0 when on sale from the start).
  var launchIndex: Int
  /// First day index no longer on sale (`Int.max` when never discontinued).
  var discontinueIndex: Int
  /// Shelf price at the start and the price changes after it (day index, new price).
  var initialPrice: Double
  var priceChanges: [(dayIndex: Int, price: Double)]
}

/// A promotion of one SKU, either chain-wide or in one region. Day indexes are inclusive.
struct PromotionCampaign: Sendable {
  var skuIndex: Int
  var startIndex: Int
  var endIndex: Int
  /// Price reduction as a fraction (0.2 = 20 % off).
  var discount: Double
  /// The region it runs in, or `nil` for every store.
  var region: Int?
}

/// Everything about the chain that does not change from day to day: master data, promotion
/// plans, the calendar and the hidden demand parameters. Built once, read by every store.
struct ChainCatalog: Sendable {
  let configuration: ChainConfiguration
  let regions: [String]
  let stores: [StoreProfile]
  let skus: [SKUProfile]
  /// Campaigns ordered by SKU, then start.
  let campaigns: [PromotionCampaign]
  let calendar: HolidayCalendar
  /// `calendarFactors[category][dayIndex]`: weekly × yearly × holiday multiplier, over the
  /// whole timeline (simulated days plus future days).
  let calendarFactors: [[Double]]
  /// The realistic profile's shared hidden parameters; `nil` in the simple profile.
  let realistic: RealisticCatalog?
  /// Mean daily demand of an average SKU in an average store on an average day, in units.
  /// Tuned so a 200 × 500 chain writes about 3.3 transaction lines per store/SKU/day.
  static let baseUnitsPerDay = 4.3

  /// Weekly profiles (Monday first, mean 1) a drifted series switches to.
  static let driftProfiles: [[Double]] = [
    normalized([1.25, 1.20, 1.20, 1.20, 1.05, 0.65, 0.45]),
    normalized([0.70, 0.70, 0.75, 0.80, 1.20, 1.90, 1.00]),
  ]

  /// Scales `values` to a mean of 1.
  static func normalized(_ values: [Double]) -> [Double] {
    let mean = values.reduce(0, +) / Double(values.count)
    return values.map { $0 / mean }
  }

  // MARK: - Drift

  /// The drift of one series, or `nil` when it keeps its behaviour.
  ///
  /// Chosen by hashing (seed, store, SKU), so each series' fate is independent of every other
  /// choice and about `driftShare` of all series drift.
  func drift(store: Int, sku: Int) -> (level: Double, profile: Int)? {
    guard configuration.driftStart != nil, configuration.driftShare > 0 else { return nil }
    let seed = configuration.seed
    let draw = SplitMix64.unitInterval(seed, 7, UInt64(store), UInt64(sku))
    guard draw < configuration.driftShare else { return nil }
    let shape = SplitMix64.unitInterval(seed, 8, UInt64(store), UInt64(sku))
    let level = shape < 0.5 ? 0.6 : 1.5
    let profile = shape < 0.25 || shape >= 0.75 ? 0 : 1
    return (level, profile)
  }

  /// Day index from which drifted series change (`Int.max` without drift).
  var driftStartIndex: Int {
    configuration.driftStart.map { configuration.start.days(to: $0) } ?? Int.max
  }
}
