import DemandCore

/// The model's life for the report's "Model life" section, as plain values: every version with
/// its time in service, every retraining with its decision, and the shadow runs with their
/// nightly scores.
///
/// The pipeline builds it from the registry, the night log and the shadow log; the renderer
/// computes nothing but chart geometry and the summary's counts. Give lists oldest first: the
/// timeline's lanes follow `versions`, and the decisions table and the shadow charts are drawn
/// newest first (the reverse of the order given). The same value gives the same bytes.
public struct ModelLife: Sendable, Equatable {
  /// Every version shown, oldest first (one lane each in the timeline).
  public var versions: [Version]
  /// Every retraining (and its decision), oldest first: one row each in the decisions table.
  public var retrainings: [Retraining]
  /// The model that forecast each night, oldest first; nights without a model are left out.
  public var service: [ServiceNight]
  /// Shadow runs, oldest first.
  public var shadowRuns: [ShadowRun]
  /// The earliest day the timeline may show: it starts on the earliest night, retraining,
  /// registration, training window end or shadow night given, but no earlier than this (`nil`:
  /// no limit). It ends on the report's run date (or the latest day given).
  public var firstDay: Day?

  public init(
    versions: [Version], retrainings: [Retraining] = [], service: [ServiceNight] = [],
    shadowRuns: [ShadowRun] = [], firstDay: Day? = nil
  ) {
    self.versions = versions
    self.retrainings = retrainings
    self.service = service
    self.shadowRuns = shadowRuns
    self.firstDay = firstDay
  }

  /// What a retraining decided: the registry's decision kinds, plus `byHand` for a version
  /// registered outside the nightly retraining (`shelfcast train`).
  public enum Decision: String, Sendable, Equatable, CaseIterable {
    /// No champion yet: the candidate became the first model.
    case firstModel = "first_model"
    /// The candidate won its comparison (its refit serves).
    case promoted
    /// The candidate lost, or nothing could be scored.
    case rejected
    /// No fair comparison was possible yet; nothing was trained.
    case deferred
    /// The retraining failed; the champion stayed.
    case failed
    /// Trained by hand, not judged by a retraining.
    case byHand = "by_hand"

    /// The word the report prints.
    public var label: String {
      switch self {
      case .firstModel: "first model"
      case .promoted: "promoted"
      case .rejected: "rejected"
      case .deferred: "deferred"
      case .failed: "failed"
      case .byHand: "by hand"
      }
    }
  }

  /// Where a version stands (the registry's status).
  public enum Status: String, Sendable, Equatable, CaseIterable {
    case candidate, champion, archived, rejected
  }

  /// A fair comparison's outcome: both WAPEs on the same held-out store/SKU/days.
  public struct Comparison: Sendable, Equatable {
    /// The held-out days.
    public var firstDay: Day
    public var lastDay: Day
    /// Store/SKU/days scored.
    public var points: Int
    /// Holdout WAPEs, as ratios (0.25 is 25 %).
    public var candidateWAPE: Double
    public var championWAPE: Double
    /// The champion it was compared with.
    public var championVersion: String?

    public init(
      firstDay: Day, lastDay: Day, points: Int, candidateWAPE: Double, championWAPE: Double,
      championVersion: String? = nil
    ) {
      self.firstDay = firstDay
      self.lastDay = lastDay
      self.points = points
      self.candidateWAPE = candidateWAPE
      self.championWAPE = championWAPE
      self.championVersion = championVersion
    }
  }

  /// One version: a lane of the timeline and a row of the versions table.
  public struct Version: Sendable, Equatable {
    /// `v0003`.
    public var id: String
    /// The last day of its training window.
    public var trainedThrough: Day
    /// Why it was trained: `schedule`, `drift`, `first_model`, `manual` …
    public var trigger: String
    /// The nightly run date that registered it, or the day it was trained by hand.
    public var registeredOn: Day
    /// What its retraining decided (`byHand` when none judged it).
    public var decision: Decision
    /// The decision's sentence, or why it was archived or rejected.
    public var reason: String
    /// The comparison that decided it, if one was made.
    public var comparison: Comparison?
    /// The judged candidate it was refitted from, for a refit.
    public var refitOf: String?
    /// The last promotion and the last retirement, as days.
    public var promotedOn: Day?
    public var retiredOn: Day?
    public var status: Status
    /// Set when it was promoted by hand over its rejection.
    public var overrideNote: String?

    public init(
      id: String, trainedThrough: Day, trigger: String, registeredOn: Day, decision: Decision,
      reason: String = "", comparison: Comparison? = nil, refitOf: String? = nil,
      promotedOn: Day? = nil, retiredOn: Day? = nil, status: Status, overrideNote: String? = nil
    ) {
      self.id = id
      self.trainedThrough = trainedThrough
      self.trigger = trigger
      self.registeredOn = registeredOn
      self.decision = decision
      self.reason = reason
      self.comparison = comparison
      self.refitOf = refitOf
      self.promotedOn = promotedOn
      self.retiredOn = retiredOn
      self.status = status
      self.overrideNote = overrideNote
    }

    /// Whether it is in service now.
    public var isChampion: Bool { status == .champion }
  }

  /// One retraining: a row of the decisions table and a marker on the timeline.
  public struct Retraining: Sendable, Equatable {
    /// The nightly run date.
    public var runDate: Day
    /// What fired: `schedule`, `drift`, `accuracy`, `new_data`, `first_model`.
    public var trigger: String
    /// The judged candidate, if one was trained.
    public var candidate: String?
    /// The refit that serves, when the candidate won.
    public var servedAs: String?
    public var decision: Decision
    public var comparison: Comparison?
    /// The decision's sentence.
    public var reason: String

    public init(
      runDate: Day, trigger: String, candidate: String? = nil, servedAs: String? = nil,
      decision: Decision, comparison: Comparison? = nil, reason: String
    ) {
      self.runDate = runDate
      self.trigger = trigger
      self.candidate = candidate
      self.servedAs = servedAs
      self.decision = decision
      self.comparison = comparison
      self.reason = reason
    }
  }

  /// The model that made one night's forecast.
  public struct ServiceNight: Sendable, Equatable {
    public var day: Day
    public var version: String

    public init(day: Day, version: String) {
      self.day = day
      self.version = version
    }
  }

  /// A shadow run: after a promotion the replaced champion keeps forecasting beside it.
  public struct ShadowRun: Sendable, Equatable {
    /// How a shadow run stands (the registry's state).
    public enum State: String, Sendable, Equatable, CaseIterable {
      case active, completed
      case rolledBack = "rolled_back"
      case superseded

      /// The words the report prints.
      public var label: String { self == .rolledBack ? "rolled back" : rawValue }
    }

    /// The version promoted, in service.
    public var champion: String
    /// The champion it replaced, forecasting in shadow.
    public var shadow: String
    /// The planned run dates in shadow; `lastNight` is the planned end even when it ended early.
    public var firstNight: Day
    public var lastNight: Day
    /// The last night it shadowed: `lastNight`, or earlier when it was rolled back or superseded.
    public var endNight: Day
    public var state: State
    public var endReason: String?
    /// Each scored night, oldest first.
    public var nights: [ShadowNight]
    /// WAPE over every scored night (Σ errors / Σ actual), champion and shadow; `nan` when
    /// nothing was scored.
    public var championWAPE: Double
    public var shadowWAPE: Double

    public init(
      champion: String, shadow: String, firstNight: Day, lastNight: Day, endNight: Day,
      state: State, endReason: String? = nil, nights: [ShadowNight], championWAPE: Double,
      shadowWAPE: Double
    ) {
      self.champion = champion
      self.shadow = shadow
      self.firstNight = firstNight
      self.lastNight = lastNight
      self.endNight = endNight
      self.state = state
      self.endReason = endReason
      self.nights = nights
      self.championWAPE = championWAPE
      self.shadowWAPE = shadowWAPE
    }

    /// The name of its chart panel: `v0003/v0001/2026-10-24` (champion, shadow, first night).
    public var panelName: String { champion + "/" + shadow + "/" + firstNight.iso }
  }

  /// One night's scores of a shadow run: both versions on the same store/SKU/days.
  public struct ShadowNight: Sendable, Equatable {
    public var night: Day
    public var points: Int
    /// WAPEs as ratios; `nan` when nothing sold.
    public var championWAPE: Double
    public var shadowWAPE: Double

    public init(night: Day, points: Int, championWAPE: Double, shadowWAPE: Double) {
      self.night = night
      self.points = points
      self.championWAPE = championWAPE
      self.shadowWAPE = shadowWAPE
    }
  }
}
