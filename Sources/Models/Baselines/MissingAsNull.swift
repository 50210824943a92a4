import Foundation

/// A `[Double]` that encodes NaN as `null` and decodes `null` as NaN.
///
/// Fitted values hold NaN on warm-up days, and a default `JSONEncoder` refuses non-finite numbers;
/// with this wrapper a fitted model round-trips through a plain `JSONEncoder`/`JSONDecoder`.
/// Infinities never occur in fitted values and are not mapped (encoding one still throws).
@propertyWrapper
public struct MissingAsNull: Sendable, Codable, Equatable {
  public var wrappedValue: [Double]

  public init(wrappedValue: [Double]) {
    self.wrappedValue = wrappedValue
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = try container.decode([Double?].self).map { $0 ?? .nan }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if encoder.userInfo[Self.omitKey] as? Bool == true {
      try container.encode([Double?]())
    } else {
      try container.encode(wrappedValue.map { $0.isNaN ? nil : $0 } as [Double?])
    }
  }

  /// Set to `true` in an encoder's `userInfo` to leave these arrays out (written empty): a saved
  /// fitted set keeps what forecasting needs, not one in-sample value per training day.
  public static let omitKey = CodingUserInfoKey(rawValue: "shelfcast.omitInSampleValues")!
}
