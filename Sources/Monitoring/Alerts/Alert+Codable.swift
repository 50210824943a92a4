// MARK: - Codable, with the alert files' snake_case keys

extension Alert: Codable {
  /// The JSON keys, in the order `AlertFiles.json` writes them (the CSV column order).
  enum CodingKeys: String, CodingKey, CaseIterable {
    case severity, kind, segment, value, threshold
    case suggestedAction = "suggested_action"
    case message
  }

  /// Decodes an alert; a `null` value or threshold (how the files write a non-finite number)
  /// becomes `nan`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    severity = try container.decode(Severity.self, forKey: .severity)
    kind = try container.decode(Kind.self, forKey: .kind)
    segment = try container.decode(String.self, forKey: .segment)
    value = try container.decodeIfPresent(Double.self, forKey: .value) ?? .nan
    threshold = try container.decodeIfPresent(Double.self, forKey: .threshold) ?? .nan
    suggestedAction = try container.decode(String.self, forKey: .suggestedAction)
    message = try container.decode(String.self, forKey: .message)
  }

  /// Encodes an alert; a non-finite value or threshold is encoded as `null`, since JSON has no
  /// NaN or infinity.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(severity, forKey: .severity)
    try container.encode(kind, forKey: .kind)
    try container.encode(segment, forKey: .segment)
    if value.isFinite {
      try container.encode(value, forKey: .value)
    } else {
      try container.encodeNil(forKey: .value)
    }
    if threshold.isFinite {
      try container.encode(threshold, forKey: .threshold)
    } else {
      try container.encodeNil(forKey: .threshold)
    }
    try container.encode(suggestedAction, forKey: .suggestedAction)
    try container.encode(message, forKey: .message)
  }
}
