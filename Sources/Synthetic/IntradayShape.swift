import Foundation

/// When in the day a store's baskets happen: a density over the minutes of opening hours,
/// 07:00–22:00, with a lunch peak and an evening peak whose sizes depend on the store's format
/// and on the weekday (`--timestamps`).
///
/// The density of minute m (minutes after 07:00) is
/// `base + lunch · g(m; 12:30, 50 min) + evening · g(m; 18:00, 70 min)`, g a Gaussian bump of
/// height 1. Convenience stores sell more at lunch, hypermarkets in the evening; on Saturday and
/// Sunday the lunch peak moves to 11:30 and widens (shopping trips rather than lunch breaks).
struct IntradayShape: Sendable {
  /// First minute of opening (07:00) and the minutes open (until 22:00).
  static let openingMinute = 7 * 60
  static let minutesOpen = 15 * 60

  /// Cumulative density over the open minutes, ending at 1.
  let cumulative: [Double]

  init(format: StoreFormat, weekdayIndex: Int) {
    let weekend = weekdayIndex >= 5
    let (lunch, evening): (Double, Double) =
      switch format {
      case .convenience: (2.2, 1.3)
      case .supermarket: (1.2, 1.8)
      case .hypermarket: (0.8, 2.2)
      }
    let lunchCentre = weekend ? 11.5 * 60 : 12.5 * 60
    let lunchWidth = weekend ? 110.0 : 50.0
    let eveningCentre = weekend ? 17.0 * 60 : 18.0 * 60
    var total = 0.0
    var cumulative: [Double] = []
    cumulative.reserveCapacity(Self.minutesOpen)
    for minute in 0..<Self.minutesOpen {
      let clock = Double(Self.openingMinute + minute) + 0.5
      let density =
        0.35 + lunch * Self.bump(clock, centre: lunchCentre, width: lunchWidth)
        + (weekend ? 0.7 : 1.0) * evening * Self.bump(clock, centre: eveningCentre, width: 70)
      total += density
      cumulative.append(total)
    }
    self.cumulative = cumulative.map { $0 / total }
  }

  private static func bump(_ x: Double, centre: Double, width: Double) -> Double {
    let z = (x - centre) / width
    return exp(-0.5 * z * z)
  }

  /// The second of the day (since midnight) for a uniform draw `u` in [0, 1): the minute by
  /// inverse cumulative density, the second within it from `secondDraw` (0..<60).
  func secondOfDay(u: Double, secondDraw: Int) -> Int {
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] <= u { low = middle + 1 } else { high = middle }
    }
    return (Self.openingMinute + low) * 60 + secondDraw
  }

  /// The shapes of every format and weekday, `[format.rawValue * 7 + weekday]`.
  static let all: [IntradayShape] = StoreFormat.allCases.flatMap { format in
    (0..<7).map { IntradayShape(format: format, weekdayIndex: $0) }
  }
}
