/// Many daily series on one shared calendar, stored flat: the layout the forecasting engine loops
/// over (series × models), like statsforecast's `GroupedArray`.
///
/// Every series covers the same days, `start ..< start + dayCount`; series `i` occupies
/// `values[i * dayCount ..< (i + 1) * dayCount]`. `censored` marks days whose value is only a lower
/// bound on demand (the SKU ran out), which fitting and accuracy must skip rather than read as
/// demand.
public struct SeriesPanel: Sendable, Equatable {
  public let keys: [SeriesKey]
  public let start: Day
  public let dayCount: Int
  /// Units per day, series after series.
  public var values: [Double]
  /// True where the day's value is censored by a stock-out, aligned with `values`.
  public var censored: [Bool]

  /// A panel of zeros, uncensored, for `keys` over `dayCount` days from `start`.
  public init(keys: [SeriesKey], start: Day, dayCount: Int) {
    precondition(dayCount >= 0, "a panel cannot cover a negative number of days")
    self.keys = keys
    self.start = start
    self.dayCount = dayCount
    values = [Double](repeating: 0, count: keys.count * dayCount)
    censored = [Bool](repeating: false, count: keys.count * dayCount)
  }

  public var seriesCount: Int { keys.count }

  /// The last day covered, or `nil` for an empty calendar.
  public var end: Day? { dayCount == 0 ? nil : start.adding(days: dayCount - 1) }

  /// Offset of `day` in every series, or `nil` when the panel does not cover it.
  public func dayOffset(_ day: Day) -> Int? {
    let offset = start.days(to: day)
    return offset >= 0 && offset < dayCount ? offset : nil
  }

  /// The values of series `index`.
  public func series(_ index: Int) -> ArraySlice<Double> {
    values[index * dayCount..<(index + 1) * dayCount]
  }

  /// The censoring flags of series `index`.
  public func censoring(_ index: Int) -> ArraySlice<Bool> {
    censored[index * dayCount..<(index + 1) * dayCount]
  }
}
