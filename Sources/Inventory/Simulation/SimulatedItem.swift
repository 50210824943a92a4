/// One store/SKU as the simulator sees it: what it costs and how it is ordered.
public struct SimulatedItem: Sendable, Equatable {
  public var leadTimeDays: Int
  public var unitCost: Double
  public var rounding: OrderRounding
  /// Units on hand before the first simulated day.
  public var openingStock: Int

  public init(leadTimeDays: Int, unitCost: Double, rounding: OrderRounding, openingStock: Int) {
    precondition(leadTimeDays >= 0, "a lead time is not negative")
    self.leadTimeDays = leadTimeDays
    self.unitCost = unitCost
    self.rounding = rounding
    self.openingStock = openingStock
  }
}

/// What a policy sees of an item each morning, before ordering.
public struct ItemState: Sendable, Equatable {
  public var onHand: Int
  /// Units ordered and not yet received.
  public var onOrder: Int
  /// Units sold on each past simulated day, oldest first (sales, not demand: stock-outs cap them).
  public var sales: [Int]
  /// True where the day ended with nothing on hand and unmet demand.
  public var stockouts: [Bool]

  public init(onHand: Int, onOrder: Int, sales: [Int], stockouts: [Bool]) {
    self.onHand = onHand
    self.onOrder = onOrder
    self.sales = sales
    self.stockouts = stockouts
  }
}

/// Decides each morning how many units to order for each item (0 for none).
public protocol SimulationPolicy {
  mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int]
}
