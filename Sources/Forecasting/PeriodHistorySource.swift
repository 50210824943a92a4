import DemandCore
import Features

/// A weekly workspace's history as the engine reads it: one position per week.
///
/// The database keeps each week at its week-ending date; this view numbers the weeks with
/// `Grain.period(of:)` and hands the engine panels whose "days" are those week numbers
/// (`Day(daysSinceEpoch: week)`), so that every model, feature and backtest works on
/// consecutive integer periods unchanged. Holidays become holiday weeks (the week a holiday
/// falls in), and promotions cover the weeks they touch. `date(of:)` turns a period back into
/// its week-ending date for the outputs.
public struct PeriodHistorySource: StoreHistorySource {
  public let base: any StoreHistorySource
  public let grain: Grain
  public let stores: [StoreID]
  public let calendar: CalendarContext

  /// - Precondition: `grain` is weekly (a daily workspace reads its source directly).
  public init(base: any StoreHistorySource, grain: Grain) {
    precondition(grain != .daily, "a daily source needs no period view")
    self.base = base
    self.grain = grain
    stores = base.stores
    // A week holding several holidays is named after the first (CalendarContext keeps the
    // first name of a day listed twice).
    calendar = CalendarContext(
      named: zip(base.calendar.holidays, base.calendar.names).map { day, name in
        (day: Self.day(grain.period(of: day)), name: name)
      })
  }

  /// The base's regressors; their values are read on each week's ending date.
  public var regressors: [ExternalRegressor] { base.regressors }

  /// The position of the week holding the base's first day of history.
  public func firstHistoryDay() throws -> Day? { try base.firstHistoryDay().map(position(of:)) }

  /// The position of period `period` in the engine's panels.
  public static func day(_ period: Int) -> Day { Day(daysSinceEpoch: Int32(period)) }

  /// The period position of `date` (the week containing it).
  public func position(of date: Day) -> Day { Self.day(grain.period(of: date)) }

  /// The week-ending date of the period at position `day`.
  public func date(of day: Day) -> Day { grain.date(ofPeriod: Int(day.daysSinceEpoch)) }

  /// The store's weeks `start ... end` (period positions): the value of each week is the
  /// database's value on its week-ending date (0 when none was delivered, as a day without
  /// sales is 0), censored when that date is.
  public func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
    let firstDate = date(of: start).adding(days: 1 - grain.daysPerPeriod)
    let lastDate = date(of: end)
    let daily = try base.history(of: store, from: firstDate, through: lastDate)
    let count = max(0, start.days(to: end) + 1)
    var panel = SeriesPanel(keys: daily.panel.keys, start: start, dayCount: count)
    for series in 0..<panel.seriesCount {
      for offset in 0..<count {
        guard let source = daily.panel.dayOffset(date(of: start.adding(days: offset))) else {
          continue
        }
        panel.values[series * count + offset] =
          daily.panel.values[series * daily.panel.dayCount + source]
        panel.censored[series * count + offset] =
          daily.panel.censored[series * daily.panel.dayCount + source]
      }
    }
    let covariates = daily.covariates.map { covariates in
      var periods = covariates
      periods.promotions = covariates.promotions.map { window in
        PromotionWindow(
          start: position(of: window.start), end: position(of: window.end),
          discountFraction: window.discountFraction)
      }
      periods.external = covariates.external.mapValues(periodValues)
      return periods
    }
    return StoreHistory(store: store, panel: panel, covariates: covariates, grain: grain)
  }

  /// A regressor's daily values as one value per period: the value on each week's ending date
  /// (missing when that date has none).
  func periodValues(_ daily: CovariateSeries) -> CovariateSeries {
    let first = grain.period(of: daily.firstDay)
    let last = grain.period(of: daily.firstDay.adding(days: max(0, daily.values.count - 1)))
    return CovariateSeries(
      firstDay: Self.day(first),
      values: (first...max(first, last)).map { daily.value(on: grain.date(ofPeriod: $0)) })
  }
}
