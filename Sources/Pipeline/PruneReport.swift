import DemandCore
import History

/// What `PruneStage.run` deleted (or, in a dry run, would delete), and what it kept and why.
public struct PruneReport: Sendable, Equatable {
  /// What a deleted or kept thing is.
  public enum Kind: String, Sendable, CaseIterable {
    /// `DIR/reports/YYYY-MM-DD/`, deleted whole.
    case reportFolder = "report folders"
    /// Rows of the forecast archive (one per store and run date).
    case forecastBlock = "forecast blocks"
    /// `DIR/manifests/*.json`.
    case manifest = "manifests"
    /// `DIR/quarantine/*.rejected.csv`.
    case quarantineFile = "quarantine files"
    /// `DIR/reports/models/vNNNN.md`.
    case modelCard = "model cards"
    /// `DIR/models/versions/vNNNN.json`.
    case modelArtifact = "model artifacts"
    /// Entries of the audit log: never deleted.
    case auditEntry = "audit entries"
    /// Files in the ingest ledger, whose demand history stays with them: never deleted.
    case ledgerEntry = "ledger files"
    /// `DIR/models/fitted-set.json`, what forecast and recommend read: never deleted.
    case servedModel = "served fitted set"
  }

  /// How a file's date was found.
  public enum DateSource: String, Sendable {
    /// A `YYYY-MM-DD` (or `YYYYMMDDT…` timestamp) in its name.
    case name
    /// Its modification time (UTC day), for a name without a date.
    case modified
    /// The registry: the last day the version was registered, promoted or left service.
    case registry
  }

  /// Why something was kept.
  public enum KeepReason: String, Sendable, CaseIterable {
    case recent = "dated on or after the cutoff"
    case targetsAfterCutoff = "a target day on or after the cutoff (still scored by monitor)"
    case modelRetention = "registered or in service within 3 years (1,096 days)"
    case champion = "the champion's (kept at any age)"
    case rollbackTarget = "the version a rollback returns to (kept at any age)"
    case undatedRegistry = "the registry's dates for the version cannot be read"
    case notPrunable = "not a dated report folder, manifest or quarantine file"
    case unregistered = "not a registered version's"
    case hashChain = "a hash chain: deleting any entry breaks `audit verify`; never pruned"
    case systemOfRecord = "the system of record (ledger, master data, demand history)"
    case inService = "what forecast and recommend read"
  }

  /// One file or folder deleted, or that a dry run would delete.
  public struct Item: Sendable, Equatable {
    public var kind: Kind
    /// Absolute path.
    public var path: String
    /// The day it was judged by.
    public var day: Day
    public var dateSource: DateSource
    /// Bytes of the file, or of every file in the folder.
    public var bytes: Int
    /// The model version, for cards and artifacts.
    public var version: String?
  }

  /// Things kept for one reason.
  public struct Kept: Sendable, Equatable {
    public var kind: Kind
    public var reason: KeepReason
    public var count: Int
    /// Bytes on disk (0 where not measured: audit entries, ledger files).
    public var bytes: Int
  }

  /// The run date the ages are counted from.
  public var today: Day
  public var keepDays: Int
  /// `today − keepDays`: report folders, manifests, quarantine files dated before it are
  /// deleted, and forecasts whose target days all are.
  public var cutoff: Day
  /// The earlier of `cutoff` and `today − 1,096`: model cards and artifacts of versions last
  /// registered, promoted or in service before it are deleted (never the champion's or the
  /// rollback target's).
  public var modelCutoff: Day
  /// Nothing was deleted; `files` and `forecasts` are what would have been.
  public var dryRun: Bool
  /// Files and folders deleted (or that would be), in deletion order.
  public var files: [Item]
  /// Forecast blocks deleted (or that would be).
  public var forecasts: HistoryDatabase.ForecastRetention
  /// What was kept, grouped by kind and reason.
  public var kept: [Kept]
  /// Things an operator should know (a keep period too short for monitoring).
  public var warnings: [String]
  /// The seq of the `prune` audit entry, written before anything was deleted; `nil` for a dry
  /// run or when there was nothing to delete.
  public var auditSeq: Int64?

  /// Items deleted (or that would be) of `kind`; forecast blocks count blocks.
  public func count(_ kind: Kind) -> Int {
    kind == .forecastBlock ? forecasts.blocks : files.filter { $0.kind == kind }.count
  }

  /// Bytes deleted (or that would be) of `kind`; forecast blocks count stored payload bytes.
  public func bytes(_ kind: Kind) -> Int {
    kind == .forecastBlock
      ? forecasts.payloadBytes : files.filter { $0.kind == kind }.reduce(0) { $0 + $1.bytes }
  }

  /// Whether there is nothing to delete.
  public var isEmpty: Bool { files.isEmpty && forecasts.blocks == 0 }

  /// Adds `count` things kept for `reason` to its group.
  mutating func keep(_ kind: Kind, _ reason: KeepReason, count: Int = 1, bytes: Int = 0) {
    if let index = kept.firstIndex(where: { $0.kind == kind && $0.reason == reason }) {
      kept[index].count += count
      kept[index].bytes += bytes
    } else {
      kept.append(Kept(kind: kind, reason: reason, count: count, bytes: bytes))
    }
  }
}
