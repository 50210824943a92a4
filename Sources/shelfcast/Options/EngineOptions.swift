import ArgumentParser
import Forecasting

/// The forecasting engine's settings that commands expose (the rest keep their defaults).
struct EngineOptions: ParsableArguments {
  @Option(help: "Forecast horizon the models are trained and calibrated for, in days (1 … 91).")
  var horizon = 28

  @Option(help: "Rolling backtest origins per series.")
  var backtestOrigins = 3

  @Option(help: "Days of history read for training, the most recent ones.")
  var historyDays = 730

  @Option(
    help:
      "How much lower (0.05 = 5 %) another model's backtest error must be to replace the regression."
  )
  var challengerMargin = 0.05

  func configuration() throws -> ForecastConfiguration {
    let configuration = ForecastConfiguration(
      horizonDays: horizon, backtestOrigins: backtestOrigins, historyWindowDays: historyDays,
      challengerMargin: challengerMargin)
    do { try configuration.validate() } catch { throw ValidationError("\(error)") }
    return configuration
  }
}
