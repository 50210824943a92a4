import DemandCore

/// The chain-wide calendar the features read: which days are holidays.
public struct CalendarContext: Sendable, Equatable, Codable {
  /// Holiday days, sorted.
  public var holidays: [Day]

  public init(holidays: [Day]) { self.holidays = holidays.sorted() }

  /// True when `day` is a holiday.
  public func isHoliday(_ day: Day) -> Bool {
    var low = 0
    var high = holidays.count
    while low < high {
      let mid = (low + high) / 2
      if holidays[mid] < day { low = mid + 1 } else { high = mid }
    }
    return low < holidays.count && holidays[low] == day
  }
}

/// A promotion of one store/SKU over `start ... end` (inclusive) at `discountFraction` off the
/// list price (0.3 = 30 % off).
public struct PromotionWindow: Sendable, Equatable, Codable {
  public var start: Day
  public var end: Day
  public var discountFraction: Double
  public init(start: Day, end: Day, discountFraction: Double) {
    self.start = start
    self.end = end
    self.discountFraction = discountFraction
  }
}

/// What is known about one series besides its demand, including the future: planned promotions
/// and the list price.
public struct SeriesCovariates: Sendable, Equatable, Codable {
  public var key: SeriesKey
  /// The SKU's category: the regression is fitted per category.
  public var category: String
  /// Promotions, past and planned, sorted by start.
  public var promotions: [PromotionWindow]
  /// List price per unit in the chain's currency (0 when unknown).
  public var unitPrice: Double
  /// The values of the chain's external regressors as they apply to this series, by regressor
  /// name (see `ExternalRegressor`); a regressor absent here reads as missing on every day.
  public var external: [String: CovariateSeries]

  public init(
    key: SeriesKey, category: String, promotions: [PromotionWindow] = [], unitPrice: Double = 0,
    external: [String: CovariateSeries] = [:]
  ) {
    self.key = key
    self.category = category
    self.promotions = promotions.sorted { $0.start < $1.start }
    self.unitPrice = unitPrice
    self.external = external
  }

  /// The discount on `day` (0 when no promotion runs; the deepest when several overlap).
  public func discount(on day: Day) -> Double {
    var best = 0.0
    for window in promotions {
      if window.start > day { break }
      if day <= window.end { best = max(best, window.discountFraction) }
    }
    return best
  }
}
