import DemandCore

/// The chain-wide calendar the features read: which days are holidays.
public struct CalendarContext: Sendable, Equatable, Codable {
  /// Holiday days, sorted.
  public var holidays: [Day]
  /// The name of each holiday in `holidays` (same order), as the calendar file gives it; empty
  /// when it has none. Calendars saved before names were kept read as unnamed.
  public var names: [String]

  /// A calendar of unnamed holidays.
  public init(holidays: [Day]) {
    self.holidays = holidays.sorted()
    names = Array(repeating: "", count: self.holidays.count)
  }

  /// A calendar of named holidays; a day listed twice keeps its first name.
  public init(named: [(day: Day, name: String)]) {
    var seen = Set<Day>()
    let kept = named.filter { seen.insert($0.day).inserted }.sorted { $0.day < $1.day }
    holidays = kept.map(\.day)
    names = kept.map(\.name)
  }

  /// The distinct non-empty names of the holidays within `days`, sorted.
  public func holidayNames(within days: ClosedRange<Day>) -> [String] {
    var found = Set<String>()
    for (day, name) in zip(holidays, names) where days.contains(day) && !name.isEmpty {
      found.insert(name)
    }
    return found.sorted()
  }

  /// True when `day` is a holiday.
  public func isHoliday(_ day: Day) -> Bool { position(of: day) != nil }

  /// The name of the holiday on `day` (empty when it has none), or nil when `day` is none.
  public func name(on day: Day) -> String? { position(of: day).map { names[$0] } }

  private func position(of day: Day) -> Int? {
    var low = 0
    var high = holidays.count
    while low < high {
      let mid = (low + high) / 2
      if holidays[mid] < day { low = mid + 1 } else { high = mid }
    }
    return low < holidays.count && holidays[low] == day ? low : nil
  }

  enum CodingKeys: String, CodingKey { case holidays, names }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    holidays = try container.decode([Day].self, forKey: .holidays)
    let names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
    self.names = names.count == holidays.count ? names : Array(repeating: "", count: holidays.count)
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
