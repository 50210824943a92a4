import DemandCore

/// One store/SKU as the simulator sees it: what it costs and how it is ordered.
public struct SimulatedItem: Sendable, Equatable {
  public var key: SeriesKey
  public var leadTimeDays: Int
  public var unitCost: Double
  public var rounding: OrderRounding
  /// Units on hand before the first simulated day.
  public var openingStock: Int
  /// Units sold on the days just before the simulation, oldest first (what a spreadsheet's
  /// moving average starts from).
  public var priorSales: [Int]
  /// How daily demand scatters around its expected units (`nil`: Poisson).
  public var dispersion: DemandDispersion?
  /// What a unit of demand lost to a stock-out costs (the margin, or the configured penalty),
  /// in money per unit: the lost-sale side of the total cost.
  public var lostSaleCostPerUnit: Double

  public init(
    key: SeriesKey = SeriesKey(store: StoreID(""), sku: SKUID("")), leadTimeDays: Int,
    unitCost: Double, rounding: OrderRounding, openingStock: Int, priorSales: [Int] = [],
    dispersion: DemandDispersion? = nil, lostSaleCostPerUnit: Double = 0
  ) {
    precondition(leadTimeDays >= 0, "a lead time is not negative")
    self.key = key
    self.leadTimeDays = leadTimeDays
    self.unitCost = unitCost
    self.rounding = rounding
    self.openingStock = openingStock
    self.priorSales = priorSales
    self.dispersion = dispersion
    self.lostSaleCostPerUnit = lostSaleCostPerUnit
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
  /// Orders for simulated day `day` (0 = the first), one per item, placed before the day's
  /// demand; `states` hold each item's stock and the sales of days `0 ..< day`.
  mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) throws -> [Int]
}
