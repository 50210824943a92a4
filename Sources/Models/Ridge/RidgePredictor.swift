import DemandCore
import Features

/// Forecasts and fitted values of a `FittedRidge`, series after series, reusing its scratch
/// buffers: the engine keeps one per task and calls it for each series of the category.
///
/// `FittedRidge.predict(series:covariates:calendar:horizon:levels:)` and
/// `FittedRidge.fittedValues(series:covariates:calendar:)` do the same with a fresh predictor.
public struct RidgePredictor: Sendable {
  public let model: FittedRidge
  var builder: SeriesFeatureBuilder
  var row: [Double]

  public init(model: FittedRidge) {
    self.model = model
    builder = SeriesFeatureBuilder(layout: model.layout)
    row = [Double](repeating: 0, count: model.layout.count)
  }

  /// A predictor of `model` over a series already loaded in `builder` for the model's
  /// horizon (`DirectRidge` loads a series once for all its buckets); call `predictLoaded` or
  /// `decomposeLoaded`, not `predict`, which loads again.
  ///
  /// - Precondition: `builder.layout == model.layout`.
  init(model: FittedRidge, loaded builder: SeriesFeatureBuilder) {
    precondition(builder.layout == model.layout, "the builder follows the model's layout")
    self.model = model
    self.builder = builder
    row = [Double](repeating: 0, count: model.layout.count)
  }

  /// Forecasts days `firstStep … horizon` after the last day of `series` (1 = the next day).
  ///
  /// The rows use the planned promotions of `covariates` and the holidays of `calendar` on the
  /// forecast days, and demand up to the last day. A series with less history than
  /// `minimumHistoryDays` before a cut-off still gets a forecast, built from the history there
  /// is (see `SeriesFeatureBuilder.writeRow(for:into:stride:allowingShortHistory:)`); call
  /// `FittedRidge.supports(_:)` first to forecast such series with another model instead.
  ///
  /// - Parameters:
  ///   - firstStep: the first day forecast, 1 or later: a bucket of a `DirectRidge` writes only
  ///     the rows of its own steps.
  ///   - horizon: the last day forecast, `0 ... horizonDays`.
  ///   - levels: quantile levels, each in 0 < level < 1.
  /// - Returns: the mean (≥ 0) and the Gaussian quantiles, clipped at 0, sorted by level, of
  ///   the `horizon − firstStep + 1` days (none when `horizon < firstStep`).
  /// - Precondition: `firstStep ≥ 1`, `horizon ≤ model.horizonDays`.
  /// - Complexity: O(levelWindowDays + (horizon − firstStep + 1) · p).
  public mutating func predict(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    firstStep: Int = 1, horizon: Int, levels: [Double]
  ) -> ModelForecast {
    guard
      let (first, count) = load(
        series: series, covariates: covariates, calendar: calendar, firstStep: firstStep,
        horizon: horizon)
    else {
      return ModelForecast(
        mean: [], quantiles: levels.sorted().map { QuantilePath(level: $0, values: []) })
    }
    return predictLoaded(first: first, count: count, levels: levels)
  }

  /// The forecast of the `count` loaded target days from `first` (see `predict`).
  mutating func predictLoaded(first: Day, count: Int, levels: [Double]) -> ModelForecast {
    var location = [Double](repeating: 0, count: count)
    var deviation = [Double](repeating: 0, count: count)
    for step in 0..<count {
      let scale = rowPrediction(for: first.adding(days: step), allowingShortHistory: true)
      guard let scale else { preconditionFailure("a lenient row is always written") }
      location[step] = scale.prediction
      deviation[step] = model.standardDeviation(scale: scale.scale)
    }
    return ModelForecast(
      mean: location.map { max(0, $0) },
      quantiles: gaussianQuantiles(mean: location, sigma: deviation, levels: levels))
  }

  /// Loads `series` for the rows of steps `firstStep … horizon` (what `predict` and
  /// `decompose` read, so that both see the same sums) and returns the first target day and
  /// the number of steps; nil when there are none.
  /// - Precondition: `firstStep ≥ 1`, `horizon ≤ model.horizonDays`.
  mutating func load(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    firstStep: Int, horizon: Int
  ) -> (first: Day, count: Int)? {
    precondition(
      horizon >= 0 && horizon <= model.horizonDays,
      "\(model.name) forecasts 0...\(model.horizonDays) days, asked for \(horizon)")
    precondition(firstStep >= 1, "steps count from 1")
    let count = horizon - firstStep + 1
    guard count > 0 else { return nil }
    let first = series.forecastStart.adding(days: firstStep - 1)
    builder.load(
      start: series.start, values: series.values, censored: series.censored, gaps: series.gaps,
      covariates: covariates, calendar: calendar,
      targetDays: first...first.adding(days: count - 1))
    return (first, count)
  }

  /// The model's prediction of each day of `series` from the history h days before it: the
  /// h-step-ahead (direct) fitted values, aligned with `series`, ≥ 0, NaN where the level
  /// window holds fewer than `minimumHistoryDays` uncensored days.
  public mutating func fittedValues(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext
  ) -> [Double] {
    guard series.count > 0 else { return [] }
    builder.load(
      start: series.start, values: series.values, censored: series.censored, gaps: series.gaps,
      covariates: covariates, calendar: calendar,
      targetDays: series.start...series.start.adding(days: series.count - 1))
    return (0..<series.count).map { offset in
      let result = rowPrediction(
        for: series.start.adding(days: offset), allowingShortHistory: false)
      return result.map { max(0, $0.prediction) } ?? .nan
    }
  }

  /// `s · xᵀβ` and `s` for `day`, or `nil` when the row is unavailable; the row `x` is left in
  /// `row`.
  mutating func rowPrediction(
    for day: Day, allowingShortHistory: Bool
  ) -> (prediction: Double, scale: Double)? {
    guard
      let scale = builder.writeRow(
        for: day, into: &row, allowingShortHistory: allowingShortHistory)
    else { return nil }
    var dot = 0.0
    for j in 0..<row.count { dot += row[j] * model.coefficients[j] }
    return (scale * dot, scale)
  }
}

extension FittedRidge {
  /// Forecasts days `firstStep … horizon` after the last day of `series`; see
  /// `RidgePredictor.predict(series:covariates:calendar:firstStep:horizon:levels:)`.
  public func predict(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    firstStep: Int = 1, horizon: Int, levels: [Double]
  ) -> ModelForecast {
    var predictor = RidgePredictor(model: self)
    return predictor.predict(
      series: series, covariates: covariates, calendar: calendar, firstStep: firstStep,
      horizon: horizon, levels: levels)
  }

  /// The h-step-ahead fitted values of `series`; see
  /// `RidgePredictor.fittedValues(series:covariates:calendar:)`.
  public func fittedValues(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext
  ) -> [Double] {
    var predictor = RidgePredictor(model: self)
    return predictor.fittedValues(series: series, covariates: covariates, calendar: calendar)
  }

  /// True when every one of the h days after `series` has a level window with at least
  /// `minimumHistoryDays` uncensored days, so that its forecast is not an extrapolation.
  ///
  /// - Complexity: O(series.count).
  public func supports(_ series: DemandSeries) -> Bool {
    shortestHistory(series) >= layout.minimumHistoryDays
  }

  /// The fewest uncensored days in the level window of any of the h forecast days.
  func shortestHistory(_ series: DemandSeries) -> Int {
    shortestHistory(usableDayCounts: Self.usableDayCounts(series))
  }

  /// `counts[i]` = the uncensored, finite days outside the gaps among the first i of `series`
  /// (n + 1 entries): the days a level window read after the series' last day counts.
  static func usableDayCounts(_ series: DemandSeries) -> [Int] {
    let n = series.count
    var usable = [Int](repeating: 0, count: n + 1)
    var inGap = [Bool](repeating: false, count: n)
    for gap in series.gaps { for i in gap { inGap[i] = true } }
    for i in 0..<n {
      let counts = !series.censored[i] && !inGap[i] && series.values[i].isFinite
      usable[i + 1] = usable[i] + (counts ? 1 : 0)
    }
    return usable
  }

  /// `shortestHistory(_:)` from the series' `usableDayCounts`.
  func shortestHistory(usableDayCounts usable: [Int]) -> Int {
    let n = usable.count - 1
    var fewest = Int.max
    for step in 1...layout.horizonDays {
      let cutOff = min(n - 1, n - 1 + step - layout.horizonDays)
      let from = max(0, cutOff - layout.levelWindowDays + 1)
      let count = cutOff < from ? 0 : usable[cutOff + 1] - usable[from]
      fewest = min(fewest, count)
    }
    return fewest
  }
}
