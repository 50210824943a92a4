/// Orders as if the true demand distribution were known: every review, up to the
/// service-level quantile of the true demand over lead time + review period (the sum of
/// independent Poisson days is Poisson with the summed mean), in whole cases.
public struct OraclePolicy: SimulationPolicy {
  public var reviewDays: Int
  /// Service level per item.
  public var serviceLevels: [Double]
  /// True expected demand per item per simulated day, as the simulator draws from.
  public var expected: [[Double]]

  public init(reviewDays: Int = 7, serviceLevels: [Double], expected: [[Double]]) {
    self.reviewDays = reviewDays
    self.serviceLevels = serviceLevels
    self.expected = expected
  }

  public mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int] {
    guard day % reviewDays == 0 else { return items.map { _ in 0 } }
    return items.indices.map { i in
      let cover = day..<(day + items[i].leadTimeDays + reviewDays)
      let path = expected[i]
      let mean = cover.reduce(0.0) { $0 + ($1 < path.count ? max(0, path[$1]) : 0) }
      let target = CoverDemand(mean: mean, variance: mean).quantile(serviceLevels[i])
      let position = Double(states[i].onHand + states[i].onOrder)
      return items[i].rounding.order(wantedUnits: target - position, positionUnits: position).units
    }
  }
}
