import DemandCore
import History

/// What rows are checked against: the master data as stored, the as-of date and plausibility limits.
///
/// Stores and SKUs get dense indices in order of their database keys, so a sorted index order is
/// also a sorted key order (blocks need increasing SKU keys).
final class ValidationContext: Sendable {
  let stores: IdentifierTable
  let storeKeys: [Int32]
  /// Opening day per store index, or `Int32.min` when unknown.
  let storeOpenDay: [Int32]
  let skus: IdentifierTable
  let skuKeys: [Int32]
  /// Index into `categories` per SKU index.
  let skuCategory: [Int32]
  /// The SKUs' categories, sorted.
  let categories: [String]
  let asOf: Day
  let limits: IngestLimits
  let grain: Grain
  /// See `IngestOptions.cutoffSecondOfDay`.
  let cutoffSecondOfDay: Int?

  init(
    master: MasterIndex, asOf: Day, limits: IngestLimits, grain: Grain = .daily,
    cutoffSecondOfDay: Int? = nil
  ) {
    self.grain = grain
    self.cutoffSecondOfDay = cutoffSecondOfDay
    let stores = master.stores.sorted { $0.key < $1.key }
    let skus = master.skus.sorted { $0.key < $1.key }
    self.stores = IdentifierTable(stores.map(\.record.id.rawValue))
    storeKeys = stores.map(\.key)
    storeOpenDay = stores.map { $0.record.openDay?.daysSinceEpoch ?? Int32.min }
    self.skus = IdentifierTable(skus.map(\.record.id.rawValue))
    skuKeys = skus.map(\.key)
    categories = Array(Set(skus.map(\.record.category))).sorted()
    let categoryIndex = Dictionary(
      uniqueKeysWithValues: categories.enumerated().map { ($1, Int32($0)) })
    skuCategory = skus.map { categoryIndex[$0.record.category] ?? 0 }
    self.asOf = asOf
    self.limits = limits
  }
}

/// Plausibility limits; values beyond them are quarantined as absurd rather than stored.
public struct IngestLimits: Sendable, Equatable, Codable {
  /// Largest |quantity| on one transaction line.
  public var maximumUnitsPerLine: Double
  /// Largest units for one store/SKU/day in a daily-demand file, or on hand in a snapshot.
  public var maximumUnitsPerDay: Double
  /// Largest unit price or cost accepted.
  public var maximumUnitPrice: Double
  /// Most bad rows of one file kept for its quarantine file. A file with more is refused whatever
  /// its share of bad rows, so that a huge file of garbage cannot exhaust memory (each kept row
  /// holds up to 2,000 characters of its text).
  public var maximumQuarantinedRows: Int

  public init(
    maximumUnitsPerLine: Double = 10_000, maximumUnitsPerDay: Double = 1_000_000,
    maximumUnitPrice: Double = 1_000_000, maximumQuarantinedRows: Int = 1_000_000
  ) {
    self.maximumUnitsPerLine = maximumUnitsPerLine
    self.maximumUnitsPerDay = maximumUnitsPerDay
    self.maximumUnitPrice = maximumUnitPrice
    self.maximumQuarantinedRows = maximumQuarantinedRows
  }
}
