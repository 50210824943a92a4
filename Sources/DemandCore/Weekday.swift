/// A day of the week, as configurations name it (`sunday`; any case is read).
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
  case monday, tuesday, wednesday, thursday, friday, saturday, sunday

  /// ISO 8601 order: Monday = 0 … Sunday = 6, as `Day.weekdayIndex`.
  public var index: Int {
    switch self {
    case .monday: 0
    case .tuesday: 1
    case .wednesday: 2
    case .thursday: 3
    case .friday: 4
    case .saturday: 5
    case .sunday: 6
    }
  }

  /// The weekday of `day`.
  public init(_ day: Day) { self = Self.allCases[day.weekdayIndex] }

  /// The weekday named `name` in any case (`Sunday`, `sunday`), or `nil`.
  public init?(name: String) { self.init(rawValue: name.lowercased()) }

  /// Reads a name in any case.
  /// - Throws: `DecodingError.dataCorrupted` saying which names are expected.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let name = try container.decode(String.self)
    guard let weekday = Weekday(name: name) else {
      let key = decoder.codingPath.last?.stringValue ?? "weekday"
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\(key) is \(name); expected monday … sunday.")
    }
    self = weekday
  }
}
