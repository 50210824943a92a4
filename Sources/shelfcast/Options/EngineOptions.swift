import ArgumentParser
import DemandCore
import Forecasting
import Pipeline

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

  /// The configuration for a workspace of `grain`: at weekly grain the day counts read as weeks
  /// (`ForecastConfiguration.weekly`), with `horizonWeeks` (default 13) as the horizon.
  /// - Throws: exit 64 for `horizonWeeks` on a daily workspace.
  func configuration(grain: Grain, horizonWeeks: Int?) throws -> ForecastConfiguration {
    let configuration = try configuration()
    guard grain != .daily else {
      guard horizonWeeks == nil else {
        throw UsageFailure.exit(
          "--horizon-weeks is for weekly workspaces; this workspace is daily: give --horizon.")
      }
      return configuration
    }
    return .weekly(from: configuration, horizon: horizonWeeks ?? 13, grain: grain)
  }
}
