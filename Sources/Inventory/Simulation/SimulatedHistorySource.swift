import DemandCore
import Features
import Forecasting

/// The history a policy sees on a simulated morning: the real history up to the day before the
/// simulation, then the simulated sales, with each simulated stock-out day marked censored
/// (its sales only bound the demand from below), exactly as ingest records a stock-out.
///
/// The real part is held in memory, so each simulated day costs a copy of each store's panel,
/// not a database read.
public struct SimulatedHistorySource: StoreHistorySource {
  public let stores: [StoreID]
  public let calendar: CalendarContext
  /// The first simulated day; the real history ends the day before.
  public let simulationStart: Day
  private let base: [StoreID: StoreHistory]
  /// Per store, the simulated item of each series of its base panel (`nil`: not simulated).
  private let itemOfSeries: [StoreID: [Int?]]
  /// Each simulated item's sales and stock-out days so far (day 0 = `simulationStart`).
  private var states: [ItemState] = []

  /// - Parameters:
  ///   - histories: each store's real history, ending the day before `simulationStart`, in
  ///     store order.
  ///   - itemIndex: the simulated item of each series key.
  public init(
    histories: [StoreHistory], calendar: CalendarContext, simulationStart: Day,
    itemIndex: [SeriesKey: Int]
  ) {
    stores = histories.map(\.store)
    self.calendar = calendar
    self.simulationStart = simulationStart
    base = Dictionary(histories.map { ($0.store, $0) }, uniquingKeysWith: { first, _ in first })
    itemOfSeries = Dictionary(
      histories.map { ($0.store, $0.panel.keys.map { itemIndex[$0] }) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The same source with the simulated days so far.
  public func with(states: [ItemState]) -> SimulatedHistorySource {
    var copy = self
    copy.states = states
    return copy
  }

  public func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
    guard let real = base[store], let items = itemOfSeries[store] else {
      throw ForecastError.invalidConfiguration(
        setting: "store", value: store.rawValue, expected: "a store of the simulated chain")
    }
    let panel = real.panel
    let dayCount = max(0, start.days(to: end) + 1)
    var spliced = SeriesPanel(keys: panel.keys, start: start, dayCount: dayCount)
    for series in 0..<panel.seriesCount {
      let row = series * dayCount
      for offset in 0..<dayCount {
        let day = start.adding(days: offset)
        if let source = panel.dayOffset(day) {
          spliced.values[row + offset] = panel.values[series * panel.dayCount + source]
          spliced.censored[row + offset] = panel.censored[series * panel.dayCount + source]
        } else if day >= simulationStart {
          let simulated = simulationStart.days(to: day)
          if let item = items[series], simulated < states[item].sales.count {
            spliced.values[row + offset] = Double(states[item].sales[simulated])
            spliced.censored[row + offset] = states[item].stockouts[simulated]
          } else {
            // Not simulated (or not yet): unknown, so censored rather than a zero.
            spliced.censored[row + offset] = true
          }
        }
      }
    }
    return StoreHistory(store: store, panel: spliced, covariates: real.covariates)
  }
}
