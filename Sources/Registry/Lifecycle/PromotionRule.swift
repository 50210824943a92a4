import DemandCore

/// Candidate and champion scored on the same holdout days, from the same origins, at the same
/// horizons: WAPE (Σ|p50 − actual| / Σ actual, a ratio) over the uncensored store/SKU/days both
/// forecast (see `HoldoutPlan`).
public struct HoldoutComparison: Sendable, Equatable, Codable {
  /// The held-out days c + 1 … D, after both models' training windows.
  public var firstDay: Day
  public var lastDay: Day
  /// Store/SKU/days scored (both forecast them, sales recorded, not censored); each day once.
  public var points: Int
  public var candidateWAPE: Double
  public var championWAPE: Double
  /// The champion's data age on the run date: days from its last training day.
  public var championAgeDays: Int
  /// The forecast origins, oldest first (the first is c); empty in records made before origins
  /// were recorded.
  public var origins: [Day]
  /// The horizons scored are 1 … this many days.
  public var maximumHorizonDays: Int
  /// The training window ends: the candidate's (c) and the champion's (E ≤ c).
  public var candidateWindowLastDay: Day
  public var championWindowLastDay: Day
  /// The versions compared.
  public var candidateVersion: String?
  public var championVersion: String?
  /// The fewest days between a scored day and the last training day of the model whose
  /// forecast was scored, over both models and every origin: ≥ 1 means no score used a
  /// forecast whose model saw the scored day. `nil` when nothing was scored or not recorded.
  public var minimumDaysAfterTraining: Int?

  public init(
    firstDay: Day, lastDay: Day, points: Int, candidateWAPE: Double, championWAPE: Double,
    championAgeDays: Int, origins: [Day]? = nil, maximumHorizonDays: Int? = nil,
    candidateWindowLastDay: Day? = nil, championWindowLastDay: Day? = nil,
    candidateVersion: String? = nil, championVersion: String? = nil,
    minimumDaysAfterTraining: Int? = nil
  ) {
    self.minimumDaysAfterTraining = minimumDaysAfterTraining
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.points = points
    self.candidateWAPE = candidateWAPE
    self.championWAPE = championWAPE
    self.championAgeDays = championAgeDays
    self.origins = origins ?? [firstDay.adding(days: -1)]
    self.maximumHorizonDays = maximumHorizonDays ?? (firstDay.days(to: lastDay) + 1)
    self.candidateWindowLastDay = candidateWindowLastDay ?? firstDay.adding(days: -1)
    self.championWindowLastDay =
      championWindowLastDay ?? lastDay.adding(days: -championAgeDays)
    self.candidateVersion = candidateVersion
    self.championVersion = championVersion
  }

  enum CodingKeys: String, CodingKey {
    case points, origins
    case firstDay = "first_day"
    case lastDay = "last_day"
    case candidateWAPE = "candidate_wape"
    case championWAPE = "champion_wape"
    case championAgeDays = "champion_age_days"
    case maximumHorizonDays = "maximum_horizon_days"
    case candidateWindowLastDay = "candidate_window_last_day"
    case championWindowLastDay = "champion_window_last_day"
    case candidateVersion = "candidate_version"
    case championVersion = "champion_version"
    case minimumDaysAfterTraining = "minimum_days_after_training"
  }

  /// Reads records written before origins and windows were recorded (single origin c = the
  /// day before the holdout).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      firstDay: try c.decode(Day.self, forKey: .firstDay),
      lastDay: try c.decode(Day.self, forKey: .lastDay),
      points: try c.decode(Int.self, forKey: .points),
      candidateWAPE: try c.decode(Double.self, forKey: .candidateWAPE),
      championWAPE: try c.decode(Double.self, forKey: .championWAPE),
      championAgeDays: try c.decode(Int.self, forKey: .championAgeDays),
      origins: try c.decodeIfPresent([Day].self, forKey: .origins),
      maximumHorizonDays: try c.decodeIfPresent(Int.self, forKey: .maximumHorizonDays),
      candidateWindowLastDay: try c.decodeIfPresent(Day.self, forKey: .candidateWindowLastDay),
      championWindowLastDay: try c.decodeIfPresent(Day.self, forKey: .championWindowLastDay),
      candidateVersion: try c.decodeIfPresent(String.self, forKey: .candidateVersion),
      championVersion: try c.decodeIfPresent(String.self, forKey: .championVersion),
      minimumDaysAfterTraining: try c.decodeIfPresent(
        Int.self, forKey: .minimumDaysAfterTraining))
  }

  /// Held-out days, D − c.
  public var days: Int { firstDay.days(to: lastDay) + 1 }

  /// (champion − candidate) / champion: positive when the candidate is better.
  public var relativeImprovement: Double {
    championWAPE > 0 ? (championWAPE - candidateWAPE) / championWAPE : 0
  }
}

/// Whether a candidate replaces the champion (`decision` is `.promoted` or `.rejected`), and
/// why, in a sentence the registry keeps.
public struct PromotionDecision: Sendable, Equatable {
  public var decision: RetrainDecision
  public var reason: String
  public var promote: Bool { decision.kind == .promoted }
}

/// The champion/challenger rule of the nightly retraining.
public enum PromotionRule {
  /// Promote when the candidate's holdout WAPE is lower than the champion's by at least
  /// `minimumImprovement` (relative); or when the champion is older than
  /// `maximumChampionAgeDays` and the candidate is not worse by more than `maximumDegradation`.
  /// Nothing scored (no points) refuses: there is no evidence either way.
  public static func decide(_ comparison: HoldoutComparison, settings: RetrainingSettings)
    -> PromotionDecision
  {
    let window = "\(comparison.firstDay.iso)…\(comparison.lastDay.iso)"
    let scores =
      "holdout \(window) (\(comparison.origins.count) origin(s), horizons 1…"
      + "\(comparison.maximumHorizonDays)), \(comparison.points) store/SKU/days: candidate WAPE "
      + "\(percent(comparison.candidateWAPE)) vs champion \(percent(comparison.championWAPE))"
    guard comparison.points > 0 else {
      return PromotionDecision(
        decision: .rejected(.nothingScored),
        reason: "no uncensored sales in the holdout \(window) to compare on")
    }
    let improvement = comparison.relativeImprovement
    if improvement >= settings.minimumImprovement {
      return PromotionDecision(
        decision: .promoted(
          .betterByMargin(improvement: improvement, margin: settings.minimumImprovement)),
        reason:
          "\(scores): better by \(percent(improvement)) ≥ the \(percent(settings.minimumImprovement)) margin"
      )
    }
    if comparison.championAgeDays > settings.maximumChampionAgeDays
      && -improvement <= settings.maximumDegradation
    {
      return PromotionDecision(
        decision: .promoted(
          .staleChampion(ageDays: comparison.championAgeDays, improvement: improvement)),
        reason:
          "\(scores): champion is \(comparison.championAgeDays) days old (> "
          + "\(settings.maximumChampionAgeDays)) and the candidate is not worse by more than "
          + percent(settings.maximumDegradation))
    }
    let verdict =
      improvement >= 0
      ? "better by only \(percent(improvement)) < the \(percent(settings.minimumImprovement)) margin"
      : "worse by \(percent(-improvement))"
    let ground: RetrainDecision.RejectionGround =
      improvement >= 0
      ? .belowMargin(improvement: improvement, margin: settings.minimumImprovement)
      : .worse(degradation: -improvement)
    return PromotionDecision(
      decision: .rejected(ground), reason: "\(scores): \(verdict); champion kept")
  }

  static func percent(_ ratio: Double) -> String {
    let hundredths = (ratio * 10_000).rounded() / 100
    return "\(hundredths) %"
  }
}
