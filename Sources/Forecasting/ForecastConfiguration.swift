import DemandCore

/// How the engine trains, selects and forecasts: every knob with its default and unit.
public struct ForecastConfiguration: Sendable, Equatable, Codable {
  /// Days forecast after the run date (1 ... 91).
  public var horizonDays: Int
  /// Rolling-origin backtest: how many origins, each followed by `horizonDays` scored days.
  public var backtestOrigins: Int
  /// Days of history a series needs before the first backtest origin; shorter series are
  /// backtested on fewer origins (at least one) or, below that, forecast without selection.
  public var minimumTrainingDays: Int
  /// Series with fewer days since their first sale are new items: their category's weekly
  /// profile scaled to their own early sales.
  public var newItemDays: Int
  /// Days of history read for training and forecasting (the most recent ones).
  public var historyWindowDays: Int
  /// How many of the best candidates the median ensemble combines.
  public var ensembleSize: Int
  /// Quantile levels written beside the mean (p10, p50, p90 by default).
  public var quantileLevels: [Double]
  /// Average units per day (over the training window) from which a series counts as a fast mover.
  public var fastMoverUnitsPerDay: Double
  /// How much lower (0.05 = 5 %) a per-series candidate's backtest RMSE must be than the
  /// category regression's for the series to leave the regression.
  public var challengerMargin: Double
  /// Whether the p50 is the mean forecast, the other quantiles keeping their offsets from the
  /// residuals' median (`HorizonSpread.centresOnMean`); `nil` (the default, daily) makes the p50
  /// the count median of the mean and the backtest variance (`SeriesFit.calibrated`). Set for
  /// weekly workspaces.
  public var medianAtMean: Bool? = nil
  /// The grain of the history the set is trained on (`nil`: daily, as every set trained before
  /// weekly grain existed). At weekly grain every "day" count above counts weeks: the engine
  /// reads one position per week (`PeriodHistorySource`).
  public var grain: Grain? = nil
  /// Periods of history that hold one whole season of the per-series seasonal methods (52 at
  /// weekly grain); `nil` (daily, and every set saved before it existed) when every method has
  /// its season within `minimumTrainingDays`. Each method is fitted once, on the history before
  /// a series' earliest backtest origin: a 52-week method fitted on 26 weeks has no season
  /// there, nor at the later origins it is re-filtered to, and the selection would judge it
  /// without the season it forecasts with. So a series that can keep this many periods before
  /// at least one origin is backtested only on the origins that do
  /// (`backtestOriginCount(seriesDays:)`).
  public var seasonalTrainingDays: Int? = nil

  public init(
    horizonDays: Int = 28, backtestOrigins: Int = 3, minimumTrainingDays: Int = 56,
    newItemDays: Int = 28, historyWindowDays: Int = 730, ensembleSize: Int = 3,
    quantileLevels: [Double] = [0.1, 0.5, 0.9], fastMoverUnitsPerDay: Double = 1,
    challengerMargin: Double = 0.05
  ) {
    self.challengerMargin = challengerMargin
    self.horizonDays = horizonDays
    self.backtestOrigins = backtestOrigins
    self.minimumTrainingDays = minimumTrainingDays
    self.newItemDays = newItemDays
    self.historyWindowDays = historyWindowDays
    self.ensembleSize = ensembleSize
    self.quantileLevels = quantileLevels
    self.fastMoverUnitsPerDay = fastMoverUnitsPerDay
  }

  /// How many of the `backtestOrigins` a series of `seriesDays` days is backtested on: the
  /// origins k horizons before its end (k = 1 … `backtestOrigins`) that leave at least
  /// `seasonalTrainingDays` before them when one does, else those that leave at least
  /// `minimumTrainingDays`; 0 when none does. The chain's backtest regressions end before the
  /// earliest origin of a series as long as the chain's history, so that a chain of a few
  /// months still has one.
  public func backtestOriginCount(seriesDays: Int) -> Int {
    func origins(keeping trainingDays: Int) -> Int {
      (1...backtestOrigins).filter { seriesDays - $0 * horizonDays >= trainingDays }.count
    }
    if let seasonal = seasonalTrainingDays, seasonal > minimumTrainingDays {
      let withSeason = origins(keeping: seasonal)
      if withSeason > 0 { return withSeason }
    }
    return origins(keeping: minimumTrainingDays)
  }

  /// The largest horizon the engine accepts, in days.
  public static let maximumHorizonDays = 91

  /// The longest history, minimum training and new-item window, in days (a century): day
  /// arithmetic beyond it overflows, and no chain keeps that much.
  public static let maximumHistoryDays = 36_500

  /// Checks every value; the message says which setting is wrong and what it accepts.
  public func validate() throws(ForecastError) {
    func bad(_ name: String, _ value: String, _ expected: String) -> ForecastError {
      .invalidConfiguration(setting: name, value: value, expected: expected)
    }
    guard (1...Self.maximumHorizonDays).contains(horizonDays) else {
      throw bad("horizon_days", "\(horizonDays)", "1 ... \(Self.maximumHorizonDays)")
    }
    guard (1...8).contains(backtestOrigins) else {
      throw bad("backtest_origins", "\(backtestOrigins)", "1 ... 8")
    }
    let most = Self.maximumHistoryDays
    guard (14...most).contains(minimumTrainingDays) else {
      throw bad("minimum_training_days", "\(minimumTrainingDays)", "14 ... \(most)")
    }
    guard (1...most).contains(newItemDays) else {
      throw bad("new_item_days", "\(newItemDays)", "1 ... \(most)")
    }
    // Named as the nightly configuration (`training.history_days`) and the commands
    // (`--history-days`) name it.
    let fewest = minimumTrainingDays + horizonDays
    guard (fewest...most).contains(historyWindowDays) else {
      throw bad(
        "history_days", "\(historyWindowDays)",
        "\(fewest) ... \(most) (at least \(minimumTrainingDays) training days and the "
          + "\(horizonDays)-day horizon)")
    }
    guard challengerMargin >= 0 && challengerMargin < 1 else {
      throw bad("challenger_margin", "\(challengerMargin)", "0 ≤ margin < 1")
    }
    guard ensembleSize >= 1 else { throw bad("ensemble_size", "\(ensembleSize)", "at least 1") }
    for level in quantileLevels where !(level > 0 && level < 1) {
      throw bad("quantile_levels", "\(level)", "levels strictly between 0 and 1")
    }
  }

  /// `quantileLevels` plus 0.1, 0.5 and 0.9 (always written), sorted and without duplicates.
  public var outputLevels: [Double] {
    var levels = quantileLevels
    for required in [0.1, 0.5, 0.9] where !levels.contains(where: { abs($0 - required) < 1e-9 }) {
      levels.append(required)
    }
    return levels.sorted()
  }
}
