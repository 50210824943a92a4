import DemandCore

/// One row of `recommendations.csv`: what to order for a store/SKU, and why.
public struct Recommendation: Sendable, Equatable {
  public var store: StoreID
  public var storeName: String
  public var sku: SKUID
  public var skuName: String
  public var category: String
  public var abcClass: ABCClass
  public var onHand: Double
  public var onOrder: Double
  public var leadTimeDays: Int
  public var reviewDays: Int
  public var decision: ReplenishmentPolicy.Decision
  /// Order value at unit cost, in the chain's currency.
  public var orderValue: Double
  /// The cycle service level the order-up-to level was read at, and the rule that chose it
  /// (`nil`: not known; its columns are left empty).
  public var serviceLevel: ChosenServiceLevel?
  /// The day the order is placed: the morning after the run date (`nil`: not known).
  public var orderDate: Day?
  /// Units per case pack, as the order was rounded to.
  public var casePack: Int
  /// The currency of `orderValue` (ISO 4217; empty when not configured).
  public var currency: String

  /// The day an order placed on `orderDate` arrives: `leadTimeDays` later.
  public var expectedDeliveryDate: Day? { orderDate?.adding(days: leadTimeDays) }

  public init(
    store: StoreID, storeName: String, sku: SKUID, skuName: String, category: String,
    abcClass: ABCClass, onHand: Double, onOrder: Double, leadTimeDays: Int, reviewDays: Int,
    decision: ReplenishmentPolicy.Decision, orderValue: Double,
    serviceLevel: ChosenServiceLevel? = nil, orderDate: Day? = nil, casePack: Int = 1,
    currency: String = ""
  ) {
    self.store = store
    self.storeName = storeName
    self.sku = sku
    self.skuName = skuName
    self.category = category
    self.abcClass = abcClass
    self.onHand = onHand
    self.onOrder = onOrder
    self.leadTimeDays = leadTimeDays
    self.reviewDays = reviewDays
    self.decision = decision
    self.orderValue = orderValue
    self.serviceLevel = serviceLevel
    self.orderDate = orderDate
    self.casePack = casePack
    self.currency = currency
  }

  /// Orders first, then the items that need none (the watch list); within each, most urgent
  /// first: higher stock-out risk, then higher order value, then store and SKU. The risk is
  /// compared as `recommendations.csv` prints it (a ratio to 3 decimals), so rows that show the
  /// same risk are in order of value.
  public static func urgentFirst(_ a: Recommendation, _ b: Recommendation) -> Bool {
    let (ordersA, ordersB) = (a.decision.order.units > 0, b.decision.order.units > 0)
    if ordersA != ordersB { return ordersA }
    let riskA = (a.decision.stockoutRiskPercent * 10).rounded()
    let riskB = (b.decision.stockoutRiskPercent * 10).rounded()
    if riskA != riskB { return riskA > riskB }
    if a.orderValue != b.orderValue { return a.orderValue > b.orderValue }
    return (a.store, a.sku) < (b.store, b.sku)
  }
}
