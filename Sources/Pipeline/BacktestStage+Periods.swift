import DemandCore
import Forecasting
import Logging

extension BacktestStage {
  /// The backtest of a weekly workspace: `holdoutPeriods` weeks held out per window, origins
  /// `stepPeriods` weeks apart, the weekly model catalog and regression
  /// (`StandardModels.trainer(configuration:grain:)`), on the history read one position per week
  /// (`PeriodHistorySource`). The files are the daily backtest's, with every date a week-ending
  /// date and every "day" count a count of weeks.
  static func runPeriods(
    workspace: Workspace, source: HistoryStoreSource, grain: Grain, holdoutPeriods: Int,
    windows: Int, stepPeriods: Int?, truthPath: String?, outDirectory: String?,
    configuration: ForecastConfiguration, logger: Logger,
    progress: (@Sendable (Int, Int, String) -> Void)?
  ) throws -> Outcome {
    guard truthPath == nil else {
      throw PipelineError.invalidArgument(
        "--truth is for generated daily chains; this workspace is \(grain).")
    }
    let lastDate = try checkedDay(nil, source: source, option: "--holdout-days")
    let periods = PeriodHistorySource(base: source, grain: grain)
    let lastPeriod = periods.position(of: lastDate)
    let configuration = ForecastConfiguration.weekly(
      from: configuration, horizon: holdoutPeriods, grain: grain)
    let backtester = Backtester(
      trainer: StandardModels.trainer(configuration: configuration, grain: grain))
    let holdout = try BacktestHoldoutFile(
      path: directory(workspace, outDirectory) + "/holdout.csv", withTruth: false,
      dateOf: { periods.date(of: $0) })
    var result = try backtester.run(
      source: periods, lastDay: lastPeriod, holdoutDays: holdoutPeriods, windows: windows,
      stepDays: stepPeriods ?? holdoutPeriods, holdoutSink: holdout.append,
      cancellation: StopRequest.cancellation,
      progress: { done, total in progress?(done, total, "stores") })
    // Back from week numbers to week-ending dates.
    result.lastTrainingDay = periods.date(of: result.lastTrainingDay)
    for index in result.windows.indices {
      result.windows[index].origin = periods.date(of: result.windows[index].origin)
    }
    logger.notice(
      "weekly backtest", metadata: ["grain": "\(grain)", "holdout_weeks": "\(holdoutPeriods)"])
    var outcome = try write(
      result, holdout: holdout, workspace: workspace, outDirectory: outDirectory,
      withTruth: false, hasTruthQuantiles: false, logger: logger)
    outcome.grain = grain
    return outcome
  }
}

extension ForecastConfiguration {
  /// `configuration` with its day counts read as weeks: horizon `horizon` weeks, series need
  /// 26 weeks before the first inner backtest origin, and those that can keep a year (52
  /// weeks, the seasonal methods' season) before one are backtested only on origins that do
  /// (`seasonalTrainingDays`), new items are those younger than 13 weeks,
  /// the p50 is the mean forecast (`medianAtMean`; the rest is kept: origins, ensemble,
  /// quantile levels, history window, margins), and `grain` recorded.
  public static func weekly(
    from configuration: ForecastConfiguration, horizon: Int, grain: Grain
  )
    -> ForecastConfiguration
  {
    var weekly = configuration
    weekly.grain = grain
    weekly.horizonDays = horizon
    weekly.minimumTrainingDays = 26
    weekly.seasonalTrainingDays = StandardModels.weeksPerSeason
    weekly.newItemDays = 13
    weekly.medianAtMean = true
    return weekly
  }
}
