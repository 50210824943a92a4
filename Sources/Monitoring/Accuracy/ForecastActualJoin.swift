import DemandCore

/// Pairs archived forecasts with the actuals that have arrived since.
///
/// Every issued forecast whose target day falls in the window is joined, so one store/SKU/day
/// appears once per run that forecast it, each time at its own horizon (a day in the window is
/// typically forecast 28 times, from 28 nights before it to the night before). That is what
/// makes accuracy by horizon measurable, and it weights the horizons the way the forecasts were
/// used; a series' scored days are therefore not independent, and `n` counts forecasts, not days.
///
/// This is the join row by row, the definition; the monitor joins a store at a time with
/// `StoreJoin`, which makes the same rows flat (`StoreJoinTests` holds the two together).
public enum ForecastActualJoin {
  /// Decimal places of units in the joined rows and in `forecast_vs_actual.csv`.
  public static let unitDigits = 3

  /// The joined rows of `forecasts` whose target day is in `window` and whose series has a
  /// recorded actual that day, sorted by series, target day and run date.
  ///
  /// Forecast and actual values are rounded to `unitDigits` decimals, as the file writes them,
  /// so every metric can be recomputed from the file. Series without an entry in `actuals` are
  /// skipped: the caller passes an entry (zeros where nothing sold) for every series it wants
  /// scored.
  public static func rows(
    forecasts: [IssuedForecast], actuals: [SeriesKey: ObservedDemand], window: ClosedRange<Day>
  ) -> [ForecastActualRow] {
    var rows: [ForecastActualRow] = []
    for forecast in forecasts {
      guard let observed = actuals[forecast.key] else { continue }
      for h in 0..<forecast.dayCount {
        let day = forecast.firstTargetDay.adding(days: h)
        guard window.contains(day), let t = observed.offset(of: day), observed.recorded[t]
        else { continue }
        rows.append(
          ForecastActualRow(
            key: forecast.key, date: day, issuedOn: forecast.issuedOn,
            p10: rounded(forecast.p10[h]), p50: rounded(forecast.p50[h]),
            p90: rounded(forecast.p90[h]), mean: rounded(forecast.mean[h]),
            actual: rounded(observed.units[t]), stockout: observed.stockout[t],
            model: forecast.model, modelVersion: forecast.modelVersion))
      }
    }
    rows.sort { ($0.key, $0.date, $0.issuedOn) < ($1.key, $1.date, $1.issuedOn) }
    return rows
  }

  /// `value` rounded half away from zero to `unitDigits` decimals (`nan` stays `nan`).
  static func rounded(_ value: Double) -> Double {
    guard value.isFinite else { return value }
    let scale = 1000.0
    return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
  }
}
