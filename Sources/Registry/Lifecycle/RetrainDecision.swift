import DemandCore

/// What a retraining decided, with its grounds: the typed value behind the registry's, the
/// manifest's and the night log's `decision` (whose text is `kind.rawValue`).
public enum RetrainDecision: Sendable, Equatable, Codable {
  /// No champion yet: the candidate, trained on all history up to D, serves.
  case firstModel
  /// The candidate won the fair comparison; its refit on the history up to D serves.
  case promoted(PromotionGround)
  /// The candidate lost (or nothing could be scored); the champion stays.
  case rejected(RejectionGround)
  /// No fair comparison was possible yet; nothing was trained, the champion stays.
  case deferred(HoldoutPlan.Deferral)
  /// The retraining failed (the error's text); the champion stays.
  case failed(error: String)

  /// Why a candidate was promoted.
  public enum PromotionGround: Sendable, Equatable, Codable {
    /// Its holdout WAPE was lower by `improvement` (relative) ≥ `margin`.
    case betterByMargin(improvement: Double, margin: Double)
    /// The champion's data was `ageDays` old (> the maximum) and the candidate not worse by
    /// more than the tolerated degradation (`improvement` may be negative).
    case staleChampion(ageDays: Int, improvement: Double)
  }

  /// Why a candidate was rejected.
  public enum RejectionGround: Sendable, Equatable, Codable {
    /// No uncensored sales in the holdout: no evidence either way.
    case nothingScored
    /// Better by `improvement` (relative), less than `margin`.
    case belowMargin(improvement: Double, margin: Double)
    /// Worse by `degradation` (relative, > 0).
    case worse(degradation: Double)
  }

  /// The decision's name at the file and database boundary.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case firstModel = "first_model"
    case promoted, rejected, deferred, failed
  }

  public var kind: Kind {
    switch self {
    case .firstModel: return .firstModel
    case .promoted: return .promoted
    case .rejected: return .rejected
    case .deferred: return .deferred
    case .failed: return .failed
    }
  }

  /// Whether the night's version now serves (`firstModel` or `promoted`).
  public var changesChampion: Bool { kind == .firstModel || kind == .promoted }
}
