import DemandCore

/// What one series actually sold over consecutive days, and which of those days can be scored.
public struct ObservedDemand: Sendable, Equatable {
  /// The day `units[0]` is for.
  public var start: Day
  /// Units sold per day (a lower bound on demand on stock-out days).
  public var units: [Double]
  /// True on days the SKU ran out: the day's sales are censored demand.
  public var stockout: [Bool]
  /// False on days whose sales have not arrived (the store has no record that day); such days
  /// are not joined at all, since a missing day is not a day of zero demand.
  public var recorded: [Bool]

  public init(start: Day, units: [Double], stockout: [Bool], recorded: [Bool]) {
    precondition(
      stockout.count == units.count && recorded.count == units.count,
      "one stock-out flag and one recorded flag per day")
    self.start = start
    self.units = units
    self.stockout = stockout
    self.recorded = recorded
  }

  /// The position of `day` in the arrays, or `nil` outside them.
  public func offset(of day: Day) -> Int? {
    let offset = start.days(to: day)
    return offset >= 0 && offset < units.count ? offset : nil
  }
}
