import DemandCore

/// The forecasts one run issued for one store: every series' p10, p50, p90 and mean for each of
/// the same consecutive target days, with the model that made each and the version of the fitted
/// set in service.
///
/// Why a block per store and run date rather than a row per store/SKU/target day: a 100,000-series
/// chain forecast 28 days ahead issues 2.8 million store/SKU/days a night, which as rows would take
/// SQLite minutes to insert and ~100 bytes each to keep; as one block per store it is a few hundred
/// inserts of float32 columns (16 bytes a store/SKU/day before the zero and sparse encodings).
///
/// Values are units per day, stored as `Float` (about 7 significant digits, far finer than the
/// 0.001 unit of `forecast.csv`). Columns are series-major: the value of series `i` on target day
/// `h` (0-based) is at `i * dayCount + h`.
public struct ForecastBlock: Sendable, Equatable {
  public var store: StoreID
  /// The run date D: the forecasts were made from history up to D.
  public var issuedOn: Day
  /// The first target day (D + 1 for a nightly run).
  public var firstTargetDay: Day
  /// Target periods per series: the block covers `dayCount` targets from `firstTargetDay`,
  /// `daysPerTarget` days apart.
  public var dayCount: Int
  /// Days from one target to the next: 1 (daily), or 7 at weekly grain, whose targets are
  /// week-ending dates and whose values are units per week. Not stored as such: the archive
  /// keeps the last target day, from which it is read back.
  public var daysPerTarget: Int
  /// The fitted set in service when the forecasts were issued (see `ModelVersion` in Pipeline).
  public var modelVersion: String
  /// The series' SKUs, one per series, without repeats.
  public var skus: [SKUID]
  /// What made each series' forecast (`forecast.csv`'s `model` column), one per series.
  public var models: [String]
  public var p10: [Float]
  public var p50: [Float]
  public var p90: [Float]
  /// The mean forecast; `nan` where a forecast had none (error is then taken against p50).
  public var mean: [Float]

  /// An empty block; add series with `append`.
  public init(
    store: StoreID, issuedOn: Day, firstTargetDay: Day, dayCount: Int, modelVersion: String,
    daysPerTarget: Int = 1
  ) {
    precondition(dayCount >= 1, "a forecast block covers at least one target day")
    precondition(daysPerTarget >= 1, "targets are at least a day apart")
    self.daysPerTarget = daysPerTarget
    self.store = store
    self.issuedOn = issuedOn
    self.firstTargetDay = firstTargetDay
    self.dayCount = dayCount
    self.modelVersion = modelVersion
    skus = []
    models = []
    p10 = []
    p50 = []
    p90 = []
    mean = []
  }

  /// Series in the block.
  public var count: Int { skus.count }

  /// The last target day.
  public var lastTargetDay: Day { targetDay(atOffset: dayCount - 1) }

  /// The `h`-th (0-based) target day.
  public func targetDay(atOffset h: Int) -> Day { firstTargetDay.adding(days: h * daysPerTarget) }

  /// Days from the run date to the `h`-th (0-based) target day: 1 for the day after the run.
  public func horizonDays(atOffset h: Int) -> Int { issuedOn.days(to: targetDay(atOffset: h)) }

  /// Adds one series; each path holds `dayCount` values.
  public mutating func append(
    sku: SKUID, model: String, p10: [Double], p50: [Double], p90: [Double], mean: [Double]
  ) {
    precondition(
      [p10.count, p50.count, p90.count, mean.count].allSatisfy { $0 == dayCount },
      "every path of a forecast block holds dayCount values")
    skus.append(sku)
    models.append(model)
    self.p10 += p10.map(Float.init)
    self.p50 += p50.map(Float.init)
    self.p90 += p90.map(Float.init)
    self.mean += mean.map(Float.init)
  }

  /// The values of series `index` in `column`.
  public func path(_ column: KeyPath<ForecastBlock, [Float]>, series index: Int)
    -> ArraySlice<Float>
  {
    self[keyPath: column][(index * dayCount)..<((index + 1) * dayCount)]
  }
}
