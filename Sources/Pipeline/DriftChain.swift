import DemandCore
import Foundation
import History
import Monitoring

/// The chain as drift detection sees it: stores with their regions, SKUs with their
/// categories, and each store/SKU's promotions. Read once per run.
struct DriftChain: Sendable {
  /// A promotion of one store/SKU: its days (inclusive) and discount as a fraction.
  struct PromotionSpan: Sendable {
    var start: Day
    var end: Day
    var discount: Double
  }

  let database: HistoryDatabase
  let stores: [StoreRecord]
  /// Region segment labels, sorted; `regionOfStore[s]` indexes them.
  let regions: [String]
  let regionOfStore: [Int]
  /// SKU index (master order) of each SKU id.
  let skuIndex: [SKUID: Int]
  /// Category segment labels, sorted; `categoryOfSKU[k]` indexes them.
  let categories: [String]
  let categoryOfSKU: [Int]
  let promotions: [SeriesKey: [PromotionSpan]]

  init(database: HistoryDatabase) throws {
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

  /// Runs `body` for `0..<count` on all cores and returns the results in index order (the
  /// first error in index order is thrown), so the outcome does not depend on scheduling.
  static func concurrentMap<T: Sendable>(
    _ count: Int, _ body: @Sendable (Int) throws -> T
  ) throws -> [T] {
    let slots = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.set(index, Result { try body(index) })
    }
    return try slots.values.map { slot in
      guard let slot else { preconditionFailure("every iteration stores a result") }
      return try slot.get()
    }
  }
}

/// Result slots written from concurrent iterations, each by exactly one iteration.
private final class ResultSlots<T>: @unchecked Sendable {
  private var storage: [Result<T, any Error>?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<T, any Error>) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  var values: [Result<T, any Error>?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
