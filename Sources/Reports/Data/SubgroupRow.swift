/// One segment of the subgroup check: its WAPE beside the chain's over the same days.
public struct SubgroupRow: Sendable, Equatable {
  /// The kind of segment: `region`, `format`.
  public var level: String
  /// The segment's name: `North`, `convenience`.
  public var segment: String
  /// The segment's WAPE, as a ratio.
  public var wape: Double
  /// The chain's WAPE over the same days, as a ratio.
  public var chainWape: Double
  /// Whether the segment is worse than the chain by more than the configured margin.
  public var flagged: Bool

  public init(level: String, segment: String, wape: Double, chainWape: Double, flagged: Bool) {
    self.level = level
    self.segment = segment
    self.wape = wape
    self.chainWape = chainWape
    self.flagged = flagged
  }
}
