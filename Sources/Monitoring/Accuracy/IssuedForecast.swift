import DemandCore

/// The forecast one run issued for one series: p10, p50, p90 and mean for consecutive target
/// days starting at `firstTargetDay`, with what made it.
public struct IssuedForecast: Sendable, Equatable {
  public var key: SeriesKey
  /// The run date D: the forecast was made from history up to D.
  public var issuedOn: Day
  /// The day `p10[0]` etc. are for (D + 1 for a nightly run).
  public var firstTargetDay: Day
  /// Units per day, one value per target day; all four paths have the same length.
  public var p10: [Double]
  public var p50: [Double]
  public var p90: [Double]
  /// `nan` on days without a mean forecast; the point forecast is then p50.
  public var mean: [Double]
  /// The model label (`forecast.csv`'s `model`).
  public var model: String
  /// The fitted set in service when it was issued.
  public var modelVersion: String

  public init(
    key: SeriesKey, issuedOn: Day, firstTargetDay: Day, p10: [Double], p50: [Double],
    p90: [Double], mean: [Double], model: String, modelVersion: String
  ) {
    precondition(
      p50.count == p10.count && p90.count == p10.count && mean.count == p10.count,
      "the paths of a forecast have one value per target day")
    self.key = key
    self.issuedOn = issuedOn
    self.firstTargetDay = firstTargetDay
    self.p10 = p10
    self.p50 = p50
    self.p90 = p90
    self.mean = mean
    self.model = model
    self.modelVersion = modelVersion
  }

  /// Target days covered.
  public var dayCount: Int { p10.count }
}
