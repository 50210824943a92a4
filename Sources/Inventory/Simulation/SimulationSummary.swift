/// A policy's results over a simulation, summed over a group of items (the chain or one store).
public struct SimulationSummary: Sendable, Equatable {
  public var policy: String
  /// The store, or "" for the whole chain.
  public var store: String
  public var days: Int
  public var items = 0
  public var demandUnits = 0
  public var salesUnits = 0
  public var lostUnits = 0
  /// Store/SKU/days with unmet demand.
  public var stockoutEvents = 0
  /// Σ end-of-day on-hand value over items and days, at unit cost.
  public var onHandValueDays = 0.0
  /// Holding cost over the run (holding cost rate × on-hand value × days / 365).
  public var carryingCost = 0.0
  /// Lost units at each item's lost-sale cost (margin or penalty), in the chain's currency.
  public var lostSaleCost = 0.0
  public var orders = 0
  public var cases = 0
  public var orderedUnits = 0

  public init(policy: String, store: String, days: Int) {
    self.policy = policy
    self.store = store
    self.days = days
  }

  /// Adds one item's totals.
  public mutating func add(_ item: InventorySimulator.ItemResult) {
    items += 1
    demandUnits += item.demand
    salesUnits += item.sales
    lostUnits += item.lostUnits
    stockoutEvents += item.stockoutEvents
    onHandValueDays += item.onHandValueDays
    carryingCost += item.carryingCost
    lostSaleCost += item.lostSaleCost
    orders += item.orders
    cases += item.orderedCases
    orderedUnits += item.orderedUnits
  }

  /// Units sold over units demanded, in percent (100 without demand).
  public var fillRatePercent: Double {
    demandUnits > 0 ? 100 * Double(salesUnits) / Double(demandUnits) : 100
  }

  /// Carrying cost + lost-sale cost over the run, in the chain's currency.
  public var totalCost: Double { carryingCost + lostSaleCost }

  /// Mean end-of-day on-hand value of the group, at unit cost.
  public var averageOnHandValue: Double { days > 0 ? onHandValueDays / Double(days) : 0 }

  /// The chain total and one summary per store (in `storeOf` order of first appearance sorted
  /// by store id) of a run.
  /// - Parameters:
  ///   - storeOf: the store id of each item, aligned with `result.items`.
  public static func of(
    _ result: InventorySimulator.Result, policy: String, storeOf: [String]
  ) -> (chain: SimulationSummary, stores: [SimulationSummary]) {
    precondition(storeOf.count == result.items.count, "one store per item")
    var chain = SimulationSummary(policy: policy, store: "", days: result.days)
    var stores: [String: SimulationSummary] = [:]
    for (item, store) in zip(result.items, storeOf) {
      chain.add(item)
      stores[store, default: SimulationSummary(policy: policy, store: store, days: result.days)]
        .add(item)
    }
    return (chain, stores.keys.sorted().compactMap { stores[$0] })
  }
}
