import DemandCore
import Foundation
import Ingest
import Registry
import Tabular

/// The run manifest of one night (`DIR/manifests/nightly-D.json`): what came in (every inbox
/// file with its SHA-256 and row counts), what each stage took, which model and code made the
/// outputs, what was retrained, and how the night ended. Operations read it to reconcile a
/// night; `rows_reconcile` says whether every row read was stored, quarantined or set aside
/// as a duplicate.
public struct NightlyManifest: Sendable, Codable, Equatable {
  public struct Stage: Sendable, Codable, Equatable {
    public var name: String
    public var seconds: Double
  }

  public struct Retraining: Sendable, Codable, Equatable {
    public var trigger: String
    public var reason: String
    public var candidate: String?
    public var decision: String
    public var decisionReason: String
    public var comparison: HoldoutComparison?
    public var error: String?

    enum CodingKeys: String, CodingKey {
      case trigger, reason, candidate, decision, comparison, error
      case decisionReason = "decision_reason"
    }
  }

  public struct Rows: Sendable, Codable, Equatable {
    public var read: Int
    public var stored: Int
    public var quarantined: Int
    public var duplicate: Int
    public var reconcile: Bool

    /// The rows of `files`, added up; `reconcile` when every file reconciles.
    init(files: [FileReport]) {
      read = files.reduce(0) { $0 + $1.rowsRead }
      stored = files.reduce(0) { $0 + $1.rowsStored }
      quarantined = files.reduce(0) { $0 + $1.rowsQuarantined }
      duplicate = files.reduce(0) { $0 + $1.rowsDuplicate }
      reconcile = files.allSatisfy(\.reconciles)
    }
  }

  /// How a night ended.
  public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// Every stage ran and no input was refused.
    case completed
    /// Every stage ran, but an input file was refused (nothing of it stored).
    case inputRefused = "input_refused"
    /// The run date's sales had not arrived: nothing was forecast.
    case inputMissing = "input_missing"
    /// A stage failed.
    case failed
    /// SIGINT or SIGTERM stopped the night between two stages (`stages` lists the ones done);
    /// the night is unfinished and runs again from the start, idempotently.
    case interrupted
  }

  public var runDate: Day
  public var startedAt: String
  public var finishedAt: String
  public var outcome: Outcome
  public var exitCode: Int32
  public var codeVersion: String
  public var configurationPath: String?
  public var configurationSHA256: String
  /// The champion whose forecast the night published.
  public var modelVersion: String?
  public var inputs: [FileReport]
  public var rows: Rows
  public var stages: [Stage]
  public var retraining: Retraining?
  /// The shadow run the night scored (champion and the version it replaced), if one is active.
  public var shadow: ShadowStanding?
  public var alertsCritical: Int
  public var alertsWarning: Int
  /// Files the night wrote, relative to the workspace.
  public var outputs: [String]
  public var error: String?

  enum CodingKeys: String, CodingKey {
    case outcome, inputs, rows, stages, retraining, shadow, outputs, error
    case runDate = "run_date"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case exitCode = "exit_code"
    case codeVersion = "code_version"
    case configurationPath = "configuration_path"
    case configurationSHA256 = "configuration_sha256"
    case modelVersion = "model_version"
    case alertsCritical = "alerts_critical"
    case alertsWarning = "alerts_warning"
  }

  /// Pretty, sorted-key JSON with a final newline.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
