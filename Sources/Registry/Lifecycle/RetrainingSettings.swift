import DemandCore

/// When the nightly job retrains and when a retrained candidate replaces the champion: the
/// `retraining:` section of the nightly configuration (snake_case keys).
public struct RetrainingSettings: Sendable, Equatable, Codable {
  /// The weekday (`monday` … `sunday`) of the run dates on which the scheduled retraining runs;
  /// `nil` turns the schedule off. Default `sunday`: a week's sales are in, and Monday's orders
  /// use the new model.
  public var weekday: Weekday?
  /// H, in days: at most this many days at the end of the history are held out to judge
  /// candidate and champion on the same days (see `HoldoutPlan`: the holdout starts after
  /// max(D − H, the champion's window end)). Default 14: two full weeks, so each weekday counts
  /// twice, while the candidate still sees all but the last two weeks.
  public var holdoutDays: Int
  /// H for a retraining triggered by drift, in days. Default 7: a drift alert fires days after
  /// the change began; with 14 days held out the candidate would be trained before the change
  /// and could not win. 7 keeps one full week of each weekday to judge on.
  public var driftHoldoutDays: Int
  /// The fewest held-out days a comparison may use, in days. When the champion was trained so
  /// recently that fewer days after its window remain, the retraining is deferred (nothing
  /// trained, the champion stays). Default 7: one of each weekday, so a weekly pattern cannot
  /// decide the comparison on its own.
  public var minimumHoldoutDays: Int
  /// s, in days: the distance between the comparison's forecast origins inside the holdout
  /// (c, c + s, …); each origin's forecasts score the days up to the next one. Default 7: the
  /// horizons scored (1 … 7) are the ones orders use, and two weekly origins cost two chain
  /// forecasts per model; a value ≥ `holdout_days` gives one origin (horizons 1 … H).
  public var originStepDays: Int
  /// Nights after an automatic promotion during which the replaced champion keeps forecasting
  /// in shadow (`ShadowLog`), so the monitor can score both on the same days and roll back a
  /// promotion that does worse in service. Default 14: two weeks, each weekday twice, enough
  /// points at chain scale for a 2 % difference; 0 turns shadowing off.
  public var shadowNights: Int
  /// How much lower (relative, 0.02 = 2 %) the candidate's holdout WAPE must be than the
  /// champion's to replace it. Default 0.02: smaller gains are within the night-to-night noise of
  /// a chain's WAPE and not worth a change of model.
  public var minimumImprovement: Double
  /// A champion trained on data older than this many days (its last training day before the run
  /// date) is replaced by any candidate that is not worse by more than `maximumDegradation`.
  /// Default 35: five missed weekly retrainings.
  public var maximumChampionAgeDays: Int
  /// How much worse (relative) a candidate may be and still replace a stale champion.
  /// Default 0.05.
  public var maximumDegradation: Double
  /// Retrain the night after monitoring raised a drift alert of at least this severity:
  /// `critical` (the chain's demand level or accuracy drifted; default), `warning` (any
  /// segment) or `off`.
  public var onDrift: DriftTriggerLevel
  /// Retrain the night after monitoring raised an accuracy-degraded alert. Default true.
  public var onAccuracyDegradation: Bool
  /// Retrain when at least this share of the series in the history are unknown to the
  /// champion (new stores or SKUs with enough history to fit). Default 0.05; 0 turns it off.
  public var newSeriesShare: Double
  /// No triggered (drift, accuracy, new data) retraining within this many days after the last
  /// retraining of any kind: its candidate already saw the change. Default 3.
  public var cooldownDays: Int

  public init(
    weekday: Weekday? = .sunday, holdoutDays: Int = 14, driftHoldoutDays: Int = 7,
    minimumHoldoutDays: Int = 7, originStepDays: Int = 7, shadowNights: Int = 14,
    minimumImprovement: Double = 0.02,
    maximumChampionAgeDays: Int = 35, maximumDegradation: Double = 0.05,
    onDrift: DriftTriggerLevel = .critical, onAccuracyDegradation: Bool = true,
    newSeriesShare: Double = 0.05, cooldownDays: Int = 3
  ) {
    self.weekday = weekday
    self.holdoutDays = holdoutDays
    self.driftHoldoutDays = driftHoldoutDays
    self.minimumHoldoutDays = minimumHoldoutDays
    self.originStepDays = originStepDays
    self.shadowNights = shadowNights
    self.minimumImprovement = minimumImprovement
    self.maximumChampionAgeDays = maximumChampionAgeDays
    self.maximumDegradation = maximumDegradation
    self.onDrift = onDrift
    self.onAccuracyDegradation = onAccuracyDegradation
    self.newSeriesShare = newSeriesShare
    self.cooldownDays = cooldownDays
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case weekday
    case holdoutDays = "holdout_days"
    case driftHoldoutDays = "drift_holdout_days"
    case minimumHoldoutDays = "min_holdout_days"
    case originStepDays = "origin_step_days"
    case shadowNights = "shadow_nights"
    case minimumImprovement = "minimum_improvement"
    case maximumChampionAgeDays = "maximum_champion_age_days"
    case maximumDegradation = "maximum_degradation"
    case onDrift = "on_drift"
    case onAccuracyDegradation = "on_accuracy_degradation"
    case newSeriesShare = "new_series_share"
    case cooldownDays = "cooldown_days"
  }

  /// Missing keys keep their defaults.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = RetrainingSettings()
    weekday =
      container.contains(.weekday)
      ? try container.decodeIfPresent(Weekday.self, forKey: .weekday) : defaults.weekday
    holdoutDays =
      try container.decodeIfPresent(Int.self, forKey: .holdoutDays) ?? defaults.holdoutDays
    driftHoldoutDays =
      try container.decodeIfPresent(Int.self, forKey: .driftHoldoutDays)
      ?? defaults.driftHoldoutDays
    minimumHoldoutDays =
      try container.decodeIfPresent(Int.self, forKey: .minimumHoldoutDays)
      ?? defaults.minimumHoldoutDays
    originStepDays =
      try container.decodeIfPresent(Int.self, forKey: .originStepDays)
      ?? defaults.originStepDays
    shadowNights =
      try container.decodeIfPresent(Int.self, forKey: .shadowNights) ?? defaults.shadowNights
    minimumImprovement =
      try container.decodeIfPresent(Double.self, forKey: .minimumImprovement)
      ?? defaults.minimumImprovement
    maximumChampionAgeDays =
      try container.decodeIfPresent(Int.self, forKey: .maximumChampionAgeDays)
      ?? defaults.maximumChampionAgeDays
    maximumDegradation =
      try container.decodeIfPresent(Double.self, forKey: .maximumDegradation)
      ?? defaults.maximumDegradation
    onDrift =
      try container.decodeIfPresent(DriftTriggerLevel.self, forKey: .onDrift) ?? defaults.onDrift
    onAccuracyDegradation =
      try container.decodeIfPresent(Bool.self, forKey: .onAccuracyDegradation)
      ?? defaults.onAccuracyDegradation
    newSeriesShare =
      try container.decodeIfPresent(Double.self, forKey: .newSeriesShare)
      ?? defaults.newSeriesShare
    cooldownDays =
      try container.decodeIfPresent(Int.self, forKey: .cooldownDays) ?? defaults.cooldownDays
  }

  /// H for a retraining that `trigger` fired, in days: `driftHoldoutDays` for drift,
  /// `holdoutDays` otherwise.
  public func holdoutDays(for trigger: RetrainTrigger) -> Int {
    trigger == .drift ? driftHoldoutDays : holdoutDays
  }

  /// The scheduled weekday's ISO index (Monday = 0), or `nil` without a schedule.
  public var weekdayIndex: Int? { weekday?.index }

  /// - Throws: `RetrainingSettingsError` naming the first setting out of range.
  public func validate() throws(RetrainingSettingsError) {
    guard (1...91).contains(holdoutDays) else {
      throw .invalid(
        setting: "holdout_days", value: "\(holdoutDays)",
        expected: "1 … 91 days, at most the forecast horizon")
    }
    guard (1...91).contains(driftHoldoutDays) else {
      throw .invalid(
        setting: "drift_holdout_days", value: "\(driftHoldoutDays)",
        expected: "1 … 91 days, at most the forecast horizon")
    }
    guard minimumHoldoutDays >= 1, minimumHoldoutDays <= min(holdoutDays, driftHoldoutDays)
    else {
      throw .invalid(
        setting: "min_holdout_days", value: "\(minimumHoldoutDays)",
        expected: "1 … \(min(holdoutDays, driftHoldoutDays)) days (at most holdout_days and "
          + "drift_holdout_days)")
    }
    guard originStepDays >= 1 else {
      throw .invalid(
        setting: "origin_step_days", value: "\(originStepDays)", expected: "at least 1 day")
    }
    guard (0...365).contains(shadowNights) else {
      throw .invalid(
        setting: "shadow_nights", value: "\(shadowNights)", expected: "0 … 365 nights (0: off)")
    }
    guard minimumImprovement.isFinite, (0..<1).contains(minimumImprovement) else {
      throw .invalid(
        setting: "minimum_improvement", value: "\(minimumImprovement)",
        expected: "a share from 0 up to 1, e.g. 0.02 for 2 %")
    }
    guard maximumChampionAgeDays >= 1 else {
      throw .invalid(
        setting: "maximum_champion_age_days", value: "\(maximumChampionAgeDays)",
        expected: "at least 1 day")
    }
    guard maximumDegradation.isFinite, maximumDegradation >= 0 else {
      throw .invalid(
        setting: "maximum_degradation", value: "\(maximumDegradation)",
        expected: "a share ≥ 0, e.g. 0.05 for 5 %")
    }
    guard newSeriesShare.isFinite, (0...1).contains(newSeriesShare) else {
      throw .invalid(
        setting: "new_series_share", value: "\(newSeriesShare)",
        expected: "a share from 0 to 1 (0 turns the trigger off)")
    }
    guard cooldownDays >= 0 else {
      throw .invalid(
        setting: "cooldown_days", value: "\(cooldownDays)", expected: "0 or more days")
    }
  }
}

/// A retraining setting out of range.
public enum RetrainingSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalid(setting: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .invalid(let setting, let value, let expected):
      return "retraining.\(setting) is \(value); expected \(expected)."
    }
  }
}

/// The drift alerts that trigger a retraining the next night (`on_drift`).
public enum DriftTriggerLevel: String, Sendable, Codable, CaseIterable {
  /// A critical drift alert: the chain's demand level or accuracy drifted.
  case critical
  /// Any drift alert, a segment's too.
  case warning
  /// Drift never triggers a retraining.
  case off
}
