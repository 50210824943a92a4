/// What a merchandiser does with a spreadsheet: order up to the 4-week moving average of sales
/// × (lead time + 7 days) plus one week of safety stock, in whole cases, weekly on day 0, 7, ….
public struct BaselinePolicy: SimulationPolicy {
  public var reviewDays: Int
  /// Daily demand assumed before any sale is seen (the first weeks of a run).
  public var initialDailyDemand: [Double]

  public init(reviewDays: Int = 7, initialDailyDemand: [Double]) {
    self.reviewDays = reviewDays
    self.initialDailyDemand = initialDailyDemand
  }

  public mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int] {
    guard day % reviewDays == 0 else { return items.map { _ in 0 } }
    return items.indices.map { i in
      let sales = states[i].sales.suffix(28)
      let average =
        sales.count >= 7
        ? Double(sales.reduce(0, +)) / Double(sales.count) : initialDailyDemand[i]
      let target = average * Double(items[i].leadTimeDays + 7) + average * 7
      let position = Double(states[i].onHand + states[i].onOrder)
      return items[i].rounding.order(wantedUnits: target - position, positionUnits: position).units
    }
  }
}
