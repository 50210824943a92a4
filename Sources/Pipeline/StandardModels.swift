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

  public static func trainer(configuration: ForecastConfiguration) -> Trainer {
    Trainer(catalog: catalog, configuration: configuration, ridgeSettings: RidgeSettings())
  }
}
