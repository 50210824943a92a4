import DemandCore

/// Why a night retrains: the triggers of `RetrainingSettings`, evaluated from what the nights
/// before it recorded.
public struct TriggerFiring: Sendable, Equatable {
  public var trigger: RetrainTrigger
  /// One sentence with the numbers, for the registry and the manifest.
  public var reason: String

  public init(trigger: RetrainTrigger, reason: String) {
    self.trigger = trigger
    self.reason = reason
  }
}

/// What the triggers look at for run date D.
public struct TriggerInputs: Sendable, Equatable {
  public var runDate: Day
  /// The last finished night before D (its monitoring's alerts), if any.
  public var previousNight: NightRecord?
  /// The run date of the last nightly retraining before D, if any.
  public var lastRetrainDay: Day?
  /// Series in the history as of D that have enough history to fit, and how many of them the
  /// champion does not know.
  public var fittableSeries: Int
  public var seriesUnknownToChampion: Int

  public init(
    runDate: Day, previousNight: NightRecord?, lastRetrainDay: Day?, fittableSeries: Int,
    seriesUnknownToChampion: Int
  ) {
    self.runDate = runDate
    self.previousNight = previousNight
    self.lastRetrainDay = lastRetrainDay
    self.fittableSeries = fittableSeries
    self.seriesUnknownToChampion = seriesUnknownToChampion
  }
}

/// The retraining triggers, in priority order: the schedule, then drift, accuracy and new data.
/// A night retrains at most once; the first trigger that fires names it, the others are listed
/// in its reason.
public enum RetrainTriggers {
  /// The trigger that fires for `inputs`, or `nil` when none does.
  ///
  /// - schedule: D is `settings.weekday`;
  /// - drift: the previous night raised a drift alert at `settings.onDrift` or above;
  /// - accuracy: the previous night raised an accuracy-degraded alert;
  /// - new data: the share of fittable series unknown to the champion reaches
  ///   `settings.newSeriesShare`.
  /// The three triggered ones are held back within `cooldownDays` after the last retraining
  /// (its candidate already saw the change). The previous night only counts when it is D − 1:
  /// after a gap its alerts describe older data.
  public static func evaluate(_ inputs: TriggerInputs, settings: RetrainingSettings)
    -> TriggerFiring?
  {
    var fired: [TriggerFiring] = []
    let day = inputs.runDate
    if let weekday = settings.weekdayIndex, day.weekdayIndex == weekday {
      fired.append(
        TriggerFiring(
          trigger: .schedule,
          reason: "scheduled weekly retraining (\(Day.weekdayNames[weekday]))"))
    }
    let cooling = inputs.lastRetrainDay.map { $0.days(to: day) <= settings.cooldownDays } ?? false
    let previous = inputs.previousNight.flatMap { $0.runDate == day.adding(days: -1) ? $0 : nil }
    if let previous, !cooling {
      let driftCount: Int
      switch settings.onDrift {
      case .critical: driftCount = previous.driftCritical
      case .warning: driftCount = previous.driftCritical + previous.driftWarning
      case .off: driftCount = 0
      }
      if driftCount > 0 {
        fired.append(
          TriggerFiring(
            trigger: .drift,
            reason:
              "\(driftCount) drift alert(s) at \(settings.onDrift.rawValue) level or above on "
              + previous.runDate.iso))
      }
      if settings.onAccuracyDegradation && previous.accuracyDegraded > 0 {
        fired.append(
          TriggerFiring(
            trigger: .accuracy,
            reason:
              "\(previous.accuracyDegraded) accuracy-degraded alert(s) on "
              + previous.runDate.iso))
      }
    }
    if !cooling, settings.newSeriesShare > 0, inputs.fittableSeries > 0 {
      let share = Double(inputs.seriesUnknownToChampion) / Double(inputs.fittableSeries)
      if share >= settings.newSeriesShare {
        fired.append(
          TriggerFiring(
            trigger: .newData,
            reason:
              "\(inputs.seriesUnknownToChampion) of \(inputs.fittableSeries) series "
              + "unknown to the champion (\(percent(share)) ≥ \(percent(settings.newSeriesShare)))"
          ))
      }
    }
    guard var first = fired.first else { return nil }
    if fired.count > 1 {
      first.reason +=
        "; also "
        + fired.dropFirst().map { "\($0.trigger): \($0.reason)" }.joined(separator: "; ")
    }
    return first
  }

  static func percent(_ share: Double) -> String {
    let tenths = (share * 1000).rounded() / 10
    return "\(tenths) %"
  }
}
