import Forecasting
import Models

/// The model families ShelfCast trains, in one place.
public enum StandardModels {
  /// The per-series methods, each with its stable storage tag.
  public static let catalog = MethodCatalog([])

  public static func trainer(configuration: ForecastConfiguration) -> Trainer {
    Trainer(catalog: catalog, configuration: configuration, regressionTrainer: nil)
  }

  /// The category regressions saved in a fitted set.
  public static func regressions(of set: FittedSet) -> [String: any CategoryRegression] { [:] }
}
