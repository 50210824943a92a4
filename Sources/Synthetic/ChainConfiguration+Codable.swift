import DemandCore

// MARK: - chain.json

extension ChainConfiguration {
  private enum CodingKeys: String, CodingKey {
    case storeCount, skuCount, start, dayCount, transactionDayCount, seed, driftStart, driftShare
    case truthStart, profile, timestamps
  }

  /// Reads a configuration; a missing `profile` (every chain written before profiles existed)
  /// means `.simple`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    storeCount = try container.decode(Int.self, forKey: .storeCount)
    skuCount = try container.decode(Int.self, forKey: .skuCount)
    start = try container.decode(Day.self, forKey: .start)
    dayCount = try container.decode(Int.self, forKey: .dayCount)
    transactionDayCount = try container.decode(Int.self, forKey: .transactionDayCount)
    seed = try container.decode(UInt64.self, forKey: .seed)
    driftStart = try container.decodeIfPresent(Day.self, forKey: .driftStart)
    driftShare = try container.decode(Double.self, forKey: .driftShare)
    truthStart = try container.decodeIfPresent(Day.self, forKey: .truthStart)
    profile = try container.decodeIfPresent(GeneratorProfile.self, forKey: .profile) ?? .simple
    timestamps = try container.decodeIfPresent(Bool.self, forKey: .timestamps) ?? false
  }

  /// Writes the keys a synthesised encoder would, leaving out `profile` when it is `.simple`
  /// so a simple chain's `chain.json` is byte-identical to one written before profiles existed.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(storeCount, forKey: .storeCount)
    try container.encode(skuCount, forKey: .skuCount)
    try container.encode(start, forKey: .start)
    try container.encode(dayCount, forKey: .dayCount)
    try container.encode(transactionDayCount, forKey: .transactionDayCount)
    try container.encode(seed, forKey: .seed)
    try container.encodeIfPresent(driftStart, forKey: .driftStart)
    try container.encode(driftShare, forKey: .driftShare)
    try container.encodeIfPresent(truthStart, forKey: .truthStart)
    if profile != .simple { try container.encode(profile, forKey: .profile) }
    if timestamps { try container.encode(timestamps, forKey: .timestamps) }
  }
}
