import DemandCore
import Features

/// Days a store is expected to be closed, from its own history: a named holiday of the
/// forecast window on whose latest earlier occurrence (the same name in the calendar) the store
/// sold nothing in any series, uncensored, while it sold on the days before and after it. A
/// shop shut on Christmas Day sells nothing that day again; a regression that met the day once
/// a year shrinks it toward an ordinary day instead (40 % of one on a chain made by other code).
///
/// Daily grain only. The rule reads the history up to the last day, never a later day, so a
/// backtest applies it as a nightly forecast does.
struct StoreClosures: Sendable {
  /// The closed days of the forecast window, in calendar order.
  let closures: [StoreClosure]

  /// The forecast steps (0 = the day after the last day) the store is expected to be closed
  /// (what the tests read).
  var closedSteps: [Int] { closures.map(\.step) }

  /// Days before and after a closed holiday that must hold sales, for the day to read as a
  /// closure rather than a quiet spell.
  static let contextDays = 7

  /// Nil at weekly grain (`grain` nil reads as daily, as fitted sets saved before weekly grain).
  /// - Parameters:
  ///   - series: the store's prepared series up to `lastDay`; evaluated only when a named
  ///     holiday falls in the forecast window (`explain` prepares a whole store for it alone).
  ///   - horizon: the forecast steps.
  init?(
    series: @autoclosure () -> [PreparedSeries], lastDay: Day, horizon: Int,
    calendar: CalendarContext, grain: Grain?
  ) {
    guard (grain ?? .daily) == .daily else { return nil }
    var closures: [StoreClosure] = []
    let window = lastDay.adding(days: 1)...lastDay.adding(days: horizon)
    let named = zip(calendar.holidays, calendar.names).filter {
      window.contains($0.0) && !$0.1.isEmpty
    }
    let series = named.isEmpty ? [] : series()
    for (day, name) in named {
      guard
        let before = calendar.holidays.indices.last(where: {
          calendar.names[$0] == name && calendar.holidays[$0] <= lastDay
        }).map({ calendar.holidays[$0] }),
        Self.storeWasClosed(on: before, series: series, lastDay: lastDay)
      else { continue }
      closures.append(
        StoreClosure(
          holiday: name, day: day, step: lastDay.days(to: day) - 1, lastClosedDay: before))
    }
    self.closures = closures
  }

  /// Whether the store sold nothing on `day` in every series that existed then, none of them
  /// censored, while it sold on each of the `contextDays` before it and of those after it (up
  /// to `lastDay`; at least one), at least `minimumDailyUnits` a day on average: a store that
  /// sells that much has a day without a sale by chance with a probability under 10⁻³
  /// (Poisson), and one whose ordinary days are sometimes empty cannot tell a closure from a
  /// quiet day.
  static func storeWasClosed(on day: Day, series: [PreparedSeries], lastDay: Day) -> Bool {
    let after = min(contextDays, day.days(to: lastDay))
    guard after >= 1 else { return false }
    // Store totals of the context days: offsets −contextDays … −1, then 1 … after.
    var totals = [Double](repeating: 0, count: contextDays + after)
    let offsets = Array(-contextDays ... -1) + Array(1...after)
    var existed = false
    for prepared in series {
      let demand = prepared.series
      let position = demand.start.days(to: day)
      guard position >= 0, position < demand.count else { continue }
      if demand.censored[position] || demand.values[position] != 0 { return false }
      existed = true
      for (slot, offset) in offsets.enumerated() {
        let t = position + offset
        if t >= 0, t < demand.count, demand.values[t].isFinite { totals[slot] += demand.values[t] }
      }
    }
    let mean = totals.reduce(0, +) / Double(totals.count)
    return existed && totals.allSatisfy { $0 > 0 } && mean >= minimumDailyUnits
  }

  /// The least a store must sell a day around a holiday for a day without sales to read as a
  /// closure: e^−7 < 10⁻³.
  static let minimumDailyUnits = 7.0

  /// `forecast` with its mean and every quantile 0 on the closed steps.
  func applied(to forecast: SeriesForecast) -> SeriesForecast {
    guard !closures.isEmpty else { return forecast }
    var closed = forecast
    for closure in closures where closure.step < closed.mean.count {
      closed.mean[closure.step] = 0
      for level in closed.quantiles.indices { closed.quantiles[level].values[closure.step] = 0 }
    }
    return closed
  }
}

/// One day of a forecast on which the store is expected to be closed (`StoreClosures`): every
/// series' forecast is 0 there, whatever its models made.
public struct StoreClosure: Sendable, Equatable {
  /// The calendar's name of the holiday.
  public var holiday: String
  /// The closed day of the forecast window.
  public var day: Day
  /// Its step: 0 for the day after the run date.
  public var step: Int
  /// The holiday's latest earlier occurrence, on which the store sold nothing in any series.
  public var lastClosedDay: Day
}
