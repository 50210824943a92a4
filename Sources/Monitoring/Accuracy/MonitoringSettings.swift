/// How `shelfcast monitor` judges accuracy: the window, the tolerances and limits of its alerts.
/// Every default is in docs/configuration.md; `--config FILE` reads them from YAML (snake_case keys, each
/// optional).
public struct MonitoringSettings: Sendable, Equatable, Codable {
  /// Days of actuals scored, ending on the run date (28: four whole weeks, so every weekday
  /// counts equally).
  public var windowDays: Int
  /// Relative worsening of the chain's WAPE over the backtest WAPE of the fitted set in service
  /// that raises `accuracy_degraded`: a warning beyond +10 %, critical beyond +20 %
  /// (`AlertRules.accuracy`). 10 % is well outside the sampling noise of a chain-wide WAPE
  /// over four weeks, yet small enough to catch a model going stale within a month.
  public var accuracyTolerance: Double
  /// Chain bias (percent) beyond which `bias` is raised: a warning beyond ±10 %, critical
  /// beyond ±20 % (`AlertRules.bias`). A 10 % bias is about the safety stock of a B item over
  /// a week's cover, so past it the replenishment is visibly off.
  public var biasLimitPercent: Double
  /// Relative gap between a region's or store format's WAPE and the chain's that flags it
  /// (`subgroup_gap`): a warning beyond +25 %, critical beyond +50 %. The alert rule's own
  /// default (50 %) is for any segment; regions and formats average many stores, so a quarter
  /// worse is already a systematic gap.
  public var subgroupMargin: Double
  /// Scored rows a region or format needs to be judged by the subgroup check (500: about 18
  /// series over 28 days at one horizon); smaller segments get an empty `flagged` cell.
  public var subgroupMinimumPoints: Int
  /// Days of history before the window the MASE scale is computed on (364: a year of whole
  /// weeks, so every weekday and season weighs in).
  public var scaleHistoryDays: Int
  /// Forecast horizons (days ahead) written to `forecast_vs_actual.csv`; empty: all. Every
  /// horizon is scored either way. The default (1, 7, 14, 28: next day, a week, a fortnight, the
  /// whole horizon) keeps the file near 11 M rows at 100,000 series instead of 78 M.
  public var detailHorizons: [Int]

  public init(
    windowDays: Int = 28, accuracyTolerance: Double = 0.10, biasLimitPercent: Double = 10,
    subgroupMargin: Double = 0.25, subgroupMinimumPoints: Int = 500, scaleHistoryDays: Int = 364,
    detailHorizons: [Int] = [1, 7, 14, 28]
  ) {
    self.detailHorizons = detailHorizons
    self.windowDays = windowDays
    self.accuracyTolerance = accuracyTolerance
    self.biasLimitPercent = biasLimitPercent
    self.subgroupMargin = subgroupMargin
    self.subgroupMinimumPoints = subgroupMinimumPoints
    self.scaleHistoryDays = scaleHistoryDays
  }

  /// Missing keys take their defaults, so a file need only name what it changes.
  public init(from decoder: any Decoder) throws {
    let defaults = MonitoringSettings()
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try container.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    windowDays = try value(.windowDays, defaults.windowDays)
    accuracyTolerance = try value(.accuracyTolerance, defaults.accuracyTolerance)
    biasLimitPercent = try value(.biasLimitPercent, defaults.biasLimitPercent)
    subgroupMargin = try value(.subgroupMargin, defaults.subgroupMargin)
    subgroupMinimumPoints = try value(.subgroupMinimumPoints, defaults.subgroupMinimumPoints)
    scaleHistoryDays = try value(.scaleHistoryDays, defaults.scaleHistoryDays)
    detailHorizons = try value(.detailHorizons, defaults.detailHorizons)
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case windowDays = "window_days"
    case accuracyTolerance = "accuracy_tolerance"
    case biasLimitPercent = "bias_limit_pct"
    case subgroupMargin = "subgroup_margin"
    case subgroupMinimumPoints = "subgroup_minimum_points"
    case scaleHistoryDays = "scale_history_days"
    case detailHorizons = "detail_horizons"
  }

  /// The subgroup check these settings describe.
  public var subgroupCheck: SubgroupCheck {
    SubgroupCheck(margin: subgroupMargin, minimumPoints: subgroupMinimumPoints)
  }

  /// Checks every value; the error names the setting as the YAML file spells it.
  public func validate() throws(MonitoringSettingsError) {
    func bad(_ key: CodingKeys, _ value: Any, _ expected: String) -> MonitoringSettingsError {
      .outOfRange(setting: key.rawValue, value: "\(value)", expected: expected)
    }
    guard (7...366).contains(windowDays) else { throw bad(.windowDays, windowDays, "7 … 366 days") }
    guard accuracyTolerance >= 0 && accuracyTolerance <= 10 else {
      throw bad(.accuracyTolerance, accuracyTolerance, "a ratio 0 … 10, e.g. 0.1 for 10 %")
    }
    guard biasLimitPercent > 0 && biasLimitPercent <= 1000 else {
      throw bad(.biasLimitPercent, biasLimitPercent, "percent above 0, e.g. 10")
    }
    guard subgroupMargin >= 0 && subgroupMargin <= 10 else {
      throw bad(.subgroupMargin, subgroupMargin, "a ratio 0 … 10, e.g. 0.25 for 25 %")
    }
    guard subgroupMinimumPoints >= 1 else {
      throw bad(.subgroupMinimumPoints, subgroupMinimumPoints, "at least 1 row")
    }
    guard (14...3660).contains(scaleHistoryDays) else {
      throw bad(.scaleHistoryDays, scaleHistoryDays, "14 … 3660 days")
    }
    if let wrong = detailHorizons.first(where: { !(1...366).contains($0) }) {
      throw bad(.detailHorizons, wrong, "horizons of 1 … 366 days, e.g. [1, 7, 14, 28]")
    }
  }
}

/// A monitoring setting out of range, named as the configuration file spells it.
public enum MonitoringSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  case outOfRange(setting: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .outOfRange(let setting, let value, let expected):
      return "\(setting) is \(value); expected \(expected)."
    }
  }
}
