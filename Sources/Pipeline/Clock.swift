import DemandCore
import Foundation

/// The wall clock, in one place so every command can be given a fixed date instead.
public enum Clock {
  /// Today's date in UTC.
  public static func today(now: Date = Date()) -> Day {
    Day(daysSinceEpoch: Int32((now.timeIntervalSince1970 / 86_400).rounded(.down)))
  }
}
