import DemandCore

/// Candidate and champion scored on the same holdout days: WAPE (Σ|p50 − actual| / Σ actual,
/// a ratio) over the uncensored store/SKU/days both forecast.
public struct HoldoutComparison: Sendable, Equatable, Codable {
  /// The held-out days, after the candidate's last training day.
  public var firstDay: Day
  public var lastDay: Day
  /// Store/SKU/days scored (both forecast them, sales recorded, not censored).
  public var points: Int
  public var candidateWAPE: Double
  public var championWAPE: Double
  /// The champion's data age on the run date: days from its last training day.
  public var championAgeDays: Int

  public init(
    firstDay: Day, lastDay: Day, points: Int, candidateWAPE: Double, championWAPE: Double,
    championAgeDays: Int
  ) {
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.points = points
    self.candidateWAPE = candidateWAPE
    self.championWAPE = championWAPE
    self.championAgeDays = championAgeDays
  }

  enum CodingKeys: String, CodingKey {
    case points
    case firstDay = "first_day"
    case lastDay = "last_day"
    case candidateWAPE = "candidate_wape"
    case championWAPE = "champion_wape"
    case championAgeDays = "champion_age_days"
  }

  /// (champion − candidate) / champion: positive when the candidate is better.
  public var relativeImprovement: Double {
    championWAPE > 0 ? (championWAPE - candidateWAPE) / championWAPE : 0
  }
}

/// Whether a candidate replaces the champion, and why, in a sentence the registry keeps.
public struct PromotionDecision: Sendable, Equatable {
  public var promote: Bool
  public var reason: String
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
      "holdout \(window), \(comparison.points) store/SKU/days: candidate WAPE "
      + "\(percent(comparison.candidateWAPE)) vs champion \(percent(comparison.championWAPE))"
    guard comparison.points > 0 else {
      return PromotionDecision(
        promote: false, reason: "no uncensored sales in the holdout \(window) to compare on")
    }
    let improvement = comparison.relativeImprovement
    if improvement >= settings.minimumImprovement {
      return PromotionDecision(
        promote: true,
        reason:
          "\(scores): better by \(percent(improvement)) ≥ the \(percent(settings.minimumImprovement)) margin"
      )
    }
    if comparison.championAgeDays > settings.maximumChampionAgeDays
      && -improvement <= settings.maximumDegradation
    {
      return PromotionDecision(
        promote: true,
        reason:
          "\(scores): champion is \(comparison.championAgeDays) days old (> "
          + "\(settings.maximumChampionAgeDays)) and the candidate is not worse by more than "
          + percent(settings.maximumDegradation))
    }
    let verdict =
      improvement >= 0
      ? "better by only \(percent(improvement)) < the \(percent(settings.minimumImprovement)) margin"
      : "worse by \(percent(-improvement))"
    return PromotionDecision(promote: false, reason: "\(scores): \(verdict); champion kept")
  }

  static func percent(_ ratio: Double) -> String {
    let hundredths = (ratio * 10_000).rounded() / 100
    return "\(hundredths) %"
  }
}
