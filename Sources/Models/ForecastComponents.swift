/// What a part of a per-series model's mean forecast stands for: the closed set of parts the
/// fitted models split into, with a stable code for files.
public enum ForecastComponentKind: String, Sendable, CaseIterable {
  /// An ETS model's level ℓ at the end of the history (units per period).
  case level
  /// An ETS model's trend at step h: `(φ + … + φʰ) · b` (units per period).
  case trend
  /// An ETS model's seasonal state for the step: `s` with an additive season,
  /// `(ℓ + φₕb)(s − 1)` with a multiplicative one (units per period).
  case season
  /// A seasonally adjusted model's index for the step's slot (week of the year at weekly
  /// grain), from the series' own seasonal decomposition.
  case seasonalIndex = "seasonal_index"
  /// The series' own share of a pooled index: (1 − the prior's share) × its own index.
  case seasonalIndexOwn = "seasonal_index_own"
  /// The SKU's share of a pooled index: the prior's share × the series' level × the SKU's shape over
  /// every store that sells it, moved to the series' own timing.
  case seasonalIndexSKU = "seasonal_index_sku"
  /// A seasonal naive model's value: the last uncensored value of the same slot a season ago.
  case lastSeasonValue = "last_season_value"
  /// A moving average's mean of the last uncensored days.
  case recentMean = "recent_mean"
  /// An intermittent model's expected units per period (Croston–SBA, TSB): smoothed size ×
  /// smoothed demand probability.
  case intermittentRate = "intermittent_rate"
  /// Units that bring a seasonally adjusted model's inner forecast back to 0 where it fell
  /// below (the inner forecast is clipped before the index is added).
  case adjustedFloor = "adjusted_floor"
  /// The category regression's baseline, `s · x̄ᵀβ` (see the regression decomposition).
  case regressionBaseline = "regression_baseline"
  /// The sum of the category regression's feature contributions, `s · Σ βⱼ(xⱼ − x̄ⱼ)`.
  case regressionFeatures = "regression_features"
  /// The whole mean of a model that does not split it.
  case modelMean = "model_mean"
}

/// One part of a model's mean forecast, per step after the history (units per period).
public struct ForecastComponent: Sendable, Equatable {
  public var kind: ForecastComponentKind
  public var values: [Double]

  public init(kind: ForecastComponentKind, values: [Double]) {
    self.kind = kind
    self.values = values
  }
}

/// A fitted model whose mean forecast splits into named parts.
public protocol ComponentForecasting: FittedModel {
  /// The parts of the `horizon` steps after the history. At every step their sum is the mean
  /// forecast before the clip at 0 (`predict(horizon:levels:).mean` is `max(0, sum)`).
  func components(horizon: Int) -> [ForecastComponent]
}

extension FittedModel {
  /// The parts of the mean forecast: the model's own split when it has one, otherwise the
  /// whole mean as one `.modelMean` part.
  public func forecastComponents(horizon: Int) -> [ForecastComponent] {
    if let split = self as? any ComponentForecasting {
      return split.components(horizon: horizon)
    }
    return [
      ForecastComponent(kind: .modelMean, values: predict(horizon: horizon, levels: []).mean)
    ]
  }
}

extension FittedETS: ComponentForecasting {
  /// Level, then the trend when the model has one, then the season when it has one; their sum is
  /// `(ℓ + φₕb) ∘ sₕ`.
  public func components(horizon: Int) -> [ForecastComponent] {
    let adjusted = adjustedForecast(horizon: horizon)
    var parts = [
      ForecastComponent(
        kind: .level, values: [Double](repeating: finalState.level, count: horizon))
    ]
    if settings.trend != .none {
      parts.append(
        ForecastComponent(kind: .trend, values: adjusted.map { $0 - finalState.level }))
    }
    switch settings.season {
    case .none:
      break
    case .additive:
      parts.append(
        ForecastComponent(kind: .season, values: (0..<horizon).map { seasonalState($0) }))
    case .multiplicative:
      parts.append(
        ForecastComponent(
          kind: .season,
          values: (0..<horizon).map { adjusted[$0] * (seasonalState($0) - 1) }))
    }
    return parts
  }
}

extension FittedAutoETS: ComponentForecasting {
  /// The chosen model's parts.
  public func components(horizon: Int) -> [ForecastComponent] {
    chosen.components(horizon: horizon)
  }
}

extension SeasonallyAdjustedETS: ComponentForecasting {
  /// The inner ETS's parts, then the slot's index: one `.seasonalIndex`, or with a pooled index
  /// the series' own share and the SKU's share apart (sets saved before the shares were kept
  /// show the pooled index whole).
  public func components(horizon: Int) -> [ForecastComponent] {
    let slots = (0..<horizon).map { Self.slot(forecastStart.adding(days: $0), period: period) }
    var parts = inner.components(horizon: horizon)
    let innerSum = (0..<horizon).map { step in parts.reduce(0) { $0 + $1.values[step] } }
    if innerSum.contains(where: { $0 < 0 }) {
      parts.append(ForecastComponent(kind: .adjustedFloor, values: innerSum.map { max(0, -$0) }))
    }
    guard let pooled = pooledIndices, pooled.count == period else {
      parts.append(ForecastComponent(kind: .seasonalIndex, values: slots.map { indices[$0] }))
      return parts
    }
    parts.append(
      ForecastComponent(kind: .seasonalIndexOwn, values: slots.map { indices[$0] - pooled[$0] }))
    parts.append(ForecastComponent(kind: .seasonalIndexSKU, values: slots.map { pooled[$0] }))
    return parts
  }
}

extension SeasonalNaiveModel: ComponentForecasting {
  public func components(horizon: Int) -> [ForecastComponent] {
    [ForecastComponent(kind: .lastSeasonValue, values: predict(horizon: horizon, levels: []).mean)]
  }
}

extension MovingAverageModel: ComponentForecasting {
  public func components(horizon: Int) -> [ForecastComponent] {
    [ForecastComponent(kind: .recentMean, values: [Double](repeating: meanPerDay, count: horizon))]
  }
}

extension CrostonSBAModel: ComponentForecasting {
  public func components(horizon: Int) -> [ForecastComponent] {
    [
      ForecastComponent(
        kind: .intermittentRate, values: [Double](repeating: meanPerDay, count: horizon))
    ]
  }
}

extension TSBModel: ComponentForecasting {
  public func components(horizon: Int) -> [ForecastComponent] {
    [
      ForecastComponent(
        kind: .intermittentRate, values: [Double](repeating: meanPerDay, count: horizon))
    ]
  }
}
