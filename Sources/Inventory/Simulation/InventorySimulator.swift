import Tabular

/// Replays days one by one: each morning orders due arrive and the policy orders, then the
/// day's demand (`DemandDraws`, negative binomial with the item's dispersion or Poisson) is
/// served from stock; unmet demand is lost.
public struct InventorySimulator: Sendable {
  public var items: [SimulatedItem]
  /// True expected demand per item per simulated day, `expected[item][day]`.
  public var expected: [[Double]]
  public var seed: UInt64
  /// Holding cost per year as a share of unit cost.
  public var holdingCostRate: Double

  public init(items: [SimulatedItem], expected: [[Double]], seed: UInt64, holdingCostRate: Double) {
    precondition(items.count == expected.count, "one demand path per item")
    self.items = items
    self.expected = expected
    self.seed = seed
    self.holdingCostRate = holdingCostRate
  }

  /// One item's totals over the run.
  public struct ItemResult: Sendable, Equatable {
    public var demand = 0
    public var sales = 0
    public var lostUnits = 0
    /// Days with unmet demand.
    public var stockoutEvents = 0
    public var receipts = 0
    public var orders = 0
    public var orderedUnits = 0
    /// Cases placed (each order's units over the case pack, rounded up).
    public var orderedCases = 0
    public var closingStock = 0
    /// Σ end-of-day on-hand value (unit cost), for the average.
    public var onHandValueDays = 0.0
    /// Holding cost over the run, in the chain's currency.
    public var carryingCost = 0.0
    /// Lost units × the item's lost-sale cost per unit, in the chain's currency.
    public var lostSaleCost = 0.0
  }

  public struct Result: Sendable, Equatable {
    public var days: Int
    public var items: [ItemResult]
    /// Every item-day balanced: opening + receipts − sales = closing.
    public var conserved: Bool
  }

  /// The units item `item` demands on simulated day `day`: the same draw in every run and
  /// every policy (0 past the expected path).
  public func demand(item i: Int, day: Int) -> Int {
    let mean = day < expected[i].count ? expected[i][day] : 0
    return DemandDraws.draw(
      expected: mean, size: items[i].dispersion?.size(mean: mean), seed: seed, series: i,
      day: day)
  }

  /// Runs `days` days from the items' opening stock.
  /// - Parameter cancellation: checked before each simulated day (`CrashPoint`
  ///   `simulate.day-done` after each); a stop throws `Cancelled` and returns nothing.
  /// - Throws: what the policy throws (a forecast that cannot be made); `Cancelled`.
  public func run<Policy: SimulationPolicy>(
    days: Int, policy: inout Policy, cancellation: Cancellation = .never
  ) throws -> Result {
    var states = items.map {
      ItemState(onHand: $0.openingStock, onOrder: 0, sales: [], stockouts: [])
    }
    var pipeline = items.map { _ in [Int: Int]() }  // arrival day → units
    var results = items.map { _ in ItemResult() }
    var conserved = true
    for day in 0..<days {
      try cancellation.check()
      for i in items.indices {
        if let arriving = pipeline[i].removeValue(forKey: day) {
          states[i].onHand += arriving
          states[i].onOrder -= arriving
          results[i].receipts += arriving
        }
      }
      let orders = try policy.orders(day: day, items: items, states: states)
      for i in items.indices {
        let opening = states[i].onHand
        let receivedToday = results[i].receipts
        let units = max(0, orders[i])
        if units > 0 {
          let arrival = day + items[i].leadTimeDays
          if arrival == day {
            states[i].onHand += units
            results[i].receipts += units
          } else {
            pipeline[i][arrival, default: 0] += units
            states[i].onOrder += units
          }
          results[i].orders += 1
          results[i].orderedUnits += units
          let casePack = items[i].rounding.casePack
          results[i].orderedCases += (units + casePack - 1) / casePack
        }
        let demand = demand(item: i, day: day)
        let sold = min(demand, states[i].onHand)
        states[i].onHand -= sold
        states[i].sales.append(sold)
        states[i].stockouts.append(demand > sold)
        results[i].demand += demand
        results[i].sales += sold
        results[i].lostUnits += demand - sold
        if demand > sold { results[i].stockoutEvents += 1 }
        let value = Double(states[i].onHand) * items[i].unitCost
        results[i].onHandValueDays += value
        results[i].carryingCost += value * holdingCostRate / 365
        let received = results[i].receipts - receivedToday
        if opening + received - sold != states[i].onHand { conserved = false }
      }
      CrashPoint.hit("simulate.day-done", detail: "\(day)")
    }
    for i in items.indices {
      results[i].closingStock = states[i].onHand
      results[i].lostSaleCost = Double(results[i].lostUnits) * items[i].lostSaleCostPerUnit
    }
    return Result(days: days, items: results, conserved: conserved)
  }
}
