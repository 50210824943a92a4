import DemandCore
import History
import Monitoring

/// One store's archived forecasts joined with its actuals, for `MonitorStage`.
struct StoreJoin {
  let database: HistoryDatabase
  let store: StoreRecord
  let window: ClosedRange<Day>
  let scaleHistoryDays: Int

  /// The store's rows (see `ForecastActualJoin.rows`), each also passed to `body` with its SKU
  /// and its series' MASE scale.
  func rows(_ body: (SKUID, ForecastActualRow, Double?) -> Void) throws -> [ForecastActualRow] {
    let blocks = try database.archivedForecasts(store: store.id, targetDays: window)
    guard !blocks.isEmpty else { return [] }
    let scaleStart = window.lowerBound.adding(days: -scaleHistoryDays)
    let panel = try database.demandPanel(
      store: store.id, from: scaleStart, through: window.upperBound)
    let recorded = Set(
      try database.daysWithDemand(
        store: store.id, from: window.lowerBound, through: window.upperBound))
    var forecasts: [IssuedForecast] = []
    for block in blocks {
      for i in 0..<block.count {
        func path(_ column: KeyPath<ForecastBlock, [Float]>) -> [Double] {
          block.path(column, series: i).map(Double.init)
        }
        forecasts.append(
          IssuedForecast(
            key: SeriesKey(store: store.id, sku: block.skus[i]), issuedOn: block.issuedOn,
            firstTargetDay: block.firstTargetDay, p10: path(\.p10), p50: path(\.p50),
            p90: path(\.p90), mean: path(\.mean), model: block.models[i],
            modelVersion: block.modelVersion))
      }
    }
    let windowDays = window.lowerBound.days(to: window.upperBound) + 1
    let windowOffset = scaleStart.days(to: window.lowerBound)
    let recordedFlags = (0..<windowDays).map {
      recorded.contains(window.lowerBound.adding(days: $0))
    }
    var rowOfKey: [SeriesKey: Int] = [:]
    for (row, key) in panel.keys.enumerated() { rowOfKey[key] = row }
    var actuals: [SeriesKey: ObservedDemand] = [:]
    var scales: [SeriesKey: Double] = [:]
    for key in Set(forecasts.map(\.key)) {
      guard let row = rowOfKey[key] else {
        // Nothing sold and no stock-out in the whole span: zero demand on every recorded day.
        actuals[key] = ObservedDemand(
          start: window.lowerBound, units: Array(repeating: 0, count: windowDays),
          stockout: Array(repeating: false, count: windowDays), recorded: recordedFlags)
        continue
      }
      let units = panel.series(row)
      let censored = panel.censoring(row)
      actuals[key] = ObservedDemand(
        start: window.lowerBound, units: Array(units.dropFirst(windowOffset)),
        stockout: Array(censored.dropFirst(windowOffset)), recorded: recordedFlags)
      scales[key] = SeasonalNaiveScale.scale(
        units: units.prefix(windowOffset), stockout: censored.prefix(windowOffset))
    }
    let rows = ForecastActualJoin.rows(forecasts: forecasts, actuals: actuals, window: window)
    for row in rows { body(row.key.sku, row, scales[row.key]) }
    return rows
  }
}
