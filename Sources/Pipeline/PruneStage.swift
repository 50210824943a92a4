import DemandCore
import Foundation
import History
import Logging
import Registry

/// `shelfcast prune`: deletes the reports, forecasts, manifests and quarantine files older than
/// a keep period, and model cards and artifacts older than three years, never what the
/// workspace must keep.
///
/// With `cutoff = today − keepDays`:
/// - `reports/D/` folders with `D < cutoff` are deleted whole;
/// - archived forecast blocks whose target days are all before `cutoff` (so issued before it
///   too) are deleted, in one transaction; a block still reaching the cutoff is kept whole;
/// - `manifests/*.json` and `quarantine/*.rejected.csv` dated before `cutoff` are deleted, each
///   dated by the date in its name or, failing that, its modification time;
/// - a version's card (`reports/models/<id>.md`) and artifact (`models/versions/<id>.json`) are
///   deleted when the version was last registered, promoted or in service before
///   `min(cutoff, today − 1,096)`: three years at least, and never the champion's or the
///   rollback target's. The registry row stays.
///
/// Never deleted: the audit log (at any age: each entry's hash covers the one before it, so
/// removing one breaks the chain `audit verify` checks), the ledger, master data and demand
/// history, `models/fitted-set.json` and anything else in `models/`, and any file not named
/// above (`reports/metrics.prom`, `reports/backtest/`, cards of unknown versions …).
///
/// Safe if killed part way: a `prune` audit entry with the cutoff and the counts is appended
/// before anything is deleted; the forecast deletion is one transaction; files are deleted one
/// at a time, and what is left is still older than the cutoff, so the next prune finishes it
/// (and records its own entry).
public enum PruneStage {
  /// How long model cards and artifacts are kept at least: three years, counted as 1,096 days.
  public static let modelRetentionDays = 1_096
  /// The shortest keep period that leaves monitoring everything it reaches back to: 28 days of
  /// actuals, each scored against forecasts issued up to 28 days (the horizon) before it.
  public static let monitoringDays = 56

  /// Deletes, or with `dryRun` only lists, what is older than the keep period.
  ///
  /// - Parameters:
  ///   - keepDays: days to keep, at least 1; below `monitoringDays` a warning is logged and
  ///     reported.
  ///   - today: the day ages are counted from.
  ///   - dryRun: delete nothing and append no audit entry; the report lists what would go.
  ///   - actor: who the audit entry names; by default this process's user and host.
  /// - Returns: what was deleted (or would be) and what was kept, and why.
  /// - Throws: `PipelineError.invalidArgument` for `keepDays < 1`; database errors (nothing
  ///   of the forecast archive is deleted then); `PipelineError.workspaceUnusable` for a file
  ///   that cannot be deleted (those before it are gone, the rest stays for the next prune).
  public static func run(
    workspace: Workspace, keepDays: Int, today: Day, dryRun: Bool, logger: Logger,
    actor: AuditActor = .current()
  ) throws -> PruneReport {
    guard keepDays >= 1 else {
      throw PipelineError.invalidArgument(
        "Please give --keep-days as a number of days of at least 1 (got \(keepDays)); "
          + "\(monitoringDays) or more keeps what monitoring reads.")
    }
    let cutoff = today.adding(days: -keepDays)
    var report = PruneReport(
      today: today, keepDays: keepDays, cutoff: cutoff,
      modelCutoff: min(cutoff, today.adding(days: -modelRetentionDays)), dryRun: dryRun,
      files: [],
      forecasts: .init(blocks: 0, series: 0, payloadBytes: 0, issueDays: [], blocksKept: 0),
      kept: [], warnings: [], auditSeq: nil)
    if keepDays < monitoringDays {
      let warning =
        "keeping \(keepDays) days, fewer than the \(monitoringDays) monitoring reaches back to "
        + "(28 days of actuals, each against forecasts up to 28 days older)"
      report.warnings.append(warning)
      logger.warning("\(warning)")
    }
    let database = try workspace.openDatabase()
    let registry = try workspace.openRegistry(actor: actor)

    planReportFolders(workspace, &report)
    planDatedFiles(workspace.manifestDirectory, suffix: ".json", kind: .manifest, &report)
    planDatedFiles(
      workspace.quarantineDirectory, suffix: ".rejected.csv", kind: .quarantineFile, &report)
    try planModels(workspace, registry, &report)
    report.forecasts = try database.forecasts(before: cutoff)
    if report.forecasts.blocksKept > 0 {
      report.keep(.forecastBlock, .targetsAfterCutoff, count: report.forecasts.blocksKept)
    }
    report.keep(.auditEntry, .hashChain, count: try registry.audit.entries().count)
    report.keep(.ledgerEntry, .systemOfRecord, count: try database.ledger().count)
    if fileType(workspace.fittedSetPath) != nil {
      report.keep(.servedModel, .inService, bytes: bytes(atPath: workspace.fittedSetPath))
    }
    guard !dryRun, !report.isEmpty else { return report }

    // Written first, so that nothing is ever deleted without an entry saying so.
    report.auditSeq = try registry.audit.append(
      .prune, subject: workspace.root, details: PruneAuditDetails(report)
    ).seq
    report.forecasts = try database.deleteForecasts(before: cutoff)
    logger.info(
      "deleted archived forecasts",
      metadata: [
        "blocks": "\(report.forecasts.blocks)", "bytes": "\(report.forecasts.payloadBytes)",
      ])
    try recheckModels(registry, &report)
    for item in report.files {
      try remove(item.path, workspace: workspace)
      logger.info(
        "deleted", metadata: ["kind": "\(item.kind.rawValue)", "path": "\(item.path)"])
    }
    return report
  }

  // MARK: - Planning

  /// `reports/YYYY-MM-DD/` folders; anything else in `reports/` is kept.
  static func planReportFolders(_ workspace: Workspace, _ report: inout PruneReport) {
    let directory = workspace.reportDirectory
    for name in names(in: directory) {
      let path = directory + "/" + name
      guard let day = Day(iso: name), fileType(path) == .typeDirectory else {
        // `models/` is judged version by version below.
        if name != "models" { report.keep(.reportFolder, .notPrunable) }
        continue
      }
      let size = bytes(atPath: path)
      if day < report.cutoff {
        report.files.append(
          .init(kind: .reportFolder, path: path, day: day, dateSource: .name, bytes: size))
      } else {
        report.keep(.reportFolder, .recent, bytes: size)
      }
    }
  }

  /// Regular files named `*suffix` in `directory`, dated by name or modification time; other
  /// entries (hidden files, folders, other names) are kept.
  static func planDatedFiles(
    _ directory: String, suffix: String, kind: PruneReport.Kind, _ report: inout PruneReport
  ) {
    for name in names(in: directory) {
      let path = directory + "/" + name
      guard name.hasSuffix(suffix), !name.hasPrefix("."), fileType(path) == .typeRegular,
        let (day, source) = fileDay(path: path, name: name)
      else {
        report.keep(kind, .notPrunable)
        continue
      }
      let size = bytes(atPath: path)
      if day < report.cutoff {
        report.files.append(
          .init(kind: kind, path: path, day: day, dateSource: source, bytes: size))
      } else {
        report.keep(kind, .recent, bytes: size)
      }
    }
  }

  /// Every registered version's artifact and card; files of unknown versions are kept.
  static func planModels(
    _ workspace: Workspace, _ registry: ModelRegistry, _ report: inout PruneReport
  ) throws {
    let versions = try registry.list()
    let protected = try protectedVersions(registry)
    var registered: Set<String> = []
    for version in versions {
      let paths: [(PruneReport.Kind, String)] = [
        (.modelArtifact, registry.artifactPath(version)),
        (.modelCard, workspace.modelCardPath(version.id)),
      ]
      registered.formUnion(paths.map(\.1))
      let lastActive = lastActiveDay(version)
      let reason: PruneReport.KeepReason?
      if let kept = protected[version.id] {
        reason = kept
      } else if let lastActive {
        reason =
          lastActive >= report.cutoff
          ? .recent : lastActive >= report.modelCutoff ? .modelRetention : nil
      } else {
        reason = .undatedRegistry
      }
      for (kind, path) in paths where fileType(path) != nil {
        if let reason {
          report.keep(kind, reason, bytes: bytes(atPath: path))
        } else if let lastActive {
          report.files.append(
            .init(
              kind: kind, path: path, day: lastActive, dateSource: .registry,
              bytes: bytes(atPath: path), version: version.id))
        }
      }
    }
    for (kind, directory) in [
      (PruneReport.Kind.modelArtifact, workspace.modelVersionsDirectory),
      (.modelCard, workspace.modelCardDirectory),
    ] {
      for name in names(in: directory) where !registered.contains(directory + "/" + name) {
        report.keep(kind, .unregistered, bytes: bytes(atPath: directory + "/" + name))
      }
    }
  }

  /// The champion and the rollback target, with the reason each is kept.
  static func protectedVersions(_ registry: ModelRegistry) throws
    -> [String: PruneReport.KeepReason]
  {
    var protected: [String: PruneReport.KeepReason] = [:]
    if let target = try registry.rollbackTarget() { protected[target.id] = .rollbackTarget }
    if let champion = try registry.champion() { protected[champion.id] = .champion }
    return protected
  }

  /// Reads the champion and rollback target again just before deleting, and keeps the files of
  /// a version that became one since the plan (a promotion run meanwhile).
  static func recheckModels(_ registry: ModelRegistry, _ report: inout PruneReport) throws {
    let protected = try protectedVersions(registry)
    var planned: [PruneReport.Item] = []
    for item in report.files {
      if let version = item.version, let reason = protected[version] {
        report.keep(item.kind, reason, bytes: item.bytes)
      } else {
        planned.append(item)
      }
    }
    report.files = planned
  }

  /// The last day the version was registered, promoted or left service; `nil` when a stored
  /// timestamp does not start with a date.
  static func lastActiveDay(_ version: ModelVersion) -> Day? {
    var days: [Day] = []
    for stamp in [version.createdAt, version.promotedAt, version.retiredAt] {
      guard let stamp else { continue }
      guard let day = Day(iso: stamp.prefix(10)) else { return nil }
      days.append(day)
    }
    return days.max()
  }
}

extension AuditAction {
  /// `shelfcast prune`: subject the workspace, details the cutoffs and what is deleted.
  public static let prune: AuditAction = "prune"
}

/// The details of a `prune` audit entry: the cutoffs and the counts and bytes planned.
struct PruneAuditDetails: Encodable, Sendable {
  var today: String
  var keepDays: Int
  var cutoff: String
  var modelCutoff: String
  var reportFolders: Int
  var forecastBlocks: Int
  var forecastIssueDays: String
  var manifests: Int
  var quarantineFiles: Int
  var modelCards: Int
  var modelArtifacts: Int
  /// The versions whose card or artifact is deleted, comma-separated.
  var versions: String
  var bytes: Int

  init(_ report: PruneReport) {
    today = report.today.iso
    keepDays = report.keepDays
    cutoff = report.cutoff.iso
    modelCutoff = report.modelCutoff.iso
    reportFolders = report.count(.reportFolder)
    forecastBlocks = report.count(.forecastBlock)
    let days = report.forecasts.issueDays
    forecastIssueDays = days.first.map { "\($0.iso)..\(days[days.count - 1].iso)" } ?? ""
    manifests = report.count(.manifest)
    quarantineFiles = report.count(.quarantineFile)
    modelCards = report.count(.modelCard)
    modelArtifacts = report.count(.modelArtifact)
    var seen: Set<String> = []
    versions = report.files.compactMap(\.version).filter { seen.insert($0).inserted }.joined(
      separator: ",")
    bytes = PruneReport.Kind.allCases.reduce(0) { $0 + report.bytes($1) }
  }

  enum CodingKeys: String, CodingKey {
    case today, cutoff, manifests, versions, bytes
    case keepDays = "keep_days"
    case modelCutoff = "model_cutoff"
    case reportFolders = "report_folders"
    case forecastBlocks = "forecast_blocks"
    case forecastIssueDays = "forecast_issue_days"
    case quarantineFiles = "quarantine_files"
    case modelCards = "model_cards"
    case modelArtifacts = "model_artifacts"
  }
}
