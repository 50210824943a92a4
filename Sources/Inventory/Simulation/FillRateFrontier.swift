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
    LinearInterpolation.value(
      at: fillRatePercent, points: points.map { ($0.fillRatePercent, $0.carryingCost) })
  }
}
