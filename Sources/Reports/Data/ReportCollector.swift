import DemandCore
import Monitoring

/// Gathers the forecast-vs-actual charts of the report from the monitor's rows, store by store,
/// without holding every row: per day sums for the chain and each region, and the series of the
/// few SKUs that sold the most.
///
/// Each (series, day) is drawn from its most recent forecast (the smallest horizon among the
/// rows given): what the chain knew the night before. A chain or region line is the sum of
/// those forecasts' means; its 80 % band is the mean ∓ 1.2816 · √(Σσ²) with each series' σ read
/// from its band, (p90 − p10) / 2.563, as if series were independent (summing the p10s and
/// p90s would make the band far too wide). Actuals are the units sold, stock-out days included.
public struct ReportCollector: Sendable {
  /// Series drawn as top movers (most units sold over the window).
  public var topMoverCount: Int

  private struct DaySum: Sendable {
    var actual = 0.0
    var mean = 0.0
    var variance = 0.0

    mutating func add(_ row: ForecastActualRow, variance rowVariance: Double) {
      add(actual: row.actual, mean: row.pointForecast, variance: rowVariance)
    }

    mutating func add(actual rowActual: Double, mean rowMean: Double, variance rowVariance: Double)
    {
      actual += rowActual
      mean += rowMean
      variance += rowVariance
    }
  }
  private var chain: [Day: DaySum] = [:]
  private var regions: [String: [Day: DaySum]] = [:]
  private var movers: [(units: Double, key: SeriesKey, points: [ForecastActualPoint])] = []

  /// z of the 90th percentile of the standard normal.
  static let z90 = 1.2815515655446004

  public init(topMoverCount: Int = 6) {
    self.topMoverCount = topMoverCount
  }

  /// Adds one store's rows (any order, any horizons): for each series and day, the row of the
  /// shortest horizon.
  ///
  /// The rows are sorted by series, day and horizon and walked once, so every sum is made in the
  /// same order on every run (iterating a dictionary would follow the process's hash seed).
  public mutating func add(_ rows: [ForecastActualRow], region: String) {
    let sorted = rows.sorted {
      ($0.key, $0.date, $0.horizonDays) < ($1.key, $1.date, $1.horizonDays)
    }
    var regionDays = regions[region] ?? [:]
    var index = sorted.startIndex
    while index < sorted.endIndex {
      let key = sorted[index].key
      var units = 0.0
      var points: [ForecastActualPoint] = []
      while index < sorted.endIndex && sorted[index].key == key {
        let row = sorted[index]
        let sigma = max(0, row.p90 - row.p10) / (2 * Self.z90)
        chain[row.date, default: DaySum()].add(row, variance: sigma * sigma)
        regionDays[row.date, default: DaySum()].add(row, variance: sigma * sigma)
        units += row.actual
        points.append(
          ForecastActualPoint(
            day: row.date, actual: row.actual, p10: row.p10, p50: row.p50, p90: row.p90,
            stockout: row.stockout))
        // Longer horizons of the same day were superseded by this one.
        while index < sorted.endIndex && sorted[index].key == key
          && sorted[index].date == row.date
        {
          index += 1
        }
      }
      movers.append((units, key, points))
    }
    regions[region] = regionDays
    movers.sort { ($0.units, $1.key) > ($1.units, $0.key) }
    if movers.count > topMoverCount { movers.removeLast(movers.count - topMoverCount) }
  }

  /// Adds one store's joined rows: the same sums, in the same order, as `add(_:region:)` with
  /// the store's rows. The join's rows come by series, day and run date, so the row of the
  /// shortest horizon is the last of its series and day and nothing needs sorting.
  public mutating func add(_ join: StoreJoin, region: String) {
    let rows = join.rows
    var regionDays = regions[region] ?? [:]
    var index = rows.startIndex
    while index < rows.endIndex {
      let series = rows[index].series
      var units = 0.0
      var points: [ForecastActualPoint] = []
      while index < rows.endIndex && rows[index].series == series {
        // The last issue of this series and day: the shortest horizon.
        let date = rows[index].date
        while index + 1 < rows.endIndex && rows[index + 1].series == series
          && rows[index + 1].date == date
        {
          index += 1
        }
        let row = rows[index]
        let sigma = max(0, row.p90 - row.p10) / (2 * Self.z90)
        chain[row.date, default: DaySum()].add(
          actual: row.actual, mean: row.pointForecast, variance: sigma * sigma)
        regionDays[row.date, default: DaySum()].add(
          actual: row.actual, mean: row.pointForecast, variance: sigma * sigma)
        units += row.actual
        points.append(
          ForecastActualPoint(
            day: row.date, actual: row.actual, p10: row.p10, p50: row.p50, p90: row.p90,
            stockout: row.stockout))
        index += 1
      }
      movers.append((units, join.key(series), points))
    }
    regions[region] = regionDays
    movers.sort { ($0.units, $1.key) > ($1.units, $0.key) }
    if movers.count > topMoverCount { movers.removeLast(movers.count - topMoverCount) }
  }

  /// The chain's line.
  public func chainSeries(name: String) -> ForecastActualSeries {
    ForecastActualSeries(
      name: name, caption: Self.sumCaption, points: Self.points(chain), centre: .mean)
  }

  /// One line per region, by name.
  public func regionSeries() -> [ForecastActualSeries] {
    regions.keys.sorted().map { region in
      ForecastActualSeries(
        name: "Region \(region)", caption: Self.sumCaption,
        points: Self.points(regions[region] ?? [:]), centre: .mean)
    }
  }

  /// The top movers, most units first.
  public func topMoverSeries() -> [ForecastActualSeries] {
    movers.map { mover in
      ForecastActualSeries(
        name: "\(mover.key.store.rawValue) / \(mover.key.sku.rawValue)",
        caption: "\(Int(mover.units.rounded())) units sold in the window; next-day forecasts",
        points: mover.points)
    }
  }

  static let sumCaption =
    "Sum of next-day forecasts (mean) and units sold; band: 80 % of the total, series taken "
    + "as independent"

  private static func points(_ sums: [Day: DaySum]) -> [ForecastActualPoint] {
    sums.keys.sorted().compactMap { day in
      guard let sum = sums[day] else { return nil }
      let spread = z90 * sum.variance.squareRoot()
      return ForecastActualPoint(
        day: day, actual: sum.actual, p10: max(0, sum.mean - spread), p50: sum.mean,
        p90: sum.mean + spread, stockout: false)
    }
  }
}
