import DemandCore
import Forecasting

/// ShelfCast's own policy as the nightly job runs it: each night (every `forecastEveryDays`)
/// the fitted set forecasts every series from the history so far, real then simulated; each
/// morning every item gets `ReplenishmentPolicy.decide` with its ABC service level: up to S on
/// review days, an out-of-cycle order between reviews only when a stock-out is likely before
/// the next review's order arrives. Nothing is re-estimated during the run.
public struct ShelfCastPolicy: SimulationPolicy {
  public var forecaster: Forecaster
  public var source: SimulatedHistorySource
  /// One replenishment rule per item (lead time, service level, rounding, review days).
  public var rules: [ReplenishmentPolicy]
  /// Days between two forecasts (1: every night, as the nightly job).
  public var forecastEveryDays: Int
  /// Each review's order-up-to level, in the order made: what `TailCoverage` checks against
  /// the demand that followed.
  public private(set) var reviews: [TailObservation] = []
  /// Called after each forecast with (simulated day, days in the run).
  public var progress: (Int) -> Void

  private var itemIndex: [SeriesKey: Int] = [:]
  /// The latest forecast per item: its first day (simulated day index) and daily paths.
  private var forecastDay = -1
  private var paths: [(mean: [Double], p10: [Double], p90: [Double], isNew: Bool)?] = []

  public init(
    forecaster: Forecaster, source: SimulatedHistorySource, items: [SimulatedItem],
    rules: [ReplenishmentPolicy], forecastEveryDays: Int = 1,
    progress: @escaping (Int) -> Void = { _ in }
  ) {
    precondition(rules.count == items.count, "one rule per item")
    precondition(forecastEveryDays >= 1, "a forecast at least every day")
    self.forecaster = forecaster
    self.source = source
    self.rules = rules
    self.forecastEveryDays = forecastEveryDays
    self.progress = progress
    itemIndex = Dictionary(
      items.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public mutating func orders(day: Int, items: [SimulatedItem], states: [ItemState]) throws
    -> [Int]
  {
    if forecastDay < 0 || day - forecastDay >= forecastEveryDays {
      try forecast(day: day, itemCount: items.count, states: states)
    }
    let offset = day - forecastDay
    var orders = [Int](repeating: 0, count: items.count)
    for i in items.indices {
      guard let path = paths[i], offset < path.mean.count else { continue }
      let rule = rules[i]
      let untilReview = ReviewSchedule.daysUntilReview(day: day, reviewDays: rule.reviewDays)
      let decision = rule.decide(
        mean: Array(path.mean[offset...]), p10: Array(path.p10[offset...]),
        p90: Array(path.p90[offset...]), onHand: Double(states[i].onHand),
        onOrder: Double(states[i].onOrder), isNewItem: path.isNew,
        daysUntilReview: untilReview)
      if untilReview == 0 {
        reviews.append(
          TailObservation(
            item: i, day: day, coverDays: rule.leadTimeDays + rule.reviewDays,
            serviceLevel: rule.serviceLevel, orderUpTo: decision.orderUpTo,
            coverMeanUnits: decision.coverMeanUnits))
      }
      orders[i] = decision.order.units
    }
    return orders
  }

  /// Forecasts from the night before simulated day `day`.
  private mutating func forecast(day: Int, itemCount: Int, states: [ItemState]) throws {
    let runDate = source.simulationStart.adding(days: day - 1)
    let stores = try forecaster.forecast(
      source: source.with(states: states), runDate: runDate,
      horizon: forecaster.fittedSet.configuration.horizonDays, levels: [0.1, 0.5, 0.9])
    paths = [(mean: [Double], p10: [Double], p90: [Double], isNew: Bool)?](
      repeating: nil, count: itemCount)
    for store in stores {
      for series in store.series {
        guard let item = itemIndex[series.key], let p10 = series.quantile(0.1),
          let p90 = series.quantile(0.9)
        else { continue }
        paths[item] = (series.mean, p10, p90, series.isNewItem)
      }
    }
    forecastDay = day
    progress(day)
  }
}
