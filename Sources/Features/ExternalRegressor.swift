import DemandCore

/// A regressor the chain supplies in a covariates file (SNAP days, events, planned markdowns,
/// temperature, …), as a global regression reads it.
///
/// - A **known-in-advance** regressor (an event, a planned markdown) is known for the future
///   days too, so the row of target day `t` reads its value on `t`. A missing value there reads
///   as 0: "no event, no markdown".
/// - Any other regressor (temperature, fuel price, CPI) is only known once it happened, so the
///   row of target day `t` reads its value at the cut-off `t − h`, like the history columns: the
///   last value at or before the cut-off, carried forward over at most
///   `observedCarryForwardDays`; 0 when there is none. It never reads a day after the cut-off.
public struct ExternalRegressor: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The regressor's name in the covariates file.
  public var name: String
  /// True when future values are known when the forecast is made.
  public var knownInAdvance: Bool

  public init(name: String, knownInAdvance: Bool) {
    self.name = name
    self.knownInAdvance = knownInAdvance
  }

  /// The days an observed regressor's last value is carried forward to a cut-off.
  public static let observedCarryForwardDays = 28

  /// The column name: `x_NAME` for a known-in-advance regressor (its value on the target day),
  /// `x_NAME_lag` for an observed one (its value at the cut-off).
  public var columnName: String { knownInAdvance ? "x_\(name)" : "x_\(name)_lag" }

  public var description: String { columnName }
}

/// The daily values of one regressor over a span of days, as they apply to a series (the value
/// of the most specific scope that has the day: SKU or category, then store, then the chain).
///
/// Series of the same scope share one instance (arrays are copied on write only), so a
/// chain-wide regressor costs one array however many series read it.
public struct CovariateSeries: Sendable, Equatable, Codable {
  /// The day of `values[0]`.
  public var firstDay: Day
  /// The value on each day from `firstDay`, NaN where missing (no row, or `NA`).
  public var values: [Double]

  public init(firstDay: Day, values: [Double]) {
    self.firstDay = firstDay
    self.values = values
  }

  /// The value on `day`, NaN when missing or outside the span.
  public func value(on day: Day) -> Double {
    let offset = firstDay.days(to: day)
    guard offset >= 0, offset < values.count else { return .nan }
    return values[offset]
  }
}
