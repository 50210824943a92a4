import DemandCore
import Features

/// A category's direct multi-horizon regression: one `FittedRidge` per horizon bucket, each
/// reading the freshest demand that is legitimately known at the days it forecasts.
///
/// Bucket b covers the steps `H_{b−1} + 1 … H_b` (H₀ = 0) and its model has
/// `horizonDays = H_b`: its row for target day t reads demand up to the cut-off `t − H_b`, so
/// forecast step h ≤ H_b (target `origin + h`) reads demand up to `origin + h − H_b ≤ origin`.
/// With the default bounds (`RidgeSettings.defaultHorizonBuckets`) every step of the first
/// week reads today's sales, and a forecast 20 days out (bucket 17–21) reads the history up to
/// the day before the issue date, where the single 28-day model of the first version read it up
/// to 8 days before. This is the direct strategy of Taieb and Hyndman (*IJF* 2014) with horizons
/// grouped to share the fitting cost: one pass over the history, one `dsyrk` accumulation per
/// bucket.
///
/// A set saved before the buckets existed decodes as one bucket (`horizonDays` = the trained
/// horizon), which forecasts exactly as it did.
public struct DirectRidge: Sendable, Equatable, Codable {
  /// The category every bucket was fitted on.
  public let category: String
  /// One model per bucket, by ascending `horizonDays`; the last reaches `horizonDays`.
  public let horizonModels: [FittedRidge]

  /// - Precondition: at least one model, all of `category`, with strictly ascending horizons.
  public init(horizonModels: [FittedRidge]) {
    precondition(!horizonModels.isEmpty, "a direct regression has at least one bucket")
    let category = horizonModels[0].category
    precondition(
      horizonModels.allSatisfy { $0.category == category },
      "every bucket of a direct regression has the same category")
    precondition(
      zip(horizonModels, horizonModels.dropFirst()).allSatisfy {
        $0.horizonDays < $1.horizonDays
      }, "the buckets' horizons ascend strictly")
    self.category = category
    self.horizonModels = horizonModels
  }

  /// `Ridge(category)`.
  public var name: String { "Ridge(\(category))" }
  /// The farthest day ahead the regression forecasts.
  public var horizonDays: Int { horizonModels[horizonModels.count - 1].horizonDays }
  /// The bucket upper bounds `H_b`, ascending.
  public var bucketHorizons: [Int] { horizonModels.map(\.horizonDays) }

  /// The bucket that forecasts step `step` (1 = the day after the last observation).
  ///
  /// - Precondition: `1 ≤ step ≤ horizonDays`.
  public func bucket(forStep step: Int) -> Int {
    precondition(step >= 1 && step <= horizonDays, "step \(step) is outside 1...\(horizonDays)")
    return horizonModels.firstIndex { $0.horizonDays >= step } ?? horizonModels.count - 1
  }

  /// The steps each bucket serves in a forecast of `horizon` days: `(bucket, steps)` pairs
  /// whose step ranges (1-based) cover `1 … horizon` in order.
  public func stepRanges(horizon: Int) -> [(bucket: Int, steps: ClosedRange<Int>)] {
    var ranges: [(bucket: Int, steps: ClosedRange<Int>)] = []
    var first = 1
    for (index, model) in horizonModels.enumerated() where first <= horizon {
      let last = min(model.horizonDays, horizon)
      guard first <= last else { continue }
      ranges.append((index, first...last))
      first = last + 1
    }
    return ranges
  }

  /// True when every bucket can forecast `series` without extrapolating its level
  /// (`FittedRidge.supports(_:)`), from one pass over the series for all buckets.
  public func supports(_ series: DemandSeries) -> Bool {
    let usable = FittedRidge.usableDayCounts(series)
    return horizonModels.allSatisfy {
      $0.shortestHistory(usableDayCounts: usable) >= $0.layout.minimumHistoryDays
    }
  }

  /// Forecasts the `horizon` days after `series`, each step by its bucket's model; see
  /// `RidgePredictor.predict(series:covariates:calendar:horizon:levels:)`.
  ///
  /// - Precondition: `0 ≤ horizon ≤ horizonDays`.
  public func predict(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext,
    horizon: Int, levels: [Double]
  ) -> ModelForecast {
    precondition(
      horizon >= 0 && horizon <= horizonDays,
      "\(name) forecasts 0...\(horizonDays) days, asked for \(horizon)")
    let sorted = levels.sorted()
    var mean: [Double] = []
    var quantiles = sorted.map { QuantilePath(level: $0, values: []) }
    mean.reserveCapacity(horizon)
    for var bucket in loadedBuckets(
      series: series, covariates: covariates, calendar: calendar, horizon: horizon)
    {
      let part = bucket.predictor.predictLoaded(
        first: bucket.first, count: bucket.count, levels: sorted)
      mean += part.mean
      for index in quantiles.indices {
        quantiles[index].values += part.quantiles[index].values
      }
    }
    return ModelForecast(mean: mean, quantiles: quantiles)
  }

  /// The decomposition of each of the `horizon` days after `series` by the bucket that
  /// forecasts it, from the same rows as `predict` (its own steps only); see
  /// `RidgePredictor.decompose(series:covariates:calendar:firstStep:horizon:)`.
  ///
  /// - Throws: `RidgeError.missingTrainingMeans` when a bucket was saved without its means.
  public func decompose(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext, horizon: Int
  ) throws(RidgeError) -> [RidgeDecomposition] {
    var days: [RidgeDecomposition] = []
    for var bucket in loadedBuckets(
      series: series, covariates: covariates, calendar: calendar, horizon: horizon)
    {
      days += try bucket.predictor.decomposeLoaded(first: bucket.first, count: bucket.count)
    }
    return days
  }

  /// For each bucket that serves a forecast of `horizon` days, a predictor with `series` loaded
  /// for the rows of its own steps only (the earlier steps' rows would be thrown away), the
  /// first of those days and their number.
  ///
  /// The series is loaded once for every bucket (`SeriesFeatureBuilder.forHorizon(_:)`): the
  /// buckets' layouts differ only in their horizon, and a row reads nothing after its own
  /// cut-off whatever was loaded, so the rows are those of a load per bucket. Fourteen loads
  /// of the history, its prefix sums and the calendar per series had taken 30 % of a nightly
  /// forecast. A set whose buckets differ otherwise is loaded bucket by bucket.
  func loadedBuckets(
    series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext, horizon: Int
  ) -> [(predictor: RidgePredictor, first: Day, count: Int)] {
    let ranges = stepRanges(horizon: horizon)
    guard let firstRange = ranges.first, let lastRange = ranges.last else { return [] }
    let widest = horizonModels[lastRange.bucket]
    let shareable = ranges.allSatisfy { range in
      var layout = widest.layout
      layout.horizonDays = horizonModels[range.bucket].horizonDays
      return layout == horizonModels[range.bucket].layout
    }
    guard shareable else {
      return ranges.compactMap { bucket, steps in
        var predictor = RidgePredictor(model: horizonModels[bucket])
        guard
          let (first, count) = predictor.load(
            series: series, covariates: covariates, calendar: calendar,
            firstStep: steps.lowerBound, horizon: steps.upperBound)
        else { return nil }
        return (predictor, first, count)
      }
    }
    let start = series.forecastStart
    var builder = SeriesFeatureBuilder(layout: widest.layout)
    builder.load(
      start: series.start, values: series.values, censored: series.censored, gaps: series.gaps,
      covariates: covariates, calendar: calendar,
      targetDays: start.adding(
        days: firstRange.steps.lowerBound - 1)...start.adding(
          days: lastRange.steps.upperBound - 1),
      horizons: horizonModels[firstRange.bucket].horizonDays...widest.horizonDays)
    return ranges.map { bucket, steps in
      let model = horizonModels[bucket]
      return (
        RidgePredictor(model: model, loaded: builder.forHorizon(model.horizonDays)),
        start.adding(days: steps.lowerBound - 1), steps.count
      )
    }
  }

  // MARK: - Codable

  private enum CodingKeys: String, CodingKey {
    case category
    case horizonModels
  }

  /// Reads the bucketed form, or a single `FittedRidge` as saved before buckets existed.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if container.contains(.horizonModels) {
      let models = try container.decode([FittedRidge].self, forKey: .horizonModels)
      guard let first = models.first, models.allSatisfy({ $0.category == first.category }),
        zip(models, models.dropFirst()).allSatisfy({ $0.horizonDays < $1.horizonDays })
      else {
        throw DecodingError.dataCorruptedError(
          forKey: .horizonModels, in: container,
          debugDescription:
            "a direct regression needs buckets of one category with ascending horizons")
      }
      self.init(horizonModels: models)
    } else {
      self.init(horizonModels: [try FittedRidge(from: decoder)])
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(category, forKey: .category)
    try container.encode(horizonModels, forKey: .horizonModels)
  }
}
