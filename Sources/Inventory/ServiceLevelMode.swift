/// How each item's cycle service level is chosen (`service_levels.mode` in the configuration).
public enum ServiceLevelMode: String, Sendable, Codable, CaseIterable {
  /// Fixed per ABC class: `service_levels.A`, `.B`, `.C` (and their category overrides).
  case abc
  /// Per SKU, the newsvendor critical ratio of its lost-sale cost against its holding cost over
  /// the review period, within `service_levels.min … max`; a category's `service_levels.A/B/C`
  /// still override it for that category's items.
  case cost
}

/// Which rule gave a row its service level: the `service_level_mode` column of
/// `recommendations.csv`.
public enum ServiceLevelSource: String, Sendable, Equatable, CaseIterable {
  /// The ABC class's level (chain-wide or the category's), in `abc` mode.
  case abc
  /// The SKU's bounded critical ratio, in `cost` mode.
  case cost
  /// A category's ABC level that overrides the critical ratio in `cost` mode.
  case abcOverride = "abc_override"
}

/// A service level and the rule it came from.
public struct ChosenServiceLevel: Sendable, Equatable {
  /// Cycle service level, 0 < level < 1.
  public var level: Double
  public var source: ServiceLevelSource

  public init(level: Double, source: ServiceLevelSource) {
    self.level = level
    self.source = source
  }
}
