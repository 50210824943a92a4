/// The demand of many series cut into consecutive blocks of equal length: what the level test
/// (``LevelShiftScorer``) reads. Stored flat, series after series.
///
/// Every series has `blockCount` blocks, oldest first: the reference blocks, then one recent
/// block (the newest days of the recent window). For each block it holds the units sold on the
/// block's uncensored days and how many such days there were, so stock-out days (sales are only
/// a lower bound on demand) and days before a series existed drop out of both.
///
/// Each series also names two peer groups: series of the same SKU in other stores of its
/// region (`peerGroup`) and in the whole chain (`widePeerGroup`). The scorer compares a
/// series with its peers to take out what moves a SKU everywhere at once (promotions, price
/// changes, launches, the season), so what is left is the series' own change.
public struct LevelPanel: Sendable, Equatable {
  /// Blocks per series: reference blocks followed by the recent block; at least 2.
  public let blockCount: Int
  /// Units sold on the uncensored days of each block, `units[series * blockCount + block]`.
  public private(set) var units: [Double] = []
  /// Uncensored days in each block, aligned with `units`.
  public private(set) var days: [Int32] = []
  /// Identifier of each series' regional peer group (same SKU, same region).
  public private(set) var peerGroup: [Int] = []
  /// Identifier of each series' chain-wide peer group (same SKU).
  public private(set) var widePeerGroup: [Int] = []

  /// An empty panel of series with `blockCount` blocks each.
  /// - Precondition: `blockCount ≥ 2` (at least one reference block and the recent one).
  public init(blockCount: Int) {
    precondition(blockCount >= 2, "a level panel needs a reference block and a recent block")
    self.blockCount = blockCount
  }

  /// Number of series.
  public var seriesCount: Int { peerGroup.count }

  /// Index of the recent block (the last).
  public var recentBlock: Int { blockCount - 1 }

  /// Adds a series and returns its index.
  ///
  /// - Parameters:
  ///   - units: Units sold on uncensored days, per block, oldest first.
  ///   - days: Uncensored days per block, aligned with `units`.
  ///   - peerGroup: Its regional peer group (any integer; equal means same SKU and region).
  ///   - widePeerGroup: Its chain-wide peer group (equal means same SKU).
  /// - Precondition: `units` and `days` hold `blockCount` values, days ≥ 0, units finite ≥ 0.
  @discardableResult
  public mutating func append(units: [Double], days: [Int], peerGroup: Int, widePeerGroup: Int)
    -> Int
  {
    precondition(
      units.count == blockCount && days.count == blockCount,
      "a series needs \(blockCount) blocks of units and days")
    precondition(
      units.allSatisfy { $0.isFinite && $0 >= 0 } && days.allSatisfy { $0 >= 0 },
      "block units and days must be finite and non-negative")
    self.units.append(contentsOf: units)
    self.days.append(contentsOf: days.map { Int32($0) })
    self.peerGroup.append(peerGroup)
    self.widePeerGroup.append(widePeerGroup)
    return seriesCount - 1
  }

  /// Adds a series from flat storage (the reading loop's path, without intermediate arrays).
  @discardableResult
  public mutating func append(
    units: ArraySlice<Double>, days: ArraySlice<Int32>, peerGroup: Int, widePeerGroup: Int
  ) -> Int {
    precondition(units.count == blockCount && days.count == blockCount)
    self.units.append(contentsOf: units)
    self.days.append(contentsOf: days)
    self.peerGroup.append(peerGroup)
    self.widePeerGroup.append(widePeerGroup)
    return seriesCount - 1
  }
}
