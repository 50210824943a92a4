import DemandCore

/// A store as the chain's master data describes it.
public struct StoreRecord: Sendable, Equatable, Codable {
  public var id: StoreID
  public var name: String
  public var region: String
  public var format: String
  /// First trading day; rows dated earlier are refused.
  public var openDay: Day?

  public init(id: StoreID, name: String, region: String, format: String, openDay: Day?) {
    self.id = id
    self.name = name
    self.region = region
    self.format = format
    self.openDay = openDay
  }
}

/// A SKU as the chain's master data describes it. Money is in the chain's currency per unit.
public struct SKURecord: Sendable, Equatable, Codable {
  public var id: SKUID
  public var name: String
  public var category: String
  public var unitCost: Double
  public var unitPrice: Double
  /// Units per case; orders are placed in whole cases.
  public var casePack: Int
  public var leadTimeDays: Int
  public var minOrderQty: Int
  /// The most units a store's shelf (and back room) takes of the SKU, on hand and on order
  /// together; `nil`: no limit. Orders are lowered to the whole cases that fit.
  public var shelfCapacityUnits: Int?

  public init(
    id: SKUID, name: String, category: String, unitCost: Double, unitPrice: Double, casePack: Int,
    leadTimeDays: Int, minOrderQty: Int, shelfCapacityUnits: Int? = nil
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.unitCost = unitCost
    self.unitPrice = unitPrice
    self.casePack = casePack
    self.leadTimeDays = leadTimeDays
    self.minOrderQty = minOrderQty
    self.shelfCapacityUnits = shelfCapacityUnits
  }
}

/// One calendar day and its holiday, if any.
public struct CalendarEntry: Sendable, Equatable, Codable {
  public var day: Day
  public var holiday: String?
  public init(day: Day, holiday: String?) {
    self.day = day
    self.holiday = holiday
  }
}

/// A planned price promotion for a SKU in a store, both days inclusive.
public struct PromotionRecord: Sendable, Equatable, Codable {
  public var store: StoreID
  public var sku: SKUID
  public var start: Day
  public var end: Day
  /// Discount off the regular price, in percent (0–100).
  public var discountPct: Double
  public init(store: StoreID, sku: SKUID, start: Day, end: Day, discountPct: Double) {
    self.store = store
    self.sku = sku
    self.start = start
    self.end = end
    self.discountPct = discountPct
  }
}

/// Master data keyed by the database's integer ids, which blocks of demand refer to.
public struct MasterIndex: Sendable {
  public var stores: [(key: Int32, record: StoreRecord)]
  public var skus: [(key: Int32, record: SKURecord)]
  public init(stores: [(key: Int32, record: StoreRecord)], skus: [(key: Int32, record: SKURecord)])
  {
    self.stores = stores
    self.skus = skus
  }
}
