import DemandCore

/// Date ticks for a daily x axis: every day, every other day, or weekly on Mondays (every 1, 2, 4
/// … weeks), whichever is the densest with at most `maximumCount` ticks.
public struct DayTicks: Sendable, Equatable {
  /// Days between ticks: 1, 2, or a multiple of 7.
  public var stepDays: Int
  /// The tick days, in order.
  public var days: [Day]

  /// Ticks for the days `first … last`; `maximumCount` is at least 1.
  public init(first: Day, last: Day, maximumCount: Int) {
    let low = Swift.min(first, last)
    let high = Swift.max(first, last)
    let limit = Swift.max(1, maximumCount)
    for step in [1, 2] where low.days(to: high) / step + 1 <= limit {
      self.stepDays = step
      self.days = Array(stride(from: low, through: high, by: step))
      return
    }
    // Weekly and coarser: ticks on Mondays, the first Monday on or after `low`.
    let firstMonday = low.adding(days: (7 - low.weekdayIndex) % 7)
    var step = 7
    while true {
      let ticks =
        firstMonday > high ? [] : Array(stride(from: firstMonday, through: high, by: step))
      if ticks.count <= limit {
        self.stepDays = step
        self.days = ticks
        return
      }
      step *= 2
    }
  }

  /// `Mar 3`: the English month abbreviation and the day of the month.
  public static func label(_ day: Day) -> String {
    let civil = day.civil
    return monthAbbreviations[civil.month - 1] + " " + String(civil.day)
  }

  static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
}
