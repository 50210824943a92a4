import DemandCore
import Foundation
import Logging
import Pipeline
import Synthetic
import XCTest
import _TestSupport

/// SIGINT and SIGTERM inside the long loops of `train`, `retrain`, `backtest`, `simulate`,
/// `generate`, `import m5`, the demo's setup and the nightly retrain stage: each command stops
/// at its next check (a store of a training, a backtest window, a simulated day, a run of days of
/// the generator, a month file of the import) instead of at its end. The signal is sent at a
/// crash point inside the loop (`SHELFCAST_CRASH_SIGNAL`), never after a sleep. Each test checks
/// the exit code (130 / 143), the one `Stopped by` line, that the lock is free, that nothing
/// was half-written, and that the next run reaches the end state of an uninterrupted one (run
/// first, on a copy of the same workspace at the same path).
final class StopInsideLoopsTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  private var night: Day { start.adding(days: 196) }

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-stop-loops")
  }

  override func tearDown() { directory = nil }

  // MARK: - train, retrain, backtest, simulate

  func testTrainStoppedInsideItsTrainingRegistersNothing() throws {
    let arguments = [
      "train", "--workspace", workspacePath, "--as-of", night.adding(days: -1).iso, "--quiet",
    ]
    let reference = try uninterrupted(arguments)
    let stopped = try run(arguments, signal: "TERM", at: "train.store-done:2")
    try assertStopped(stopped, 143, "SIGTERM", saying: "stopped during the training")
    XCTAssertEqual(try versions(), ["v0001 champion"], "no candidate registered")
    XCTAssertFalse(exists("models/versions/v0002.json"))
    try assertRunAgainEndsAs(reference, arguments, files: ["models/versions/v0002.json"])
  }

  func testRetrainStoppedInsideTheCandidatesTrainingRegistersNothing() throws {
    let arguments = [
      "retrain", "--workspace", workspacePath, "--as-of", night.adding(days: -1).iso, "--quiet",
    ]
    let reference = try uninterrupted(arguments)
    let stopped = try run(arguments, signal: "INT", at: "train.store-done:2")
    try assertStopped(
      stopped, 130, "SIGINT",
      saying: "stopped during a training of the retraining for \(night.adding(days: -1).iso)")
    XCTAssertEqual(try versions(), ["v0001 champion"], "no candidate registered")
    try assertRunAgainEndsAs(reference, arguments, files: [])
  }

  func testBacktestStoppedInsideAWindowWritesNoFile() throws {
    let arguments = [
      "backtest", "--workspace", workspacePath, "--holdout-days", "7", "--windows", "3",
      "--quiet",
    ]
    let reference = try uninterrupted(arguments)
    let stopped = try run(arguments, signal: "TERM", at: "backtest.window-done:2")
    try assertStopped(stopped, 143, "SIGTERM", saying: "stopped during the backtest")
    // holdout.csv is streamed into a temporary in reports/backtest from the start; the stop
    // removes it, so the folder holds no file (not even a temporary).
    let folder = workspacePath + "/reports/backtest"
    let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    XCTAssertEqual(left, [], "no file of the backtest written")
    try assertRunAgainEndsAs(
      reference, arguments,
      files: ["metrics.csv", "windows.csv", "horizons.csv", "holdout.csv", "series.csv"].map {
        "reports/backtest/" + $0
      })
  }

  func testSimulateStoppedInsideASimulatedDayWritesNoFile() throws {
    let arguments = [
      "simulate", "--workspace", workspacePath, "--truth",
      directory.path("chain") + "/truth/expected_demand.csv", "--from",
      night.adding(days: -21).iso, "--to", night.adding(days: -8).iso, "--quiet",
    ]
    let reference = try uninterrupted(arguments)
    let stopped = try run(arguments, signal: "INT", at: "simulate.day-done:5")
    try assertStopped(stopped, 130, "SIGINT", saying: "stopped during the simulation")
    XCTAssertFalse(exists("reports/simulation"), "no file of the simulation written")
    try assertRunAgainEndsAs(
      reference, arguments,
      files: ["summary.csv", "stores.csv", "comparison.csv", "tail_coverage.csv"].map {
        "reports/simulation/" + $0
      })
  }

  // MARK: - The nightly retrain stage

  func testANightStoppedInsideItsRetrainStageIsInterruptedAfterItsIngest() throws {
    let weekday = Weekday(night).rawValue
    try """
    training:
      horizon_days: 14
    retraining:
      weekday: \(weekday)
      holdout_days: 14
      new_series_share: 0
    """.write(toFile: directory.path("nightly.yaml"), atomically: true, encoding: .utf8)
    let arguments = [
      "nightly", "--workspace", workspacePath, "--date", night.iso, "--config",
      directory.path("nightly.yaml"), "--quiet",
    ]
    let reference = try uninterrupted(arguments)
    let stopped = try run(arguments, signal: "TERM", at: "train.store-done:2")
    try assertStopped(
      stopped, 143, "SIGTERM",
      saying: "stopped during the retrain stage of the night of \(night.iso)")
    XCTAssertTrue(stopped.error.contains("done: ingest;"), stopped.error)
    let manifest = try JSONDecoder().decode(
      NightlyManifest.self,
      from: try NightlyFixture.read(try workspace().nightlyManifestPath(night)))
    XCTAssertEqual(manifest.outcome, .interrupted)
    XCTAssertEqual(manifest.exitCode, 143)
    XCTAssertEqual(manifest.stages.map(\.name), ["ingest"], "the retrain stage is not done")
    XCTAssertEqual(try versions(), ["v0001 champion"], "no candidate registered")
    try assertRunAgainEndsAs(
      reference, arguments,
      files: [
        "reports/\(night.iso)/forecast.csv", "reports/\(night.iso)/recommendations.csv",
      ])
  }

  // MARK: - generate, import m5

  func testGenerateStoppedBetweenRunsOfDaysLeavesNoFolder() throws {
    let out = directory.path("generated")
    let arguments = [
      "generate", "--stores", "2", "--skus", "6", "--start", "2026-01-01", "--days", "60",
      "--transaction-days", "2", "--seed", "5", "--out", out, "--quiet",
    ]
    let first = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(first.status, 0, first.error)
    let reference = try filesUnder(out)
    XCTAssertGreaterThan(reference.count, 5)
    try FileManager.default.removeItem(atPath: out)

    let stopped = try ShelfCastProcess.run(
      arguments,
      environment: [
        "SHELFCAST_CRASH_AT": "generate.run-written:1", "SHELFCAST_CRASH_SIGNAL": "TERM",
      ])
    try assertStopped(
      stopped, 143, "SIGTERM", saying: "stopped during the generation of the chain", lock: false)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial chain in place")
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.contains(".partial-")
      }, [], "the hidden partial folder removed")

    let again = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(again.status, 0, again.error)
    XCTAssertEqual(try filesUnder(out), reference, "the chain an uninterrupted generate writes")
  }

  func testImportStoppedBetweenMonthFilesLeavesNoFolder() throws {
    let input = directory.path("m5")
    try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
    try """
    date,wm_yr_wk,weekday,wday,month,year,d,event_name_1,event_type_1,event_name_2,event_type_2,snap_CA,snap_TX
    2011-01-30,11101,Sunday,2,1,2011,d_1,SuperBowl,Sporting,,,1,0
    2011-01-31,11101,Monday,3,1,2011,d_2,,,,,1,0
    2011-02-01,11101,Tuesday,4,2,2011,d_3,,,,,0,0
    2011-02-02,11101,Wednesday,5,2,2011,d_4,,,,,0,1

    """.write(toFile: input + "/calendar.csv", atomically: true, encoding: .utf8)
    try """
    id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3,d_4
    A_CA_1,A,A_1,FOODS,CA_1,CA,0,3,1,2
    B_TX_1,B,B_1,HOBBIES,TX_1,TX,2,0,4,1

    """.write(
      toFile: input + "/sales_train_validation.csv", atomically: true, encoding: .utf8)
    let out = directory.path("imported")
    let arguments = ["import", "m5", input, out, "--quiet"]
    let first = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(first.status, 0, first.error)
    let reference = try filesUnder(out)
    XCTAssertEqual(
      reference.keys.filter { $0.hasPrefix("history/") }.sorted(),
      ["history/demand_2011-01.csv", "history/demand_2011-02.csv"])
    try FileManager.default.removeItem(atPath: out)

    let stopped = try ShelfCastProcess.run(
      arguments,
      environment: ["SHELFCAST_CRASH_AT": "import.file-written:1", "SHELFCAST_CRASH_SIGNAL": "INT"])
    try assertStopped(
      stopped, 130, "SIGINT", saying: "stopped during the import into \(out)", lock: false)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial import in place")
    XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".partial"), "staging removed")

    let again = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(again.status, 0, again.error)
    XCTAssertEqual(try filesUnder(out), reference, "the files an uninterrupted import writes")
  }

  // MARK: - The demo's setup

  /// `shelfcast demo` stopped while generating its chain, then while training its first model,
  /// then run to the end: the same registry and night as a demo never stopped.
  func testADemoStoppedInItsChainAndItsFirstTrainingEndsAsAnUninterruptedDemo() throws {
    let path = directory.path("demo")
    let arguments = ["demo", "--workspace", path, "--nights", "1", "--quiet"]
    let first = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(first.status, 0, first.error)
    let referenceVersions = try versions(at: path)
    let firstNight = DemoStage.firstNight(nights: 1)
    let forecastFile = "reports/\(firstNight.iso)/forecast.csv"
    let reference = try Data(contentsOf: URL(fileURLWithPath: path + "/" + forecastFile))
    try FileManager.default.removeItem(atPath: path)

    let inChain = try ShelfCastProcess.run(
      arguments,
      environment: [
        "SHELFCAST_CRASH_AT": "generate.run-written:1", "SHELFCAST_CRASH_SIGNAL": "INT",
      ])
    try assertStopped(
      inChain, 130, "SIGINT", saying: "stopped during the generation of the demo chain",
      lock: false)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path + "/chain/chain.json"))
    // (The lock is free: the next run takes it.)

    let inTraining = try ShelfCastProcess.run(
      arguments,
      environment: ["SHELFCAST_CRASH_AT": "train.store-done:3", "SHELFCAST_CRASH_SIGNAL": "TERM"])
    try assertStopped(
      inTraining, 143, "SIGTERM", saying: "stopped during the training of the first model",
      lock: false)
    XCTAssertTrue(inTraining.error.contains("done: the demo chain and its history;"))
    XCTAssertEqual(try versions(at: path), [], "no model registered")

    let again = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(again.status, 0, again.error)
    XCTAssertEqual(try versions(at: path), referenceVersions)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: path + "/" + forecastFile)), reference)
  }

  // MARK: - Helpers

  private var workspacePath: String { directory.path("ws") }

  private func workspace() throws -> Workspace {
    try Workspace(path: workspacePath, create: false)
  }

  private func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: workspacePath + "/" + relative)
  }

  /// A chain of 8 stores × 6 SKUs (enough stores that a training stopped at its second store
  /// has others left), its history through the day before the night, a champion trained three
  /// weeks before it, and the night's files in the inbox.
  private func prepareBase(at path: String) throws {
    let chain = directory.path("chain")
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    if !FileManager.default.fileExists(atPath: chain) {
      _ = try ChainGenerator(
        configuration: ChainConfiguration(
          storeCount: 8, skuCount: 6, start: start, dayCount: 200, transactionDayCount: 4,
          seed: 5)
      ).write(to: chain, progress: nil)
    }
    let workspace = try Workspace(path: path)
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: night.adding(days: -1), logger: logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: night.adding(days: -22),
      configuration: try TrainingSettings(horizonDays: 14).forecastConfiguration(),
      logger: logger, registration: .init(promote: true))
    try NightlyFixture.deliver(night, from: chain, to: workspace)
  }

  /// Runs `arguments` uninterrupted on a fresh base workspace at `workspacePath`, keeps that
  /// workspace aside as the reference, and prepares a fresh base at the same path.
  private func uninterrupted(_ arguments: [String]) throws -> String {
    try prepareBase(at: workspacePath)
    let result = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(result.status, 0, result.error)
    let reference = directory.path("reference")
    try FileManager.default.moveItem(atPath: workspacePath, toPath: reference)
    try prepareBase(at: workspacePath)
    return reference
  }

  private func run(_ arguments: [String], signal: String, at point: String) throws
    -> ShelfCastProcess.Result
  {
    try ShelfCastProcess.run(
      arguments, environment: ["SHELFCAST_CRASH_AT": point, "SHELFCAST_CRASH_SIGNAL": signal])
  }

  /// The exit code, exactly one `Stopped by` line saying `saying`, no temporary file left, and
  /// (with `lock`) the workspace lock free.
  private func assertStopped(
    _ result: ShelfCastProcess.Result, _ code: Int32, _ name: String, saying: String,
    lock: Bool = true, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    XCTAssertEqual(result.status, code, result.error, file: file, line: line)
    let lines = result.error.split(separator: "\n").filter { $0.hasPrefix("Stopped by") }
    XCTAssertEqual(lines.count, 1, result.error, file: file, line: line)
    XCTAssertTrue(
      lines.first?.hasPrefix("Stopped by \(name): \(saying)") ?? false, result.error,
      file: file, line: line)
    guard lock else { return }
    try RunLock(workspace: try workspace(), command: "probe").release()
    let temporaries = (FileManager.default.subpaths(atPath: workspacePath) ?? []).filter {
      $0.contains(".tmp-")
    }
    XCTAssertEqual(temporaries, [], "temporary files left", file: file, line: line)
  }

  /// Runs `arguments` again (exit 0) and compares the registry and `files` with `reference`.
  private func assertRunAgainEndsAs(
    _ reference: String, _ arguments: [String], files: [String],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let again = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(again.status, 0, again.error, file: file, line: line)
    // The reference was made at the same path: move it back beside the re-run to compare.
    let rerun = directory.path("rerun")
    try FileManager.default.moveItem(atPath: workspacePath, toPath: rerun)
    try FileManager.default.moveItem(atPath: reference, toPath: workspacePath)
    let expected = try versions(at: workspacePath, artifacts: true)
    XCTAssertEqual(try versions(at: rerun, artifacts: true), expected, file: file, line: line)
    for name in files {
      let want = FileManager.default.contents(atPath: workspacePath + "/" + name)
      XCTAssertNotNil(want, "the uninterrupted run wrote \(name)", file: file, line: line)
      XCTAssertEqual(
        FileManager.default.contents(atPath: rerun + "/" + name), want, name, file: file,
        line: line)
    }
  }

  /// The registry as "id status" lines (with `artifacts`, also the artifact's SHA-256 and the
  /// training window's last day).
  private func versions(at path: String? = nil, artifacts: Bool = false) throws -> [String] {
    let workspace = try Workspace(path: path ?? workspacePath, create: false)
    return try workspace.openRegistry().list().sorted { $0.number < $1.number }.map {
      artifacts
        ? "\($0.id) \($0.status) \($0.artifactSHA256) \($0.windowLastDay.iso)"
        : "\($0.id) \($0.status)"
    }
  }

  /// Every file under `root` (relative path → bytes).
  private func filesUnder(_ root: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for relative in FileManager.default.subpaths(atPath: root) ?? [] {
      var isDirectory: ObjCBool = false
      let path = root + "/" + relative
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return files
  }
}
