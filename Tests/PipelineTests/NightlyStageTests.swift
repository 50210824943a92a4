import DemandCore
import Foundation
import History
import Logging
import Monitoring
import Pipeline
import Registry
import Synthetic
import XCTest
import _TestSupport

/// The nightly job on a small generated chain (2 stores × 8 SKUs × 200 days, the last 4 days
/// delivered as transaction and stock files): the nights run end to end, catch up in order,
/// stop on missing sales, retrain once per night, and refuse bad configurations.
final class NightlyStageTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  /// The first night: the day after the 196 days of history.
  private var firstNight: Day { start.adding(days: 196) }

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-nightly")
  }

  override func tearDown() { directory = nil }

  private var chain: String { directory.path("chain") }

  /// A workspace with the history and a first model (horizon 14) trained through
  /// `trainedThrough` (default: the last day of history), and the chain's files.
  private func workspace(trained: Bool = true, trainedThrough: Day? = nil) throws -> Workspace {
    let configuration = ChainConfiguration(
      storeCount: 2, skuCount: 8, start: start, dayCount: 200, transactionDayCount: 4, seed: 5)
    _ = try ChainGenerator(configuration: configuration).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: firstNight.adding(days: -1), logger: Logger(label: "test"))
    if trained {
      _ = try TrainStage.run(
        workspace: workspace, asOf: trainedThrough,
        configuration: try nightly().training.forecastConfiguration(),
        logger: Logger(label: "test"))
    }
    return workspace
  }

  private func nightly(weekday: Weekday? = nil) -> NightlyConfiguration {
    NightlyConfiguration(
      failOn: nil, explainItems: 5, training: TrainingSettings(horizonDays: 14),
      retraining: RetrainingSettings(weekday: weekday, holdoutDays: 7, newSeriesShare: 0))
  }

  private func context(_ workspace: Workspace, _ configuration: NightlyConfiguration)
    -> NightlyStage.Context
  {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return NightlyStage.Context(
      workspace: workspace, configuration: configuration, configurationPath: nil, logger: logger)
  }

  private func deliver(_ day: Day, to workspace: Workspace) throws {
    try NightlyFixture.deliver(day, from: chain, to: workspace)
  }

  private func read(_ path: String) throws -> Data { try NightlyFixture.read(path) }

  /// Three nights' files delivered at once: the first night ingests them all, `--catch-up`
  /// then runs the two others in date order; every night writes its outputs and manifest, the
  /// manifest's rows reconcile, and running a night again gives the same forecast bytes.
  func testNightsRunEndToEndAndCatchUpInDateOrder() throws {
    let workspace = try workspace()
    for night in 0..<3 { try deliver(firstNight.adding(days: night), to: workspace) }
    let context = context(workspace, nightly())
    let first = try NightlyStage.run(context, runDate: firstNight)
    XCTAssertEqual(first.status, .success)
    XCTAssertEqual(first.manifest.inputs.count, 6, "three days of transactions and of stock")
    XCTAssertTrue(first.manifest.rows.reconcile)
    XCTAssertEqual(
      first.manifest.rows.read,
      first.manifest.rows.stored + first.manifest.rows.quarantined + first.manifest.rows.duplicate)
    XCTAssertGreaterThan(first.manifest.rows.stored, 0)
    XCTAssertEqual(
      first.manifest.stages.map(\.name),
      ["ingest", "retrain", "forecast", "recommend", "explain", "monitor"])

    let third = firstNight.adding(days: 2)
    let dates = try NightlyStage.catchUpDates(workspace: workspace, through: third)
    XCTAssertEqual(dates, [firstNight.adding(days: 1), third])
    for day in dates {
      let outcome = try NightlyStage.run(context, runDate: day)
      XCTAssertEqual(outcome.status, .success)
      XCTAssertEqual(outcome.manifest.inputs.count, 0, "nothing new in the inbox")
    }
    XCTAssertEqual(try NightlyStage.catchUpDates(workspace: workspace, through: third), [third])

    for night in 0..<3 {
      let folder = workspace.reportDirectory + "/" + firstNight.adding(days: night).iso
      for file in [
        "forecast.csv", "recommendations.csv", "store_summary.csv", "explain.csv",
        "explain_models.csv",
        "forecast_vs_actual.csv", "accuracy_summary.csv", "alerts.csv", "alerts.json",
        "drift.csv", "report.html",
      ] {
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/" + file), folder + file)
      }
      XCTAssertTrue(
        FileManager.default.fileExists(
          atPath: workspace.manifestDirectory
            + "/nightly-\(firstNight.adding(days: night).iso).json"))
    }
    let registry = try workspace.openRegistry()
    let nights = try NightLog(database: registry.database).all()
    XCTAssertEqual(nights.map(\.runDate), (0..<3).map { firstNight.adding(days: $0) })
    XCTAssertEqual(Set(nights.map(\.outcome)), [.completed])
    XCTAssertTrue(try registry.audit.verify().isIntact)

    let forecast = workspace.reportDirectory + "/" + third.iso + "/forecast.csv"
    let before = try read(forecast)
    _ = try NightlyStage.run(context, runDate: third)
    XCTAssertEqual(try read(forecast), before, "a night run again gives the same forecast")
    let metrics = String(
      decoding: try read(workspace.reportDirectory + "/metrics.prom"), as: UTF8.self)
    XCTAssertTrue(metrics.contains("stage=\"ingest\""), metrics)
    XCTAssertTrue(metrics.contains("stage=\"forecast\""))
  }

  /// `csv_byte_order_mark: true`: every CSV file of the night starts with the UTF-8 byte-order
  /// mark (for Excel) and reads back as before; the other files are untouched.
  func testTheByteOrderMarkSettingMarksTheNightsCSVFiles() throws {
    let workspace = try workspace()
    try deliver(firstNight, to: workspace)
    var configuration = nightly()
    configuration.csvByteOrderMark = true
    let outcome = try NightlyStage.run(context(workspace, configuration), runDate: firstNight)
    XCTAssertEqual(outcome.status, .success)
    let folder = workspace.reportDirectory + "/" + firstNight.iso
    for file in [
      "forecast.csv", "recommendations.csv", "store_summary.csv", "explain.csv",
      "explain_models.csv",
      "forecast_vs_actual.csv", "accuracy_summary.csv", "alerts.csv", "drift.csv",
    ] {
      let bytes = [UInt8](try read(folder + "/" + file))
      XCTAssertEqual(Array(bytes.prefix(3)), CSVByteOrderMark.bytes, file)
      XCTAssertNotEqual(Array(bytes.dropFirst(3).prefix(1)), [0xEF], "one mark only: \(file)")
    }
    for file in ["alerts.json", "report.html"] {
      XCTAssertNotEqual(
        Array([UInt8](try read(folder + "/" + file)).prefix(3)), [0xEF, 0xBB, 0xBF])
    }
    XCTAssertFalse(NightlyConfiguration().csvByteOrderMark, "off by default")
  }

  /// No file for the night: a critical input-missing alert, exit status 4, no night record,
  /// and the date stays due for the catch-up.
  func testMissingSalesStopTheNight() throws {
    let workspace = try workspace()
    let outcome = try NightlyStage.run(context(workspace, nightly()), runDate: firstNight)
    XCTAssertEqual(outcome.status, .inputMissing)
    XCTAssertEqual(outcome.status.rawValue, 4)
    let alerts = String(
      decoding: try read(workspace.reportDirectory + "/\(firstNight.iso)/alerts.csv"),
      as: UTF8.self)
    XCTAssertTrue(
      alerts.contains("critical,input_missing,sales for \(firstNight.iso): 0 of 2"), alerts)
    XCTAssertFalse(
      FileManager.default.fileExists(
        atPath: workspace.reportDirectory + "/\(firstNight.iso)/forecast.csv"))
    XCTAssertNil(try NightLog(database: try workspace.openRegistry().database).night(firstNight))
    XCTAssertEqual(
      try NightlyStage.catchUpDates(workspace: workspace, through: firstNight), [firstNight])
  }

  /// A scheduled night retrains once: the candidate, trained on the history before the 7-day
  /// holdout (the champion's window ends 10 days before the night), is judged against the
  /// champion and either rejected, or promoted and refitted through the night; the night run
  /// again finds what it registered and registers nothing more.
  func testAScheduledRetrainingIsJudgedOnceAndRecorded() throws {
    let workspace = try workspace(trainedThrough: firstNight.adding(days: -10))
    try deliver(firstNight, to: workspace)
    let weekday = Weekday(firstNight)
    let context = context(workspace, nightly(weekday: weekday))
    let outcome = try NightlyStage.run(context, runDate: firstNight)
    let retraining = try XCTUnwrap(outcome.retraining)
    XCTAssertEqual(retraining.trigger, "schedule")
    let promoted = retraining.decision == "promoted"
    XCTAssertTrue(promoted || retraining.decision == "rejected", retraining.decision)
    XCTAssertEqual(retraining.candidate, promoted ? "v0003" : "v0002")
    let comparison = try XCTUnwrap(retraining.comparison)
    XCTAssertEqual(comparison.firstDay, firstNight.adding(days: -6))
    XCTAssertEqual(comparison.lastDay, firstNight)
    XCTAssertEqual(comparison.origins, [firstNight.adding(days: -7)])
    XCTAssertGreaterThan(comparison.points, 0)
    let registry = try workspace.openRegistry()
    let version = try registry.show("v0002")
    XCTAssertEqual(version.runDate, firstNight)
    XCTAssertEqual(version.windowLastDay, firstNight.adding(days: -7))
    XCTAssertEqual(version.status, promoted ? .candidate : .rejected)
    if promoted {
      let refit = try registry.show("v0003")
      XCTAssertEqual(refit.status, .champion)
      XCTAssertEqual(refit.windowLastDay, firstNight)
      XCTAssertEqual(refit.evaluationWindowLastDay, firstNight.adding(days: -7))
      XCTAssertEqual(refit.refitOf, "v0002")
    }
    XCTAssertTrue(retraining.decisionReason.contains("candidate WAPE"))

    let count = try registry.list().count
    let again = try NightlyStage.run(context, runDate: firstNight)
    XCTAssertEqual(try registry.list().count, count, "no second candidate for the same night")
    XCTAssertEqual(again.retraining?.candidate, retraining.candidate)
    XCTAssertEqual(again.retraining?.decision, retraining.decision)
  }

  /// A workspace with history but no model: the night trains the first one on everything up to
  /// the run date, promotes it, and forecasts with it.
  func testTheFirstNightWithoutAModelTrainsOne() throws {
    let workspace = try workspace(trained: false)
    try deliver(firstNight, to: workspace)
    let outcome = try NightlyStage.run(context(workspace, nightly()), runDate: firstNight)
    XCTAssertEqual(outcome.status, .success)
    XCTAssertEqual(outcome.retraining?.trigger, "first_model")
    XCTAssertEqual(outcome.retraining?.decision, "first_model")
    let champion = try XCTUnwrap(try workspace.openRegistry().champion())
    XCTAssertEqual(champion.id, "v0001")
    XCTAssertEqual(champion.windowLastDay, firstNight)
    XCTAssertEqual(outcome.manifest.modelVersion, "v0001")
  }

  /// A night killed after its retraining's decision was committed and before the files that
  /// follow it were written (the model cards, `selection.csv`), or while writing a report: the
  /// night run again writes them, and removes the temporary file the kill left.
  func testANightKilledAfterTheDecisionIsCompletedByTheNext() throws {
    let workspace = try workspace(trainedThrough: firstNight.adding(days: -10))
    try deliver(firstNight, to: workspace)
    let weekday = Weekday(firstNight)
    let context = context(workspace, nightly(weekday: weekday))
    _ = try NightlyStage.run(context, runDate: firstNight)
    // A promotion rewrites the cards of the judged candidate, its refit and the champion it
    // replaced, and the selection; a rejection the candidate's card.
    let promoted = try workspace.openRegistry().champion()?.id == "v0003"
    let files =
      promoted
      ? [
        workspace.modelCardPath("v0001"), workspace.modelCardPath("v0002"),
        workspace.modelCardPath("v0003"), workspace.selectionPath,
      ] : [workspace.modelCardPath("v0002")]
    let written = try files.map(read)
    for file in files { try FileManager.default.removeItem(atPath: file) }
    // What a kill between a temporary file's writing and its rename leaves (no process has
    // that pid: the largest Linux allows is 4194304).
    let stray = workspace.reportDirectory + "/" + firstNight.iso + "/.forecast.csv.tmp-999999999"
    try Data("half".utf8).write(to: URL(fileURLWithPath: stray))

    _ = try NightlyStage.run(context, runDate: firstNight)
    XCTAssertEqual(try files.map(read), written)
    XCTAssertFalse(FileManager.default.fileExists(atPath: stray))
  }

  func testConfigurationFilesAreCheckedKeyByKey() throws {
    let path = directory.path("nightly.yaml")
    try "retraining:\n  holdout_days: 7\n  holdout_day: 3\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ConfigurationFile.nightly(path: path)) { error in
      XCTAssertTrue(
        "\(error)".contains("(line 3, column 3): unknown setting retraining.holdout_day"),
        "\(error)")
    }
    try "retraining:\n  holdout_days: 35\n".write(toFile: path, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ConfigurationFile.nightly(path: path)) { error in
      XCTAssertTrue("\(error)".contains("at most training.horizon_days (28)"), "\(error)")
    }
    try "inbox: drop\nretraining:\n  weekday: null\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let configuration = try ConfigurationFile.nightly(path: path)
    XCTAssertEqual(configuration.inbox, "drop")
    XCTAssertNil(configuration.retraining.weekday)
    XCTAssertEqual(configuration.retraining.holdoutDays, 14, "the default")
    let yaml = try ConfigurationFile.effectiveYAML(configuration)
    XCTAssertTrue(yaml.contains("holdout_days: 14"), yaml)
    XCTAssertTrue(yaml.contains("inbox: drop"), yaml)

    let workspace = try Workspace(path: directory.path("ws"))
    XCTAssertEqual(try workspace.pathInside("drop", setting: "inbox"), workspace.root + "/drop")
    XCTAssertThrowsError(try workspace.pathInside("../outside", setting: "inbox"))
    XCTAssertThrowsError(try workspace.pathInside("/etc", setting: "inbox"))
    XCTAssertThrowsError(try workspace.pathInside("a/../..", setting: "inbox"))
    try FileManager.default.createSymbolicLink(
      atPath: workspace.root + "/link", withDestinationPath: "/tmp")
    XCTAssertThrowsError(try workspace.pathInside("link", setting: "inbox"), "a link out")
  }

  /// `jobs/nightly.yaml` parses and holds exactly the defaults it documents, and every scheduler
  /// file runs the real command with the catch-up.
  func testTheJobsFilesRunTheRealCommandWithTheDocumentedDefaults() throws {
    let jobs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("jobs").path
    XCTAssertEqual(
      try ConfigurationFile.nightly(path: jobs + "/nightly.yaml"), NightlyConfiguration())
    for file in ["crontab", "systemd/shelfcast-nightly.service", "kubernetes/cronjob.yaml"] {
      let text = try String(contentsOfFile: jobs + "/" + file, encoding: .utf8)
      XCTAssertTrue(text.contains("nightly"), file)
      XCTAssertTrue(text.contains("--catch-up"), file)
      XCTAssertTrue(text.contains("/etc/shelfcast/nightly.yaml"), file)
    }
  }

  /// The night's log says when its inbox folder did not exist (a wrong `inbox` setting reads as
  /// missing sales otherwise), and names an inbox file that failed whole and why.
  func testTheLogNamesAMissingInboxAndAFailedFile() throws {
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try WorkspaceSession(workspace: workspace)
    let arguments = [
      "nightly", "--workspace", workspace.root, "--date", "2026-07-16", "--quiet",
    ]
    let first = try ShelfCastProcess.run(arguments)
    XCTAssertTrue(first.error.contains("the inbox folder did not exist"), first.error)
    try "foo,bar\n1,2\n".write(
      toFile: workspace.root + "/inbox/junk.csv", atomically: true, encoding: .utf8)
    let second = try ShelfCastProcess.run(arguments)
    XCTAssertFalse(second.error.contains("the inbox folder did not exist"), second.error)
    XCTAssertTrue(second.error.contains("an inbox file failed"), second.error)
    XCTAssertTrue(
      second.error.contains("junk.csv:1: the header (foo,bar) matches no input"), second.error)
  }

  /// `shelfcast nightly` while another run holds the lock: exit 75, the holder named.
  func testASecondNightlyRunExitsWithTheLockError() throws {
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try WorkspaceSession(workspace: workspace)
    let lock = try RunLock(workspace: workspace, command: "nightly (test)")
    defer { lock.release() }
    let result = try ShelfCastProcess.run([
      "nightly", "--workspace", workspace.root, "--date", "2026-07-16", "--quiet",
    ])
    XCTAssertEqual(result.status, 75)
    XCTAssertTrue(result.error.contains("nightly (test)"), result.error)
  }
}
