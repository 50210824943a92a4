import Forecasting

/// The `training:` section of the nightly configuration: the forecasting engine's settings a
/// retraining uses (the rest keep `ForecastConfiguration`'s defaults).
public struct TrainingSettings: Sendable, Equatable, Codable {
  /// Days forecast each night and the horizon models are calibrated for (1 … 91). Default 28.
  public var horizonDays: Int
  /// Rolling backtest origins per series. Default 3.
  public var backtestOrigins: Int
  /// Most recent days of history read for training. Default 730 (two years, for the yearly
  /// terms).
  public var historyDays: Int
  /// How much lower (relative) another family's backtest error must be to replace the
  /// regression for a series. Default 0.05.
  public var challengerMargin: Double

  public init(
    horizonDays: Int = 28, backtestOrigins: Int = 3, historyDays: Int = 730,
    challengerMargin: Double = 0.05
  ) {
    self.horizonDays = horizonDays
    self.backtestOrigins = backtestOrigins
    self.historyDays = historyDays
    self.challengerMargin = challengerMargin
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case horizonDays = "horizon_days"
    case backtestOrigins = "backtest_origins"
    case historyDays = "history_days"
    case challengerMargin = "challenger_margin"
  }

  /// Missing keys keep their defaults.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = TrainingSettings()
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try container.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    horizonDays = try value(.horizonDays, defaults.horizonDays)
    backtestOrigins = try value(.backtestOrigins, defaults.backtestOrigins)
    historyDays = try value(.historyDays, defaults.historyDays)
    challengerMargin = try value(.challengerMargin, defaults.challengerMargin)
  }

  /// The engine configuration these settings make.
  /// - Throws: `ForecastError.invalidConfiguration` for a value out of range.
  public func forecastConfiguration() throws -> ForecastConfiguration {
    let configuration = ForecastConfiguration(
      horizonDays: horizonDays, backtestOrigins: backtestOrigins,
      historyWindowDays: historyDays, challengerMargin: challengerMargin)
    try configuration.validate()
    return configuration
  }
}
