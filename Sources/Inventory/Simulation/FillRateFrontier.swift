/// The carrying cost a policy family pays for each fill rate, from runs at several service
/// levels: how the oracle's cost is read "at the same fill rate" as another policy's.
public struct FillRateFrontier: Sendable, Equatable {
  /// (fill rate in percent, carrying cost), sorted by fill rate.
  public let points: [(fillRatePercent: Double, carryingCost: Double)]

  public init(points: [(fillRatePercent: Double, carryingCost: Double)]) {
    self.points = points.sorted { $0.fillRatePercent < $1.fillRatePercent }
  }

  public static func == (a: FillRateFrontier, b: FillRateFrontier) -> Bool {
    a.points.elementsEqual(b.points) { $0 == $1 }
  }

  /// The carrying cost at `fillRatePercent`, linear between the two nearest points; `nil`
  /// outside the points' range (no extrapolation).
  public func carryingCost(atFillRate fillRatePercent: Double) -> Double? {
    guard let first = points.first, let last = points.last,
      fillRatePercent >= first.fillRatePercent, fillRatePercent <= last.fillRatePercent
    else { return nil }
    for (low, high) in zip(points, points.dropFirst())
    where fillRatePercent <= high.fillRatePercent {
      let span = high.fillRatePercent - low.fillRatePercent
      guard span > 0 else { return min(low.carryingCost, high.carryingCost) }
      let t = (fillRatePercent - low.fillRatePercent) / span
      return low.carryingCost + t * (high.carryingCost - low.carryingCost)
    }
    return last.carryingCost
  }
}
