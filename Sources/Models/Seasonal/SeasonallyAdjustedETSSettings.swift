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
/// **Pooled season.** Two or three years of weeks give each slot's index from two or three
/// values, so one store's index also holds that store's one-off weeks. With `pooling` other
/// than `.none` and a `SeasonPrior` (the shape the same SKU has over every store), the index of
/// each slot is (1 − w) × the series' own + w × its level × the prior's relative index, w the
/// prior's share (`SeasonPooling`: fixed, or per series by the credibility of its own
/// indices). The prior is first shifted by up to 2 slots to the series' own timing
/// (`alignment`: a store whose school year starts a week earlier peaks a week earlier).
/// Without a prior, or with `.none`, the indices are the series' own.
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
  /// How much of each index the SKU's prior gives when one is given.
  public var pooling: SeasonPooling

  public init(
    period: Int = 52, minimumSeasons: Int = 2, pooling: SeasonPooling = .none,
    inner: AutoETSSettings
  ) {
    self.period = period
    self.minimumSeasons = minimumSeasons
    self.pooling = pooling
    self.inner = inner
  }

  /// `SeasonalETS(52)`, or `PooledSeasonalETS(52)` when it reads a prior.
  public var name: String { (pooling == .none ? "" : "Pooled") + "SeasonalETS(\(period))" }
  public var family: ModelFamily { .exponentialSmoothing }

  /// The fit without a prior: the series' own indices.
  public func fit(_ series: DemandSeries) throws(ModelError) -> SeasonallyAdjustedETS {
    try fit(series, prior: nil)
  }

  /// - Parameter prior: the SKU's shape over the chain, measured on days before the series'
  ///   end only (`SeasonPrior.measure` callers guarantee it); ignored with `.none`, when its
  ///   period differs, or when the series has no own season yet.
  /// - Throws: what `inner` throws on the adjusted series.
  /// - Complexity: O(n + period) plus the inner fit.
  public func fit(_ series: DemandSeries, prior: SeasonPrior?) throws(ModelError)
    -> SeasonallyAdjustedETS
  {
    precondition(period >= 2 && minimumSeasons >= 1, "a season has 2 positions or more")
    if case .fixed(let share) = pooling {
      precondition((0...1).contains(share), "the prior's share is a share")
    }
    var indices = [Double](repeating: 0, count: period)
    var pooledShare: Double?
    var pooledIndices: [Double]?
    if let own = Self.ownSeason(
      series, period: period, minimumSeasons: minimumSeasons,
      measuringNoise: pooling == .credibility && prior != nil)
    {
      indices = own.indices
      if pooling != .none, let prior, prior.relativeIndices.count == period {
        let shift = Self.alignment(of: prior.relativeIndices, scale: own.level, to: own.indices)
        let shape = (0..<period).map { slot in
          own.level
            * prior.relativeIndices[SeasonallyAdjustedETS.wrapped(slot - shift, period: period)]
        }
        let share = pooling.share(own: own, shape: shape)
        pooledShare = share
        let pooled = shape.map { share * $0 }
        for slot in 0..<period {
          indices[slot] = (1 - share) * own.indices[slot] + pooled[slot]
        }
        pooledIndices = pooled
      }
    }
    let adjusted = SeasonallyAdjustedETS.adjust(series, indices: indices)
    return SeasonallyAdjustedETS(
      period: period, indices: indices, pooledShare: pooledShare, inner: try inner.fit(adjusted),
      forecastStart: series.forecastStart, pooledIndices: pooledIndices)
  }

  /// The shift in slots (−2 … 2) that brings `scale` × `shape` closest to `own` in squared
  /// distance: the series' own timing of the SKU's peaks; 0 unless another is strictly closer.
  public static func alignment(of shape: [Double], scale: Double, to own: [Double]) -> Int {
    let period = own.count
    var best = 0
    var bestDistance = Double.infinity
    for shift in [0, -1, 1, -2, 2] where abs(shift) < period {
      var distance = 0.0
      for slot in 0..<period {
        let d =
          own[slot] - scale * shape[SeasonallyAdjustedETS.wrapped(slot - shift, period: period)]
        distance += d * d
      }
      if distance < bestDistance {
        bestDistance = distance
        best = shift
      }
    }
    return best
  }

  /// The series' own additive indices by absolute slot (position mod `period`) and its level
  /// (mean absolute value of its last `period` positions, censored ones interpolated); nil with
  /// fewer than `minimumSeasons` × `period` positions or none observed.
  /// - Parameter measuringNoise: also estimate the indices' noise variance (the remainder's
  ///   variance as `STLNoise` passes noise through a decomposition of this length;
  ///   interpolated positions count as observed, so a series with many censored weeks reads as
  ///   a little less noisy than it is). Only a fit by credibility reads it; without it the
  ///   variance is 0 and no length's noise factors are made.
  public static func ownSeason(
    _ series: DemandSeries, period: Int, minimumSeasons: Int, measuringNoise: Bool = false
  ) -> SeasonPrior.Contribution? {
    let n = series.count
    guard n >= minimumSeasons * period, let filled = interpolated(series) else { return nil }
    let stl = STLSettings(period: period)
    let parts = stl.decompose(filled)
    let seasonal = parts.seasonal
    var noiseVariance = 0.0
    if measuringNoise {
      var remainderSquares = 0.0
      for t in 0..<n {
        let remainder = filled[t] - seasonal[t] - parts.trend[t]
        remainderSquares += remainder * remainder
      }
      let noise = stl.noise(length: n)
      if noise.remainderDegrees > 0 {
        noiseVariance = remainderSquares / noise.remainderDegrees * noise.lastCycleIndexVariance
      }
    }
    var indices = [Double](repeating: 0, count: period)
    var level = 0.0
    for t in (n - period)..<n {
      indices[SeasonallyAdjustedETS.slot(series.start.adding(days: t), period: period)] =
        seasonal[t]
      level += abs(filled[t])
    }
    return SeasonPrior.Contribution(
      indices: indices, level: level / Double(period), indexNoiseVariance: noiseVariance)
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
  /// The SKU prior's share of the indices; nil: the series' own (sets saved before
  /// 2026-12-06 have none).
  public let pooledShare: Double?
  public private(set) var inner: FittedAutoETS
  /// The first position after the series the model was fitted (or applied) to.
  public let forecastStart: Day
  /// The SKU's part of `indices` per slot (the prior's share × the series' level × its shape,
  /// aligned), so that `indices − pooledIndices` is the series' own part; nil when the index is
  /// the series' own, and in sets saved before 2026-12-06.
  public private(set) var pooledIndices: [Double]? = nil

  /// `SeasonalETS(52)+ETS(A,N,N)`, or `PooledSeasonalETS(52)+…` when the indices hold a prior.
  public var name: String {
    (pooledShare == nil ? "" : "Pooled") + "SeasonalETS(\(period))+\(inner.name)"
  }
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
      period: period, indices: indices, pooledShare: pooledShare,
      inner: inner.applied(to: Self.adjust(series, indices: indices)),
      forecastStart: series.forecastStart, pooledIndices: pooledIndices)
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
    wrapped(Int(day.daysSinceEpoch), period: period)
  }

  /// `index` mod `period`, in 0 ..< period (also for negative indices).
  static func wrapped(_ index: Int, period: Int) -> Int {
    let r = index % period
    return r < 0 ? r + period : r
  }
}
