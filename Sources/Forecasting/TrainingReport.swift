/// What a training run did, for operators and benchmarks: counts, choices and time per method.
/// Times vary run to run, so the report is kept apart from the (deterministic) fitted set.
public struct TrainingReport: Sendable, Codable, Equatable {
  public struct MethodTime: Sendable, Codable, Equatable {
    public var kind: String
    /// Fits and re-fits run.
    public var fits: Int
    /// Thread time spent fitting and backtesting, summed over cores, in seconds.
    public var fitSeconds: Double
    /// Distinct series the method was fitted to.
    public var series: Int
  }
  public var stores = 0
  public var series = 0
  /// Series per `SeriesFit.Kind` raw value.
  public var seriesByKind: [String: Int] = [:]
  /// Series whose chosen candidates include each family (a median counts for each member).
  public var seriesChoosingFamily: [String: Int] = [:]
  public var methods: [MethodTime] = []
  /// The selection backtest's error sums: chosen forecasts overall, per store and segment, and
  /// per family.
  public var backtest = TrainingBacktest()
  /// Wall-clock seconds of the regression fits and of the per-series stage.
  public var regressionSeconds = 0.0
  public var seriesSeconds = 0.0
  public var totalSeconds = 0.0
  /// The backtest WAPE of the fitted set, Σ|y − mean| / Σy over the rolling-origin backtest days
  /// of every series that had a backtest (`nil` when none had, or in reports written before it
  /// was recorded): the baseline `shelfcast monitor` compares live accuracy with.
  public var backtestWAPE: Double?
  /// The backtest days behind `backtestWAPE`.
  public var backtestPoints: Int?
  /// Each category's incumbent and the pooled evidence for it (`nil` in reports written
  /// before it was chosen).
  public var incumbents: CategoryIncumbents?
  /// How often the backtest's covers stayed within the order-up-to levels their forecasts
  /// would have set (`CoverTail`); empty without cover ratios, and in reports written before
  /// it was measured.
  public var coverTails: [CoverTail]? = nil
  public init() {}
}
