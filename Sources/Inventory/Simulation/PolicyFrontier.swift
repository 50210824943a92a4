/// One policy family run at several service-level scales: what it pays in carrying cost for
/// each fill rate, and how many stock-out events it has for each carrying cost. ShelfCast's and
/// the oracle's are compared with the other policies "at the same fill rate" and "at the same
/// stock" through it, which holds on any chain, also where no single point wins on both.
public struct PolicyFrontier: Sendable, Equatable {
  /// One run of the family: its chain summary.
  public let runs: [SimulationSummary]

  public init(runs: [SimulationSummary]) { self.runs = runs }

  /// Lowest and highest fill rate of the runs, in percent (`nil` without runs).
  public var fillRateRange: ClosedRange<Double>? {
    let rates = runs.map(\.fillRatePercent)
    guard let low = rates.min(), let high = rates.max() else { return nil }
    return low...high
  }

  /// The carrying cost at `fillRatePercent`, linear between the two runs around it in fill
  /// rate; `nil` outside the runs' range (no extrapolation).
  public func carryingCost(atFillRate fillRatePercent: Double) -> Double? {
    LinearInterpolation.value(
      at: fillRatePercent, points: runs.map { ($0.fillRatePercent, $0.carryingCost) })
  }

  /// The stock-out events at `carryingCost`, linear between the two runs around it in carrying
  /// cost; `nil` outside the runs' range.
  public func stockoutEvents(atCarryingCost carryingCost: Double) -> Double? {
    LinearInterpolation.value(
      at: carryingCost, points: runs.map { ($0.carryingCost, Double($0.stockoutEvents)) })
  }

  /// The total cost (carrying cost + lost-sale cost) at `fillRatePercent`, as `carryingCost`.
  public func totalCost(atFillRate fillRatePercent: Double) -> Double? {
    LinearInterpolation.value(
      at: fillRatePercent, points: runs.map { ($0.fillRatePercent, $0.totalCost) })
  }
}

/// Piecewise-linear interpolation through points, without extrapolation.
public enum LinearInterpolation {
  /// y at `x` on the polyline through `points` sorted by x (ties keep their order); `nil` when
  /// `x` lies outside the points' x range or there are none. Where two points share `x`, the
  /// smaller y.
  public static func value(at x: Double, points: [(x: Double, y: Double)]) -> Double? {
    let sorted = points.enumerated().sorted {
      ($0.element.x, $0.offset) < ($1.element.x, $1.offset)
    }
    .map(\.element)
    guard let first = sorted.first, let last = sorted.last, x >= first.x, x <= last.x else {
      return nil
    }
    if sorted.count == 1 { return first.y }
    for (low, high) in zip(sorted, sorted.dropFirst()) where x <= high.x {
      let span = high.x - low.x
      guard span > 0 else { return min(low.y, high.y) }
      return low.y + (x - low.x) / span * (high.y - low.y)
    }
    return last.y
  }
}
