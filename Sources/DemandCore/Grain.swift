/// How long one period of a workspace's demand is: a day, or a week ending on a fixed weekday.
///
/// A workspace's grain is fixed when it is created (`shelfcast init --grain weekly`) or taken
/// from its first demand file, and never changes. A weekly workspace states its week-ending
/// weekday once; every demand date must fall on it.
///
/// The hot paths keep integer periods: at daily grain a period is a `Day`; at weekly grain
/// `period(of:)` numbers the weeks so that consecutive weeks are consecutive integers, and
/// `date(ofPeriod:)` turns a period back into its week-ending date.
public enum Grain: Sendable, Hashable, Codable, CustomStringConvertible {
  case daily
  /// Weeks ending on `endingOn` (the date of a week is its last day).
  case weekly(endingOn: Weekday)

  /// Days in one period: 1 or 7.
  public var daysPerPeriod: Int {
    switch self {
    case .daily: 1
    case .weekly: 7
    }
  }

  /// The periods' name in counts shown to people: `days` or `weeks`.
  public var periodsName: String {
    switch self {
    case .daily: "days"
    case .weekly: "weeks"
    }
  }

  /// Periods in one year, for yearly seasonality: 365.25 days, or 365.25 / 7 ≈ 52.18 weeks.
  public var periodsPerYear: Double {
    switch self {
    case .daily: 365.25
    case .weekly: 365.25 / 7
    }
  }

  /// `daily` or `weekly ending friday`, as outputs state it.
  public var description: String {
    switch self {
    case .daily: "daily"
    case .weekly(let weekday): "weekly ending \(weekday.rawValue)"
    }
  }

  /// Whether `date` can be a period's date: any day at daily grain, the week-ending weekday at
  /// weekly grain.
  public func accepts(_ date: Day) -> Bool {
    switch self {
    case .daily: true
    case .weekly(let weekday): date.weekdayIndex == weekday.index
    }
  }

  /// The period number of `date`: the day itself at daily grain; at weekly grain the number of
  /// the week that ends on `date` (or, for any other day, of the week that contains it), counted
  /// so that week n + 1 follows week n.
  public func period(of date: Day) -> Int {
    switch self {
    case .daily:
      return Int(date.daysSinceEpoch)
    case .weekly(let weekday):
      // Days since the first week-ending date on or after 1970-01-01 (a Thursday, index 3).
      let offset = Int(date.daysSinceEpoch) - (weekday.index - 3 + 7) % 7
      // The week containing `date` ends on or after it: round up.
      return offset >= 0 ? (offset + 6) / 7 : -((-offset) / 7)
    }
  }

  /// The date of period `period`: the day, or the week's ending date.
  public func date(ofPeriod period: Int) -> Day {
    switch self {
    case .daily:
      return Day(daysSinceEpoch: Int32(period))
    case .weekly(let weekday):
      return Day(daysSinceEpoch: Int32(period * 7 + (weekday.index - 3 + 7) % 7))
    }
  }

  // MARK: - Codable as text (`daily`, `weekly-friday`)

  /// `daily`, or `weekly-` and the week-ending weekday (`weekly-friday`).
  public var storageText: String {
    switch self {
    case .daily: "daily"
    case .weekly(let weekday): "weekly-\(weekday.rawValue)"
    }
  }

  /// Reads `storageText`; `nil` for anything else.
  public init?(storageText text: String) {
    if text == "daily" {
      self = .daily
    } else if text.hasPrefix("weekly-"), let weekday = Weekday(name: String(text.dropFirst(7))) {
      self = .weekly(endingOn: weekday)
    } else {
      return nil
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let grain = Grain(storageText: text) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "grain is \(text); expected daily or weekly-<weekday> (weekly-friday).")
    }
    self = grain
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storageText)
  }
}
