/// A store's identifier as the chain's master data spells it (`S001`).
public struct StoreID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (a: StoreID, b: StoreID) -> Bool { a.rawValue < b.rawValue }
}

/// A stock-keeping unit's identifier as the chain's master data spells it (`P00042`).
public struct SKUID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (a: SKUID, b: SKUID) -> Bool { a.rawValue < b.rawValue }
}

/// One demand series: a SKU in a store.
public struct SeriesKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let store: StoreID
  public let sku: SKUID
  public init(store: StoreID, sku: SKUID) {
    self.store = store
    self.sku = sku
  }
  public var description: String { "\(store)/\(sku)" }
  public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
    (a.store, a.sku) < (b.store, b.sku)
  }
}
