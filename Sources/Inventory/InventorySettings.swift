import DemandCore

/// How recommendations are made: service levels, review period, costs, and overrides per
/// category. Every default is the README's; `shelfcast recommend --config FILE` reads them from
/// YAML (snake_case keys).
public struct InventorySettings: Sendable, Equatable, Codable {
  /// Days between two orders of the same SKU.
  public var reviewDays: Int
  /// The weekday orders are placed on ("monday" … "sunday"), when the chain orders on a fixed
  /// day: on other days only SKUs likely to run out before that day's order arrives are
  /// ordered. `nil` (the default): every run is a review.
  public var reviewWeekday: Weekday?
  /// How service levels are chosen (ABC or cost), the level per ABC class (0 < level < 1)
  /// and the bounds of cost-based levels.
  public var serviceLevels: ServiceLevels
  /// Cost of holding a unit for a year, as a share of its unit cost (0.25 = 25 %).
  public var holdingCostRate: Double
  /// Cost of a unit of demand lost to a stock-out, as a share of its unit price (the margin
  /// and goodwill lost; 1 = the whole price). `nil` (the default): the margin, price − cost.
  public var stockoutPenalty: Double?
  /// Days of cover above which an item with nothing to order is reported as overstocked.
  public var overstockDays: Double
  /// Share (0 … 1) of each day's forecast variance taken as shared by every day of the cover
  /// (the forecast's level error, which does not average out over the days); 0: the days are
  /// independent, as before.
  public var coverCorrelation: Double
  /// The currency of the master data's prices and costs (an ISO 4217 code such as `EUR`),
  /// written beside every money column of `recommendations.csv`; empty when not configured.
  public var currency: String
  /// Settings that differ for some categories, by category name.
  public var categories: [String: CategoryOverride]

  /// Service levels of classes A, B and C, the mode that chooses between them and the
  /// newsvendor ratio, and the ratio's bounds.
  public struct ServiceLevels: Sendable, Equatable, Codable {
    public var a: Double
    public var b: Double
    public var c: Double
    /// `abc` (the default): the class levels; `cost`: each SKU's critical ratio.
    public var mode: ServiceLevelMode
    /// Lowest and highest level the critical ratio is clamped to in `cost` mode.
    public var minimum: Double
    public var maximum: Double
    public init(
      a: Double = 0.98, b: Double = 0.95, c: Double = 0.90, mode: ServiceLevelMode = .abc,
      minimum: Double = 0.5, maximum: Double = 0.995
    ) {
      self.a = a
      self.b = b
      self.c = c
      self.mode = mode
      self.minimum = minimum
      self.maximum = maximum
    }
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case a = "A"
      case b = "B"
      case c = "C"
      case mode
      case minimum = "min"
      case maximum = "max"
    }
    public subscript(_ abc: ABCClass) -> Double {
      switch abc {
      case .a: return a
      case .b: return b
      case .c: return c
      }
    }
  }

  /// A category's own values; what it leaves out comes from the chain-wide settings.
  public struct CategoryOverride: Sendable, Equatable, Codable {
    public var reviewDays: Int?
    public var serviceLevels: PartialServiceLevels?
    public init(reviewDays: Int? = nil, serviceLevels: PartialServiceLevels? = nil) {
      self.reviewDays = reviewDays
      self.serviceLevels = serviceLevels
    }
    enum CodingKeys: String, CodingKey {
      case reviewDays = "review_days"
      case serviceLevels = "service_levels"
    }
  }

  /// Some of the three service levels.
  public struct PartialServiceLevels: Sendable, Equatable, Codable {
    public var a: Double?
    public var b: Double?
    public var c: Double?
    public init(a: Double? = nil, b: Double? = nil, c: Double? = nil) {
      self.a = a
      self.b = b
      self.c = c
    }
    enum CodingKeys: String, CodingKey {
      case a = "A"
      case b = "B"
      case c = "C"
    }
  }

  public init(
    reviewDays: Int = 7, serviceLevels: ServiceLevels = ServiceLevels(),
    holdingCostRate: Double = 0.25, stockoutPenalty: Double? = nil, overstockDays: Double = 45,
    categories: [String: CategoryOverride] = [:], reviewWeekday: Weekday? = nil,
    coverCorrelation: Double = 0, currency: String = ""
  ) {
    self.reviewDays = reviewDays
    self.reviewWeekday = reviewWeekday
    self.serviceLevels = serviceLevels
    self.holdingCostRate = holdingCostRate
    self.stockoutPenalty = stockoutPenalty
    self.overstockDays = overstockDays
    self.categories = categories
    self.coverCorrelation = coverCorrelation
    self.currency = currency
  }

  /// Missing keys take their defaults, so a file need only name what it changes.
  public init(from decoder: any Decoder) throws {
    let defaults = InventorySettings()
    let container = try decoder.container(keyedBy: CodingKeys.self)
    reviewDays = try container.decodeIfPresent(Int.self, forKey: .reviewDays) ?? defaults.reviewDays
    reviewWeekday = try container.decodeIfPresent(Weekday.self, forKey: .reviewWeekday)
    serviceLevels = try Self.decodeServiceLevels(container, defaults: defaults.serviceLevels)
    holdingCostRate =
      try container.decodeIfPresent(Double.self, forKey: .holdingCostRate)
      ?? defaults.holdingCostRate
    stockoutPenalty = try container.decodeIfPresent(Double.self, forKey: .stockoutPenalty)
    overstockDays =
      try container.decodeIfPresent(Double.self, forKey: .overstockDays) ?? defaults.overstockDays
    categories =
      try container.decodeIfPresent([String: CategoryOverride].self, forKey: .categories) ?? [:]
    coverCorrelation =
      try container.decodeIfPresent(Double.self, forKey: .coverCorrelation)
      ?? defaults.coverCorrelation
    currency = try container.decodeIfPresent(String.self, forKey: .currency) ?? defaults.currency
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case reviewDays = "review_days"
    case reviewWeekday = "review_weekday"
    case serviceLevels = "service_levels"
    case holdingCostRate = "holding_cost_rate"
    case stockoutPenalty = "stockout_penalty"
    case overstockDays = "overstock_days"
    case categories
    case coverCorrelation = "cover_correlation"
    case currency
  }

  /// Weekday names in ISO order (Monday = 0), as `review_weekday` takes them.
  public static let weekdayNames = Day.weekdayNames

  /// Days from an order placed on a day with ISO weekday index `weekdayIndex` (Monday = 0) to
  /// the next review day: 0 when it is one, or when every day is (no `reviewWeekday`).
  public func daysUntilReview(weekdayIndex: Int) -> Int {
    guard let review = reviewWeekday?.index else { return 0 }
    return (review - weekdayIndex + 7) % 7
  }

  /// The review period of `category`.
  public func reviewDays(category: String) -> Int {
    categories[category]?.reviewDays ?? reviewDays
  }

  /// The service level of `abc` items in `category`.
  public func serviceLevel(_ abc: ABCClass, category: String) -> Double {
    let partial = categories[category]?.serviceLevels
    let override: Double? =
      switch abc {
      case .a: partial?.a
      case .b: partial?.b
      case .c: partial?.c
      }
    return override ?? serviceLevels[abc]
  }

  /// Checks every value; the error names the setting (`categories.dairy.review_days`).
  /// The categories of the overrides that no SKU has (`known`: the master data's), sorted,
  /// each with the known category that differs only in case when there is one: a typo such as
  /// `Dairy` for `dairy` changes nothing, silently otherwise. `recommend` logs them and
  /// `config check --workspace` warns.
  public func categoriesWithoutSKUs(known: Set<String>) -> [(category: String, near: String?)] {
    categories.keys.sorted().filter { !known.contains($0) }.map { name in
      (name, known.sorted().first { $0.lowercased() == name.lowercased() })
    }
  }

  public func validate() throws(InventorySettingsError) {
    func level(_ value: Double, _ path: String) throws(InventorySettingsError) {
      guard value > 0 && value < 1 else {
        throw .outOfRange(setting: path, value: "\(value)", expected: "between 0 and 1, e.g. 0.95")
      }
    }
    func days(_ value: Int, _ path: String) throws(InventorySettingsError) {
      guard (1...91).contains(value) else {
        throw .outOfRange(setting: path, value: "\(value)", expected: "1 … 91 days")
      }
    }
    try days(reviewDays, "review_days")
    try level(serviceLevels.a, "service_levels.A")
    try level(serviceLevels.b, "service_levels.B")
    try level(serviceLevels.c, "service_levels.C")
    try level(serviceLevels.minimum, "service_levels.min")
    try level(serviceLevels.maximum, "service_levels.max")
    guard serviceLevels.minimum <= serviceLevels.maximum else {
      throw .outOfRange(
        setting: "service_levels.min", value: "\(serviceLevels.minimum)",
        expected: "at most service_levels.max (\(serviceLevels.maximum))")
    }
    guard holdingCostRate >= 0 && holdingCostRate <= 5 else {
      throw .outOfRange(
        setting: "holding_cost_rate", value: "\(holdingCostRate)", expected: "0 … 5 (per year)")
    }
    if let stockoutPenalty, !(stockoutPenalty >= 0 && stockoutPenalty <= 100) {
      throw .outOfRange(
        setting: "stockout_penalty", value: "\(stockoutPenalty)",
        expected: "0 … 100 (a share of the unit price), or null for the margin")
    }
    guard coverCorrelation >= 0 && coverCorrelation <= 1 else {
      throw .outOfRange(
        setting: "cover_correlation", value: "\(coverCorrelation)", expected: "0 … 1")
    }
    guard currency.isEmpty || (currency.count == 3 && currency.allSatisfy { $0.isUppercase }) else {
      throw .outOfRange(
        setting: "currency", value: currency, expected: "a three-letter ISO 4217 code, e.g. EUR")
    }
    guard overstockDays > 0 else {
      throw .outOfRange(setting: "overstock_days", value: "\(overstockDays)", expected: "above 0")
    }
    for name in categories.keys.sorted() {
      guard let category = categories[name] else { continue }
      if let value = category.reviewDays { try days(value, "categories.\(name).review_days") }
      if let value = category.serviceLevels?.a {
        try level(value, "categories.\(name).service_levels.A")
      }
      if let value = category.serviceLevels?.b {
        try level(value, "categories.\(name).service_levels.B")
      }
      if let value = category.serviceLevels?.c {
        try level(value, "categories.\(name).service_levels.C")
      }
    }
  }
}

/// A configuration value out of range, named by its path in the file.
public enum InventorySettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  case outOfRange(setting: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .outOfRange(let setting, let value, let expected):
      return "\(setting) is \(value); expected \(expected)."
    }
  }
}
