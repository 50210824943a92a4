import DemandCore
import Forecasting
import Models

/// The model families ShelfCast trains, in one place.
public enum StandardModels {
  /// The per-series methods, each with its stable storage tag (renaming a tag breaks saved sets).
  public static let catalog = MethodCatalog([
    .init(kind: "seasonal_naive", SeasonalNaiveSettings(period: 7)),
    .init(kind: "moving_average", MovingAverageSettings(windowDays: 28)),
    .init(
      kind: "ets",
      AutoETSSettings(
        candidates: AutoETSSettings.retailCandidates.map {
          var settings = $0
          settings.estimatesInitialStates = true
          return settings
        })),
    .init(kind: "croston_sba", CrostonSBASettings()),
    .init(kind: "tsb", TSBSettings()),
  ])

  /// Weeks in the weekly methods' season (a year): their period, and the history a weekly
  /// series keeps before its backtest origins when it can
  /// (`ForecastConfiguration.seasonalTrainingDays`, set by `ForecastConfiguration.weekly`).
  public static let weeksPerSeason = 52

  /// The per-series methods at weekly grain: the seasonal naive repeats the same week a year
  /// (52 weeks) earlier; the moving average spans 13 weeks; exponential smoothing runs on the
  /// seasonally adjusted series (`SeasonallyAdjustedETSSettings`: STL's 52-week seasonal, from
  /// one whole year on, and the selection's origins keep that year before them when a series
  /// has it, so that the inner backtest judges the season too), since a
  /// 52-week seasonal ETS needs 52 initial states from two or three years of weeks
  /// (statsforecast's AutoETS drops seasons longer than 24 too), once with the series' own
  /// season and once with a share of it from the SKU's season over every store (`SeasonPrior`),
  /// the share set per series by how noisy its own season is (`SeasonPooling.credibility`); its
  /// candidates have no multiplicative error, since weekly values in
  /// money can be negative (net returns).
  public static let weeklyCatalog = MethodCatalog(
    [
      .init(kind: "seasonal_naive", SeasonalNaiveSettings(period: weeksPerSeason)),
      .init(kind: "moving_average", MovingAverageSettings(windowDays: 13)),
      .init(kind: "seasonal_ets", weeklyETS(pooling: .none)),
      .init(kind: "seasonal_ets_pooled", weeklyETS(pooling: .credibility)),
      .init(kind: "croston_sba", CrostonSBASettings()),
      .init(kind: "tsb", TSBSettings()),
    ], daysPerPeriod: 7)

  /// ETS (A,N,N) or (A,Ad,N), AICc-chosen, on the series minus its 52-week season.
  static func weeklyETS(pooling: SeasonPooling) -> SeasonallyAdjustedETSSettings {
    SeasonallyAdjustedETSSettings(
      period: weeksPerSeason, minimumSeasons: 1, pooling: pooling,
      inner: AutoETSSettings(
        candidates: [
          ETSSettings(error: .additive, trend: .none, season: .none),
          ETSSettings(error: .additive, trend: .additiveDamped, season: .none),
        ].map {
          var settings = $0
          settings.estimatesInitialStates = true
          return settings
        }))
  }

  /// The catalog fitted sets of a `grain` workspace are trained with and decoded through.
  public static func catalog(for grain: Grain) -> MethodCatalog {
    grain == .daily ? catalog : weeklyCatalog
  }

  public static func trainer(configuration: ForecastConfiguration) -> Trainer {
    Trainer(catalog: catalog, configuration: configuration, ridgeSettings: RidgeSettings())
  }

  /// The trainer for a workspace of `grain`: the daily one, or the weekly catalog and ridge.
  public static func trainer(configuration: ForecastConfiguration, grain: Grain) -> Trainer {
    switch grain {
    case .daily:
      return trainer(configuration: configuration)
    case .weekly(let weekday):
      return Trainer(
        catalog: weeklyCatalog, configuration: configuration,
        ridgeSettings: .weekly(endingOn: weekday))
    }
  }
}
