/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// ShelfCast works at daily grain, so a day number is all the hot paths need: it is an `Int32`, sorts
/// and subtracts like one, and converts to and from ISO `YYYY-MM-DD` text without Foundation.
/// The conversions use Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
/// (<https://howardhinnant.github.io/date_algorithms.html>), exact for every year in `Day.supportedYears`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01; negative before it.
  public var daysSinceEpoch: Int32

  /// Years that ShelfCast accepts in data; dates outside are treated as errors, not as days.
  public static let supportedYears: ClosedRange<Int> = 1900...2199

  public init(daysSinceEpoch: Int32) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// The day for a civil date, or `nil` when the month or day does not exist (2025-02-30) or the year
  /// is outside `supportedYears`.
  public init?(year: Int, month: Int, day: Int) {
    guard Day.supportedYears.contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysIn(month: month, year: year)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthFromMarch = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    self.daysSinceEpoch = Int32(era * 146_097 + dayOfEra - 719_468)
  }

  /// Parses `YYYY-MM-DD` exactly (ten characters); anything else is `nil`.
  public init?(iso text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard let day = bytes.withUnsafeBufferPointer({ Day.parseISO($0) }) else { return nil }
    self = day
  }

  /// Parses the ten bytes `YYYY-MM-DD` at the start of `bytes`; `nil` unless they form a real date.
  @inlinable
  public static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    var year = 0
    var month = 0
    var day = 0
    for i in 0..<4 {
      let digit = Int(bytes[i]) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      year = year * 10 + digit
    }
    for i in 5..<7 {
      let digit = Int(bytes[i]) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      month = month * 10 + digit
    }
    for i in 8..<10 {
      let digit = Int(bytes[i]) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      day = day * 10 + digit
    }
    return Day(year: year, month: month, day: day)
  }

  /// The civil date of this day.
  public var civil: (year: Int, month: Int, day: Int) {
    let z = Int(daysSinceEpoch) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Lowercase English weekday names in ISO order (Monday = 0), as configurations spell them.
  public static let weekdayNames = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]

  /// Monday = 0 … Sunday = 6 (ISO 8601 order).
  public var weekdayIndex: Int {
    // 1970-01-01 was a Thursday (index 3).
    let r = (Int(daysSinceEpoch) + 3) % 7
    return r < 0 ? r + 7 : r
  }

  /// Day of the year, 1…366.
  public var dayOfYear: Int {
    let c = civil
    var total = c.day
    for month in 1..<c.month { total += Day.daysIn(month: month, year: c.year) }
    return total
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    var bytes = [UInt8](repeating: 0, count: 10)
    bytes.withUnsafeMutableBufferPointer { writeISO(into: $0.baseAddress!) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes the ten bytes `YYYY-MM-DD` at `pointer`, for writers that build rows in byte buffers.
  public func writeISO(into pointer: UnsafeMutablePointer<UInt8>) {
    let c = civil
    let year = c.year
    pointer[0] = UInt8(48 + year / 1000 % 10)
    pointer[1] = UInt8(48 + year / 100 % 10)
    pointer[2] = UInt8(48 + year / 10 % 10)
    pointer[3] = UInt8(48 + year % 10)
    pointer[4] = UInt8(ascii: "-")
    pointer[5] = UInt8(48 + c.month / 10)
    pointer[6] = UInt8(48 + c.month % 10)
    pointer[7] = UInt8(ascii: "-")
    pointer[8] = UInt8(48 + c.day / 10)
    pointer[9] = UInt8(48 + c.day % 10)
  }

  public var description: String { iso }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  /// The day `count` days later (earlier when negative).
  public func adding(days count: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int32(count)) }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: Day) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // MARK: - Codable as ISO text

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a date in YYYY-MM-DD form")
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}

extension Day: Strideable {
  public func distance(to other: Day) -> Int { days(to: other) }
  public func advanced(by n: Int) -> Day { adding(days: n) }
}
