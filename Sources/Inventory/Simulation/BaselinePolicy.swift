/// What a merchandiser does with a spreadsheet: every review (day 0, 7, … by default), order up
/// to the 4-week moving average of sales × (lead time + 7 days) plus one week of safety stock,
/// in whole cases. The average runs over the last 28 days of sales, the days before the
/// simulation (`SimulatedItem.priorSales`) included.
public struct BaselinePolicy: SimulationPolicy {
  public var reviewDays: Int
  /// Days the moving average spans.
  public var averageDays = 28
  /// Days of average sales kept as safety stock.
  public var safetyDays = 7

  public init(reviewDays: Int = 7) {
    precondition(reviewDays >= 1, "a review period is at least a day")
    self.reviewDays = reviewDays
  }

  public mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int] {
    guard ReviewSchedule.daysUntilReview(day: day, reviewDays: reviewDays) == 0 else {
      return items.map { _ in 0 }
    }
    return items.indices.map { i in
      let recent = states[i].sales.suffix(averageDays)
      let earlier = items[i].priorSales.suffix(averageDays - recent.count)
      let days = recent.count + earlier.count
      let units = recent.reduce(0, +) + earlier.reduce(0, +)
      let average = days > 0 ? Double(units) / Double(days) : 0
      let target = average * Double(items[i].leadTimeDays + 7 + safetyDays)
      let position = Double(states[i].onHand + states[i].onOrder)
      return items[i].rounding.order(wantedUnits: target - position, positionUnits: position).units
    }
  }
}
