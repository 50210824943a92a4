extension InventorySettings {
  /// `service_levels` as a mapping (`{mode: cost, A: 0.99, min: 0.6}`, missing keys from
  /// `defaults`) or as a mode alone (`service_levels: cost`).
  /// - Throws: `DecodingError.dataCorrupted` for a scalar that is no mode.
  static func decodeServiceLevels(
    _ container: KeyedDecodingContainer<CodingKeys>, defaults: ServiceLevels
  ) throws -> ServiceLevels {
    if let text = try? container.decode(String.self, forKey: .serviceLevels) {
      guard let mode = ServiceLevelMode(rawValue: text) else {
        throw DecodingError.dataCorruptedError(
          forKey: .serviceLevels, in: container,
          debugDescription: "service_levels is '\(text)'; expected "
            + ServiceLevelMode.allCases.map(\.rawValue).joined(separator: " or ")
            + ", or a mapping of A, B, C, mode, min and max.")
      }
      var levels = defaults
      levels.mode = mode
      return levels
    }
    guard container.contains(.serviceLevels),
      try !container.decodeNil(forKey: .serviceLevels)
    else { return defaults }
    let inner = try container.nestedContainer(
      keyedBy: ServiceLevels.CodingKeys.self, forKey: .serviceLevels)
    typealias Key = ServiceLevels.CodingKeys
    func value(_ key: Key, _ fallback: Double) throws -> Double {
      try inner.decodeIfPresent(Double.self, forKey: key) ?? fallback
    }
    return ServiceLevels(
      a: try value(.a, defaults.a), b: try value(.b, defaults.b), c: try value(.c, defaults.c),
      mode: try inner.decodeIfPresent(ServiceLevelMode.self, forKey: .mode) ?? defaults.mode,
      minimum: try value(.minimum, defaults.minimum),
      maximum: try value(.maximum, defaults.maximum))
  }
}
