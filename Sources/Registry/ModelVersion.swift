import DemandCore
import Foundation

/// Where a version stands.
///
/// ```
/// register ─▶ candidate ──promote──▶ champion ──promote another──▶ archived
///                 │                      │                           │  │
///                 └──reject──▶ rejected ◀┘ rollback    promote ◀─────┘  └─reject─▶ rejected
/// ```
/// Exactly one version is the champion once anything was promoted. A rollback rejects the
/// champion and returns the archived version that was champion most recently before it.
public enum ModelStatus: String, Sendable, Codable, CaseIterable {
  /// Trained and registered, never in service.
  case candidate
  /// In service: `DIR/models/fitted-set.json` is its artifact.
  case champion
  /// Was champion and was replaced by a promotion; can be promoted again or rolled back to.
  case archived
  /// Refused, or rolled back from; never promoted again.
  case rejected
}

/// Why a version was trained: a stable lowercase name. `shelfcast train` registers `manual`;
/// the scheduled and triggered retraining use the others.
public struct RetrainTrigger: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }

  public static let manual: RetrainTrigger = "manual"
  public static let schedule: RetrainTrigger = "schedule"
  public static let drift: RetrainTrigger = "drift"
  public static let accuracy: RetrainTrigger = "accuracy"
  public static let newData: RetrainTrigger = "new_data"
  /// The nightly job found no champion: the workspace's first model.
  public static let firstModel: RetrainTrigger = "first_model"
}

/// How many series chose what.
public struct SelectedMix: Sendable, Equatable, Codable {
  /// Series per choice (`single`, `median`, `short_history`, `new_item`).
  public var seriesByKind: [String: Int]
  /// Series whose chosen candidates include each family (a median counts for each member).
  public var seriesByFamily: [String: Int]

  public init(seriesByKind: [String: Int], seriesByFamily: [String: Int]) {
    self.seriesByKind = seriesByKind
    self.seriesByFamily = seriesByFamily
  }

  public var seriesCount: Int { seriesByKind.values.reduce(0, +) }
}

/// One registered model version, as the registry holds it.
public struct ModelVersion: Sendable, Equatable {
  /// `v` and the registration number with at least four digits: `v0001`, `v0002`, … `v12345`.
  /// Sequential rather than a hash, so ids sort, read aloud and type easily; what the version is
  /// made of is pinned by `dataFingerprint`, `codeVersion` and `artifactSHA256`.
  public var id: String
  public var number: Int
  /// When registered (ISO 8601, UTC) and by whom (`user@host`).
  public var createdAt: String
  public var createdBy: String
  /// The training window: the first and last day of history read.
  public var windowFirstDay: Day
  public var windowLastDay: Day
  /// SHA-256 of the demand history the training read (see `DataFingerprint`).
  public var dataFingerprint: String
  /// The git commit of the build that trained it (`BuildInfo.gitCommit`).
  public var codeVersion: String
  /// The engine configuration, sorted-key JSON.
  public var configurationJSON: String
  public var metrics: ModelMetrics
  public var selectedMix: SelectedMix
  /// The artifact's file name in the registry's versions folder, its SHA-256 and size.
  public var artifactFile: String
  public var artifactSHA256: String
  public var artifactBytes: Int
  public var status: ModelStatus
  public var trigger: RetrainTrigger
  /// Why it was trained.
  public var reason: String
  /// The last promotion to champion: who (`user@host`), when and why.
  public var promotedBy: String?
  public var promotedAt: String?
  public var promotionReason: String?
  /// When it last left the champion's place.
  public var retiredAt: String?
  /// Why it was archived or rejected.
  public var statusReason: String?
  /// The nightly run date whose retraining registered it; `nil` for a version trained by hand.
  public var runDate: Day? = nil
  /// The evaluation window's end c (see `HoldoutPlan`): on a candidate a retraining judged, its
  /// own `windowLastDay`; on its refit, the judged candidate's, while `windowLastDay` is the
  /// serving window's end D. `nil` for versions no retraining judged.
  public var evaluationWindowLastDay: Day? = nil
  /// On a refit: the judged candidate it was refitted from.
  public var refitOf: String? = nil
  /// The comparison and the decision a retraining made on this version (or its judged twin).
  public var comparison: HoldoutComparison? = nil
  public var decision: RetrainDecision? = nil
  /// Set when it was promoted by hand over its rejection: who, when, why, what was overridden.
  public var overrideNote: String? = nil

  /// The id of registration number `number`.
  public static func id(number: Int) -> String {
    let digits = String(number)
    return "v" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
