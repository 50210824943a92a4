import DemandCore

/// The days one drift run compares, for run date D:
///
/// ```
/// reference: D − recent − reference + 1 … D − recent      (referenceDays, cut in level blocks)
/// recent:    D − recent + 1 … D                           (recentDays)
/// level recent block: D − block + 1 … D                   (levelBlockDays)
/// ```
public struct DriftWindows: Sendable {
  /// The run date D: the recent window ends on it.
  public let date: Day
  /// The reference window's first day: the first day a drift run reads.
  public let referenceStart: Day
  let recentStart: Day
  let recentBlockStart: Day
  let blockDays: Int
  let referenceBlocks: Int

  public init(date: Day, settings: DriftSettings) {
    self.date = date
    recentStart = date.adding(days: 1 - settings.recentDays)
    referenceStart = recentStart.adding(days: -settings.referenceDays)
    recentBlockStart = date.adding(days: 1 - settings.levelBlockDays)
    blockDays = settings.levelBlockDays
    referenceBlocks = settings.referenceBlockCount
  }

  /// Blocks of the level panel: the reference blocks and the recent one.
  var blockCount: Int { referenceBlocks + 1 }

  /// The level block holding `day`: 0 ..< referenceBlocks for reference days, `referenceBlocks`
  /// for the newest block of the recent window, `nil` for other days.
  func block(of day: Day) -> Int? {
    if day >= recentBlockStart && day <= date { return referenceBlocks }
    let offset = referenceStart.days(to: day)
    guard offset >= 0 && day < recentStart else { return nil }
    return offset / blockDays
  }

  /// Whether `day` is in the recent window (`true`), the reference window (`false`) or neither.
  func isRecent(_ day: Day) -> Bool? {
    if day >= recentStart && day <= date { return true }
    if day >= referenceStart && day < recentStart { return false }
    return nil
  }
}
