import DemandCore
import History

/// The chain as drift detection sees it: stores with their regions, SKUs with their
/// categories, and each store/SKU's promotions. Read once per run.
///
/// A run reduces every store's demand panel (`reduce(store:windows:)`, or
/// `reduce(store:windows:panel:)` with a panel another step already read), on any thread and in
/// any order, and puts the reductions together in store order (`evaluation`).
public struct DriftChain: Sendable {
  /// A promotion of one store/SKU: its days (inclusive) and discount as a fraction.
  struct PromotionSpan: Sendable {
    var start: Day
    var end: Day
    var discount: Double
  }

  let database: HistoryDatabase
  /// The stores, by id: `reduce(store:…)` takes an index into them.
  public let stores: [StoreRecord]
  /// Region segment labels, sorted; `regionOfStore[s]` indexes them.
  let regions: [String]
  let regionOfStore: [Int]
  /// SKU index (master order) of each SKU id.
  let skuIndex: [SKUID: Int]
  /// Category segment labels, sorted; `categoryOfSKU[k]` indexes them.
  let categories: [String]
  let categoryOfSKU: [Int]
  let promotions: [SeriesKey: [PromotionSpan]]

  /// Reads the master data and the promotions.
  public init(database: HistoryDatabase) throws {
    self.database = database
    let master = try database.masterIndex()
    stores = master.stores.map(\.record)
    let regionNames = stores.map { $0.region.isEmpty ? "unknown" : $0.region }
    regions = Array(Set(regionNames)).sorted()
    let regionSlot = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })
    regionOfStore = regionNames.map { regionSlot[$0] ?? 0 }
    let skus = master.skus.map(\.record)
    skuIndex = Dictionary(
      skus.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let categoryNames = skus.map { $0.category.isEmpty ? "unknown" : $0.category }
    categories = Array(Set(categoryNames)).sorted()
    let categorySlot = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    categoryOfSKU = categoryNames.map { categorySlot[$0] ?? 0 }
    var spans: [SeriesKey: [PromotionSpan]] = [:]
    for promotion in try database.promotions() where promotion.discountPct > 0 {
      spans[SeriesKey(store: promotion.store, sku: promotion.sku), default: []].append(
        PromotionSpan(
          start: promotion.start, end: promotion.end,
          discount: min(promotion.discountPct, 100) / 100))
    }
    promotions = spans
  }
}
