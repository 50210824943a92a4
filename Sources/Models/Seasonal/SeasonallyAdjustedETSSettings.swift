import DemandCore

/// Exponential smoothing of the seasonally adjusted series, for seasons too long for a seasonal
/// ETS (52 weeks): the idea of `forecast::stlf` and statsforecast's `MSTL` (*FPP3* §3.6, §13.1),
/// with a simpler, fully determined decomposition.
///
/// **Season.** The series is decomposed by STL (`STLSettings(period:)`: the settings of
/// statsforecast's `MSTL` for one season), and the seasonal component of its last `period`
/// positions gives the index of each slot (slots are absolute: position mod `period`, so the
/// indices line up for any later origin); as `MSTL`, the forecast repeats that last cycle.
/// Censored and non-finite positions are filled by linear interpolation between the nearest
/// observed ones (the nearest one at the ends) before the decomposition. With fewer than
/// `minimumSeasons` × `period` positions, or no observed one, every index is 0 and the method
/// is plain ETS. Indices are additive (weekly values in money can be negative).
///
/// **Level and trend.** `inner` (non-seasonal ETS candidates, AICc-selected) is fitted to the
/// series minus its indices; a forecast is the inner forecast plus the index of each target
/// slot, its quantiles shifted by the same amounts (then floored at 0 and made monotone).
public struct SeasonallyAdjustedETSSettings: ForecastMethod {
  /// Positions per season (52 weeks).
  public var period: Int
  /// Whole seasons needed before indices are estimated.
  public var minimumSeasons: Int
  /// The ETS fitted to the adjusted series (its candidates should have no season).
  public var inner: AutoETSSettings

  public init(period: Int = 52, minimumSeasons: Int = 2, inner: AutoETSSettings) {
    self.period = period
    self.minimumSeasons = minimumSeasons
    self.inner = inner
  }

  /// `SeasonalETS(52)`.
  public var name: String { "SeasonalETS(\(period))" }
  public var family: ModelFamily { .exponentialSmoothing }

  /// - Throws: what `inner` throws on the adjusted series.
  /// - Complexity: O(n + period) plus the inner fit.
  public func fit(_ series: DemandSeries) throws(ModelError) -> SeasonallyAdjustedETS {
    precondition(period >= 2 && minimumSeasons >= 1, "a season has 2 positions or more")
    let indices = Self.seasonalIndices(series, period: period, minimumSeasons: minimumSeasons)
    let adjusted = SeasonallyAdjustedETS.adjust(series, indices: indices)
    return SeasonallyAdjustedETS(
      period: period, indices: indices, inner: try inner.fit(adjusted),
      forecastStart: series.forecastStart)
  }

  /// The additive seasonal indices of `series`, by absolute slot (position mod `period`).
  static func seasonalIndices(_ series: DemandSeries, period: Int, minimumSeasons: Int)
    -> [Double]
  {
    var indices = [Double](repeating: 0, count: period)
    let n = series.count
    guard n >= minimumSeasons * period, let filled = interpolated(series) else { return indices }
    let seasonal = STLSettings(period: period).decompose(filled).seasonal
    for t in (n - period)..<n {
      indices[SeasonallyAdjustedETS.slot(series.start.adding(days: t), period: period)] =
        seasonal[t]
    }
    return indices
  }

  /// The series' values with each censored or non-finite position replaced by the linear
  /// interpolation of the nearest observed positions on either side (the nearest observed value
  /// before the first or after the last); nil when no position is observed.
  static func interpolated(_ series: DemandSeries) -> [Double]? {
    let observed = series.values.indices.filter {
      !series.censored[$0] && series.values[$0].isFinite
    }
    guard let first = observed.first, let last = observed.last else { return nil }
    var values = series.values
    for t in 0..<first { values[t] = series.values[first] }
    for t in (last + 1)..<values.count { values[t] = series.values[last] }
    for (a, b) in zip(observed, observed.dropFirst()) where b > a + 1 {
      let step = (series.values[b] - series.values[a]) / Double(b - a)
      for t in (a + 1)..<b { values[t] = series.values[a] + step * Double(t - a) }
    }
    return values
  }
}

/// A fitted `SeasonallyAdjustedETSSettings`: the seasonal indices and the ETS of the adjusted
/// series.
public struct SeasonallyAdjustedETS: FittedModel, Equatable {
  public let period: Int
  /// Additive index per absolute slot (position mod `period`).
  public let indices: [Double]
  public private(set) var inner: FittedAutoETS
  /// The first position after the series the model was fitted (or applied) to.
  public let forecastStart: Day

  public var name: String { "SeasonalETS(\(period))+\(inner.name)" }
  public var family: ModelFamily { .exponentialSmoothing }

  /// The inner fitted values plus the indices.
  public var fittedValues: [Double] {
    let n = inner.fittedValues.count
    let start = forecastStart.adding(days: -n)
    return inner.fittedValues.enumerated().map { t, value in
      value + indices[Self.slot(start.adding(days: t), period: period)]
    }
  }

  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    let base = inner.predict(horizon: horizon, levels: levels)
    let shift = (0..<horizon).map {
      indices[Self.slot(forecastStart.adding(days: $0), period: period)]
    }
    let mean = zip(base.mean, shift).map { max(0, $0 + $1) }
    var quantiles = base.quantiles.map { path in
      QuantilePath(level: path.level, values: zip(path.values, shift).map { max(0, $0 + $1) })
    }
    quantiles.sort { $0.level < $1.level }
    for i in 0..<horizon {
      for q in quantiles.indices.dropFirst() {
        quantiles[q].values[i] = max(quantiles[q].values[i], quantiles[q - 1].values[i])
      }
    }
    return ModelForecast(mean: mean, quantiles: quantiles)
  }

  /// The same indices and ETS parameters over `series` (nothing re-estimated).
  public func applied(to series: DemandSeries) -> SeasonallyAdjustedETS {
    SeasonallyAdjustedETS(
      period: period, indices: indices,
      inner: inner.applied(to: Self.adjust(series, indices: indices)),
      forecastStart: series.forecastStart)
  }

  public func compacted() -> Self {
    var copy = self
    copy.inner = inner.compacted()
    return copy
  }

  /// `series` minus the index of each position's slot (censoring unchanged).
  static func adjust(_ series: DemandSeries, indices: [Double]) -> DemandSeries {
    var adjusted = series
    for t in adjusted.values.indices {
      adjusted.values[t] -= indices[slot(series.start.adding(days: t), period: indices.count)]
    }
    return adjusted
  }

  /// The slot of position `day`: its number mod `period`, in 0 ..< period.
  static func slot(_ day: Day, period: Int) -> Int {
    let r = Int(day.daysSinceEpoch) % period
    return r < 0 ? r + period : r
  }
}
