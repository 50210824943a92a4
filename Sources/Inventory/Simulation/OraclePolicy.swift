/// Orders as if the true demand distribution were known, on the same schedule as ShelfCast's
/// policy: every review, up to the service-level quantile of the true demand over lead time +
/// review period; between reviews, only when the position is below the quantile of demand until
/// the next review's order can arrive. The simulator's days are independent draws, so a cover's
/// demand has the summed means and variances; it is read as the negative binomial with those
/// two moments (exactly Poisson when every day is).
public struct OraclePolicy: SimulationPolicy {
  public var reviewDays: Int
  /// Service level per item.
  public var serviceLevels: [Double]
  /// True expected demand per item per simulated day, as the simulator draws from.
  public var expected: [[Double]]
  /// Each item's dispersion, as the simulator draws with.
  public var dispersions: [DemandDispersion?]

  public init(
    reviewDays: Int = 7, serviceLevels: [Double], expected: [[Double]],
    dispersions: [DemandDispersion?]
  ) {
    precondition(reviewDays >= 1, "a review period is at least a day")
    self.reviewDays = reviewDays
    self.serviceLevels = serviceLevels
    self.expected = expected
    self.dispersions = dispersions
  }

  /// Each review's order-up-to level, in the order made (`TailCoverage`'s check of the
  /// measurement: the oracle's must match its levels).
  public private(set) var reviews: [TailObservation] = []

  public mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) -> [Int] {
    let untilReview = ReviewSchedule.daysUntilReview(day: day, reviewDays: reviewDays)
    var orders = [Int](repeating: 0, count: items.count)
    for i in items.indices {
      let lead = items[i].leadTimeDays
      let position = Double(states[i].onHand + states[i].onOrder)
      if untilReview > 0 {
        let trigger = cover(item: i, from: day, days: lead + untilReview)
          .quantile(serviceLevels[i])
        guard position < trigger else { continue }
      }
      let demand = cover(item: i, from: day, days: lead + reviewDays)
      let target = demand.quantile(serviceLevels[i])
      if untilReview == 0 {
        reviews.append(
          TailObservation(
            item: i, day: day, coverDays: lead + reviewDays, serviceLevel: serviceLevels[i],
            orderUpTo: target, coverMeanUnits: demand.mean))
      }
      orders[i] =
        items[i].rounding.order(wantedUnits: target - position, positionUnits: position)
        .units
    }
    return orders
  }

  /// The true demand over `days` days from `day`.
  private func cover(item: Int, from day: Int, days: Int) -> CoverDemand {
    let path = expected[item]
    let dispersion = dispersions[item]
    var mean = 0.0
    var variance = 0.0
    for d in day..<(day + days) where d < path.count {
      let m = max(0, path[d])
      mean += m
      variance += dispersion?.variance(mean: m) ?? m
    }
    return CoverDemand(mean: mean, variance: variance)
  }
}
