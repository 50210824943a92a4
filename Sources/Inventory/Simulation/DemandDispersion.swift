/// How much an item's daily demand scatters around its expected units: negative binomial with
/// size = `sizeIntercept` + `sizePerUnit` × expected (variance = expected + expected² / size),
/// the form the chain generator draws from (`truth/demand_dispersion.csv`).
public struct DemandDispersion: Sendable, Equatable {
  /// Size at an expected demand near zero (> 0; smaller is burstier).
  public var sizeIntercept: Double
  /// Growth of the size per expected unit (≥ 0): fast movers are relatively less bursty.
  public var sizePerUnit: Double

  public init(sizeIntercept: Double, sizePerUnit: Double) {
    precondition(sizeIntercept > 0 && sizePerUnit >= 0, "a positive negative binomial size")
    self.sizeIntercept = sizeIntercept
    self.sizePerUnit = sizePerUnit
  }

  /// The negative binomial size on a day expecting `mean` units.
  public func size(mean: Double) -> Double { sizeIntercept + sizePerUnit * max(0, mean) }

  /// The day's variance in units².
  public func variance(mean: Double) -> Double {
    let m = max(0, mean)
    return m + m * m / size(mean: m)
  }
}
