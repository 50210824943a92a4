/// The share of a day's sales made by each hour, learnt from timestamped history (one store,
/// weekday and category), and the share made by a time of day.
///
/// Learnt hourly units c_h (total C) are shrunk towards a broader profile b_h (the store and
/// weekday over all categories, itself a share profile) with the weight of `priorUnits` units:
/// w_h = (c_h + k b_h) / (C + k). Without any history the profile is flat over 07:00–22:00.
public struct IntradayProfile: Sendable, Equatable {
  /// Share of the day's sales in each hour 0…23; sums to 1.
  public let hourlyShares: [Double]

  /// Units of prior weight given to the broader profile.
  public static let priorUnits = 50.0

  public init(hourlyShares: [Double]) {
    precondition(hourlyShares.count == 24, "one share per hour")
    let total = hourlyShares.reduce(0, +)
    self.hourlyShares =
      total > 0 ? hourlyShares.map { $0 / total } : Self.flat.hourlyShares
  }

  /// Flat over the hours 07–21 (opening 07:00–22:00).
  public static let flat = IntradayProfile(
    hourlyShares: (0..<24).map { (7..<22).contains($0) ? 1.0 / 15 : 0 })

  /// `units` (24 hourly sums) shrunk towards `prior` with `priorUnits` of weight.
  public init(units: [Double], prior: IntradayProfile, priorUnits: Double = Self.priorUnits) {
    precondition(units.count == 24, "one sum per hour")
    let total = units.reduce(0, +)
    self.init(
      hourlyShares: (0..<24).map {
        (units[$0] + priorUnits * prior.hourlyShares[$0]) / (total + priorUnits)
      })
  }

  /// The share of the day's sales made before `secondOfDay` (hours before it in whole, the
  /// current hour pro rata).
  public func elapsedShare(atSecondOfDay secondOfDay: Int) -> Double {
    let clamped = min(max(secondOfDay, 0), 86_400)
    let hour = clamped / 3600
    var share = 0.0
    for h in 0..<min(hour, 24) { share += hourlyShares[h] }
    if hour < 24 { share += hourlyShares[hour] * Double(clamped % 3600) / 3600 }
    return min(share, 1)
  }
}
