import DemandCore
import Foundation
import History
import Logging
import Pipeline
import Registry
import Synthetic
import XCTest
import _TestSupport

/// The nightly copies of the database and `restore`: a database overwritten with random bytes
/// is refused at the start of the night, naming the file; restoring the last copy and running
/// the night again reaches the state of a workspace that was never damaged.
final class BackupRestoreTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  private var firstNight: Day { start.adding(days: 196) }

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-backup")
  }

  override func tearDown() { directory = nil }

  func testADamagedDatabaseIsRefusedAndRestoreReachesTheUndamagedState() throws {
    let secondNight = firstNight.adding(days: 1)
    // Undamaged: two nights.
    var workspace = try preparedWorkspace()
    for night in [firstNight, secondNight] {
      XCTAssertEqual(try NightlyStage.run(context(workspace), runDate: night).status, .success)
    }
    let reference = try state(workspace, night: secondNight)
    let copies = DatabaseBackups.list(workspace)
    XCTAssertEqual(copies.map(\.night), [firstNight, secondNight])
    XCTAssertTrue(copies.allSatisfy { $0.bytes > 0 })

    // Damaged between the nights: the second night refuses to start, naming the file.
    try FileManager.default.removeItem(atPath: directory.path("ws"))
    workspace = try preparedWorkspace()
    XCTAssertEqual(try NightlyStage.run(context(workspace), runDate: firstNight).status, .success)
    var random = SplitMix64(seed: 21)
    let size = try FileManager.default.attributesOfItem(atPath: workspace.databasePath)[.size]
    let garbage = (0..<((size as? Int) ?? 4096)).map { _ in UInt8(truncatingIfNeeded: random.next())
    }
    try Data(garbage).write(to: URL(fileURLWithPath: workspace.databasePath))
    XCTAssertThrowsError(try NightlyStage.run(context(workspace), runDate: secondNight)) { error in
      guard case HistoryError.damaged(let path, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(path, workspace.databasePath)
      XCTAssertTrue("\(error)".contains("shelfcast restore"), "\(error)")
    }

    let restored = try RestoreStage.run(workspace: workspace, backup: nil, logger: logger)
    XCTAssertEqual(restored.copy.night, firstNight)
    XCTAssertEqual(restored.replayed, [])
    XCTAssertNotNil(restored.replacedDirectory)
    XCTAssertEqual(try NightlyStage.run(context(workspace), runDate: secondNight).status, .success)
    let after = try state(workspace, night: secondNight)
    XCTAssertEqual(after.reports, reference.reports)
    XCTAssertEqual(after.ledger, reference.ledger)
    XCTAssertEqual(after.nights, reference.nights)
    XCTAssertEqual(after.registry, reference.registry)
    XCTAssertEqual(after.audit.filter { $0 != "restore" }, reference.audit)
    XCTAssertEqual(after.audit.filter { $0 == "restore" }.count, 1)
    XCTAssertTrue(try workspace.openRegistry().audit.verify().isIntact)
  }

  /// When the newest copy is itself damaged, restore names the other copies (newest first)
  /// and changes nothing; `--backup` with one of them restores it.
  func testADamagedNewestCopyNamesTheOthers() throws {
    let workspace = try preparedWorkspace()
    for night in [firstNight, firstNight.adding(days: 1)] {
      XCTAssertEqual(try NightlyStage.run(context(workspace), runDate: night).status, .success)
    }
    let copies = DatabaseBackups.list(workspace)
    let newest = try XCTUnwrap(copies.last)
    try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: newest.path))
    XCTAssertThrowsError(try RestoreStage.run(workspace: workspace, backup: nil, logger: logger)) {
      error in
      guard case PipelineError.invalidArgument(let message) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(message.hasPrefix("the copy \(newest.name) is damaged"), message)
      XCTAssertTrue(
        message.hasSuffix(
          "Return to another with --backup NAME: \(copies[0].name) (newest first)."),
        message)
    }
    let restored = try RestoreStage.run(
      workspace: workspace, backup: copies[0].name, logger: logger)
    XCTAssertEqual(restored.copy.night, firstNight)
  }

  /// A file ingested by hand after the last copy is ingested again by the restore, from the
  /// ledger of the (readable) database it replaces.
  func testRestoreReplaysTheFilesIngestedSinceTheCopy() throws {
    let workspace = try preparedWorkspace(delivering: [firstNight])
    XCTAssertEqual(try NightlyStage.run(context(workspace), runDate: firstNight).status, .success)
    let name = "transactions_\(firstNight.adding(days: 1).iso).csv"
    let file = directory.path("chain") + "/inbox/" + name
    _ = try IngestStage.run(
      workspace: workspace, paths: [file], asOf: firstNight.adding(days: 1), logger: logger)
    let restored = try RestoreStage.run(workspace: workspace, backup: nil, logger: logger)
    XCTAssertEqual(restored.replayed, [name])
    XCTAssertEqual(restored.missing, [])
    let ledger = try workspace.openDatabase().ledger()
    XCTAssertEqual(ledger.filter { $0.fileName == name }.count, 1)
    let entries = try workspace.openRegistry().audit.entries()
    XCTAssertEqual(entries.last?.action, "restore")
    XCTAssertTrue(entries.last?.details.contains(name) ?? false)
    XCTAssertThrowsError(
      try RestoreStage.run(
        workspace: workspace, backup: "shelfcast-1999-01-01.sqlite", logger: logger))
    let again = try RestoreStage.run(workspace: workspace, backup: nil, logger: logger)
    XCTAssertTrue(again.alreadyRestored, "a second restore in a row changes nothing")
    XCTAssertEqual(try workspace.openRegistry().audit.entries().count, entries.count)
  }

  /// A restore killed after the copy was put in place, before the replay: the next restore
  /// does it again from its record and ends as an uninterrupted one.
  func testARestoreKilledBeforeItsReplayIsFinishedByTheNext() throws {
    var ledgers: [[String]] = []
    for kill in [false, true] {
      try? FileManager.default.removeItem(atPath: directory.path("ws"))
      let workspace = try preparedWorkspace(delivering: [firstNight])
      XCTAssertEqual(
        try NightlyStage.run(context(workspace), runDate: firstNight).status, .success)
      let file =
        directory.path("chain") + "/inbox/transactions_\(firstNight.adding(days: 1).iso).csv"
      _ = try IngestStage.run(
        workspace: workspace, paths: [file], asOf: firstNight.adding(days: 1), logger: logger)
      let restore = ["restore", "--workspace", workspace.root, "--quiet"]
      if kill {
        let killed = try ShelfCastProcess.run(
          restore, environment: ["SHELFCAST_CRASH_AT": "restore.replaced"])
        XCTAssertEqual(killed.status, SIGKILL, killed.error)
      }
      let result = try ShelfCastProcess.run(restore)
      XCTAssertEqual(result.status, 0, result.error)
      XCTAssertFalse(
        FileManager.default.fileExists(
          atPath: DatabaseBackups.directory(workspace) + "/.restore-pending.json"))
      ledgers.append(
        try workspace.openDatabase().ledger().map { "\($0.fileName) \($0.sha256) \($0.status)" }
          + (try workspace.openRegistry().audit.entries().map(\.action.rawValue)))
    }
    XCTAssertEqual(ledgers[0], ledgers[1])
  }

  /// `backup_keep` copies are kept, the oldest removed.
  func testOnlyBackupKeepCopiesAreKept() throws {
    let workspace = try preparedWorkspace()
    var configuration = nightly()
    configuration.backupKeep = 1
    for night in [firstNight, firstNight.adding(days: 1)] {
      _ = try NightlyStage.run(context(workspace, configuration), runDate: night)
    }
    XCTAssertEqual(DatabaseBackups.list(workspace).map(\.night), [firstNight.adding(days: 1)])
  }

  // MARK: - Helpers

  private var logger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
  }

  private func nightly() -> NightlyConfiguration {
    NightlyConfiguration(
      explainItems: 3, training: TrainingSettings(horizonDays: 14),
      retraining: RetrainingSettings(weekday: nil, holdoutDays: 7, newSeriesShare: 0))
  }

  private func context(_ workspace: Workspace, _ configuration: NightlyConfiguration? = nil)
    -> NightlyStage.Context
  {
    NightlyStage.Context(
      workspace: workspace, configuration: configuration ?? nightly(), configurationPath: nil,
      logger: logger)
  }

  /// History through the day before the first night, a model trained on it, and the files of
  /// the nights `delivering` (default the first two) in the inbox.
  private func preparedWorkspace(delivering nights: [Day]? = nil) throws -> Workspace {
    let chain = directory.path("chain")
    if !FileManager.default.fileExists(atPath: chain) {
      _ = try ChainGenerator(
        configuration: ChainConfiguration(
          storeCount: 2, skuCount: 6, start: start, dayCount: 200, transactionDayCount: 4,
          seed: 5)
      ).write(to: chain, progress: nil)
    }
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: firstNight.adding(days: -1), logger: logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: firstNight.adding(days: -1),
      configuration: try TrainingSettings(horizonDays: 14).forecastConfiguration(),
      logger: logger, registration: .init(promote: true))
    for night in nights ?? [firstNight, firstNight.adding(days: 1)] {
      try NightlyFixture.deliver(night, from: chain, to: workspace)
    }
    return workspace
  }

  private struct State {
    var reports: [String: Data]
    var ledger: [String]
    var nights: [String]
    var registry: [String]
    var audit: [String]
  }

  private func state(_ workspace: Workspace, night: Day) throws -> State {
    let folder = workspace.reportDirectory + "/" + night.iso
    var reports: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      reports[name] = try NightlyFixture.read(folder + "/" + name)
    }
    let registry = try workspace.openRegistry()
    return State(
      reports: reports,
      ledger: try workspace.openDatabase().ledger().map {
        "\($0.id) \($0.fileName) \($0.sha256) \($0.status) \($0.runDate?.iso ?? "-") \($0.rowsStored)"
      },
      nights: try NightLog(database: registry.database).all().map {
        "\($0.runDate.iso) \($0.outcome) \($0.modelVersion ?? "-") \($0.alertsCritical)"
      },
      registry: try registry.list().map { "\($0.id) \($0.status) \($0.artifactSHA256)" },
      audit: try registry.audit.entries().map(\.action.rawValue))
  }
}
