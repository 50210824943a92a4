import DemandCore
import Models

/// The forecast of a whole chain issued on one run date: every store's series over the same
/// horizon, at the same quantile levels, by one model version.
///
/// What the nightly forecast stage returns and what recommend, explain and the forecast archive
/// consume: the horizon and levels are checked once, here, instead of by every reader.
/// Quantities are units per day; series `i`'s value on target day `h` (0-based) is for
/// `runDate + 1 + h`. At weekly grain (`daysPerTarget` 7) the run date and the targets are
/// week-ending dates, quantities are units per week, and target `h` is the week ending on
/// `runDate + 7 · (1 + h)`.
public struct ChainForecast: Sendable {
  /// The run date D: the forecasts read history up to D and cover D + 1 … D + `horizonDays`.
  public var runDate: Day
  /// Target periods (days, or weeks at weekly grain) of every series.
  public var horizonDays: Int
  /// Days from one target to the next, and from the run date to the first: 1, or 7 at weekly
  /// grain.
  public var daysPerTarget: Int
  /// The quantile levels of every series, sorted; always 0.1, 0.5 and 0.9 among them.
  public var levels: [Double]
  /// The model version that issued it (`v0003`, or a digest for an unregistered set).
  public var modelVersion: String
  /// Stores in the order of the master data, each with its series in SKU order.
  public var stores: [Forecaster.StoreForecast]

  /// The levels every chain forecast carries: recommend needs p10 and p90, the archive p50.
  public static let requiredLevels = [0.1, 0.5, 0.9]

  /// - Precondition: every series starts on `runDate + 1`, covers `horizonDays` days and
  ///   carries every level of `levels`, which include `requiredLevels` (the engine's contract;
  ///   a violation is a programming error).
  public init(
    runDate: Day, horizonDays: Int, levels: [Double], modelVersion: String,
    stores: [Forecaster.StoreForecast], daysPerTarget: Int = 1
  ) {
    let sorted = levels.sorted()
    precondition(
      Self.requiredLevels.allSatisfy { required in
        sorted.contains { abs($0 - required) < 1e-9 }
      }, "a chain forecast carries p10, p50 and p90")
    let first = runDate.adding(days: daysPerTarget)
    for store in stores {
      for series in store.series {
        precondition(
          series.start == first && series.mean.count == horizonDays
            && series.quantiles.count == sorted.count,
          "every series of a chain forecast starts after the run date and covers the horizon")
      }
    }
    self.runDate = runDate
    self.horizonDays = horizonDays
    self.daysPerTarget = daysPerTarget
    self.levels = sorted
    self.modelVersion = modelVersion
    self.stores = stores
  }

  /// The first target day, D + 1 (D + 7 at weekly grain).
  public var firstTargetDay: Day { runDate.adding(days: daysPerTarget) }

  /// The `h`-th (0-based) target day.
  public func targetDay(atOffset h: Int) -> Day { runDate.adding(days: (h + 1) * daysPerTarget) }

  /// Series forecast.
  public var seriesCount: Int { stores.reduce(0) { $0 + $1.series.count } }

  /// Series forecast as new items (no fit, or none of its models could forecast it).
  public var newItemCount: Int {
    stores.reduce(0) { $0 + $1.series.filter(\.isNewItem).count }
  }

  /// The forecast of `key`, if the chain forecast holds it.
  /// - Complexity: O(stores + series of the store).
  public func series(_ key: SeriesKey) -> SeriesForecast? {
    stores.first { $0.store == key.store }?.series.first { $0.key == key }
  }
}

extension SeriesForecast {
  /// This forecast as the forecast archive keeps it: mean, p10, p50 and p90 rounded to single
  /// precision and no other level, so a stage fed from the night's forecast and one fed from the
  /// archive read the same numbers.
  public func asArchived() -> SeriesForecast {
    func rounded(_ values: [Double]) -> [Double] { values.map { Double(Float($0)) } }
    var copy = self
    copy.mean = rounded(mean)
    copy.quantiles = ChainForecast.requiredLevels.map { level in
      QuantilePath(level: level, values: rounded(quantile(level) ?? mean))
    }
    return copy
  }
}
