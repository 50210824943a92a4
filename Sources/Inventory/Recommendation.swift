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

  public init(
    store: StoreID, storeName: String, sku: SKUID, skuName: String, category: String,
    abcClass: ABCClass, onHand: Double, onOrder: Double, leadTimeDays: Int, reviewDays: Int,
    decision: ReplenishmentPolicy.Decision, orderValue: Double,
    serviceLevel: ChosenServiceLevel? = nil
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
  }

  /// Most urgent first: higher stock-out risk, then higher order value, then store and SKU.
  public static func urgentFirst(_ a: Recommendation, _ b: Recommendation) -> Bool {
    let riskA = (a.decision.stockoutRiskPercent * 1e6).rounded()
    let riskB = (b.decision.stockoutRiskPercent * 1e6).rounded()
    if riskA != riskB { return riskA > riskB }
    if a.orderValue != b.orderValue { return a.orderValue > b.orderValue }
    return (a.store, a.sku) < (b.store, b.sku)
  }
}
