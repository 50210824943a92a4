import DemandCore
import Foundation
import Logging
import Pipeline
import Synthetic
import XCTest
import _TestSupport

/// SIGINT and SIGTERM stop a night between two stages (`SHELFCAST_CRASH_SIGNAL` sends them at a
/// crash point): exit 130 / 143, one line saying what was done and what comes next, the
/// manifest records `interrupted`, the lock is free, and the next run finishes the night as an
/// uninterrupted one does.
final class GracefulStopTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  private var night: Day { start.adding(days: 196) }

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-graceful")
  }

  override func tearDown() { directory = nil }

  func testSIGINTBetweenStagesExits130AndTheNextRunFinishesTheNight() throws {
    let workspace = try preparedWorkspace()
    let stopped = try nightly(workspace, signal: "INT", at: "nightly.ingested")
    XCTAssertEqual(stopped.status, 130, stopped.error)
    let lines = stopped.error.split(separator: "\n").filter { $0.hasPrefix("Stopped by") }
    XCTAssertEqual(lines.count, 1, stopped.error)
    XCTAssertTrue(
      lines.first?.contains(
        "Stopped by SIGINT: stopped before the retrain stage of the night of \(night.iso); "
          + "done: ingest;") ?? false, stopped.error)
    let interrupted = try manifest(workspace.nightlyManifestPath(night))
    XCTAssertEqual(interrupted.outcome, .interrupted)
    XCTAssertEqual(interrupted.exitCode, 130)
    XCTAssertEqual(interrupted.stages.map(\.name), ["ingest"])
    try RunLock(workspace: workspace, command: "probe").release()

    let again = try nightly(workspace)
    XCTAssertEqual(again.status, 0, again.error)
    let finished = try manifest(workspace.nightlyManifestPath(night))
    XCTAssertEqual(finished.outcome, .completed)
    XCTAssertEqual(finished.rows.stored, interrupted.rows.stored, "the files counted once")
  }

  func testSIGTERMAfterTheForecastExits143() throws {
    let workspace = try preparedWorkspace()
    let stopped = try nightly(workspace, signal: "TERM", at: "nightly.forecast-done")
    XCTAssertEqual(stopped.status, 143, stopped.error)
    XCTAssertTrue(
      stopped.error.contains("Stopped by SIGTERM: stopped before the recommend stage"),
      stopped.error)
    let interrupted = try manifest(workspace.nightlyManifestPath(night))
    XCTAssertEqual(interrupted.outcome, .interrupted)
    XCTAssertEqual(interrupted.exitCode, 143)
    XCTAssertEqual(try nightly(workspace).status, 0)
  }

  /// A command with no step boundary inside finishes, then exits with the signal's code.
  func testACommandThatFinishesWhileAStopIsPendingExitsWithTheSignalsCode() throws {
    let workspace = try preparedWorkspace()
    let result = try ShelfCastProcess.run(
      ["forecast", "--workspace", workspace.root, "--horizon", "14", "--quiet"],
      environment: ["SHELFCAST_CRASH_AT": "forecast.archived", "SHELFCAST_CRASH_SIGNAL": "TERM"])
    XCTAssertEqual(result.status, 143, result.error)
    XCTAssertTrue(result.error.contains("the command finished its work"), result.error)
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: workspace.reportDirectory + "/\(night.adding(days: -1).iso)/forecast.csv"))
  }

  // MARK: - Helpers

  private func manifest(_ path: String) throws -> NightlyManifest {
    try JSONDecoder().decode(NightlyManifest.self, from: try NightlyFixture.read(path))
  }

  private func preparedWorkspace() throws -> Workspace {
    let chain = directory.path("chain")
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    _ = try ChainGenerator(
      configuration: ChainConfiguration(
        storeCount: 2, skuCount: 6, start: start, dayCount: 200, transactionDayCount: 4, seed: 5)
    ).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: night.adding(days: -1), logger: logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: night.adding(days: -1),
      configuration: try TrainingSettings(horizonDays: 14).forecastConfiguration(),
      logger: logger, registration: .init(promote: true))
    try NightlyFixture.deliver(night, from: chain, to: workspace)
    try """
    explain_items: 3
    training:
      horizon_days: 14
    retraining:
      weekday: null
      holdout_days: 7
      new_series_share: 0
    """.write(toFile: directory.path("nightly.yaml"), atomically: true, encoding: .utf8)
    return workspace
  }

  private func nightly(_ workspace: Workspace, signal: String? = nil, at point: String? = nil)
    throws -> ShelfCastProcess.Result
  {
    var environment: [String: String] = [:]
    if let signal, let point {
      environment = ["SHELFCAST_CRASH_AT": point, "SHELFCAST_CRASH_SIGNAL": signal]
    }
    return try ShelfCastProcess.run(
      [
        "nightly", "--workspace", workspace.root, "--date", night.iso, "--config",
        directory.path("nightly.yaml"), "--quiet",
      ], environment: environment)
  }
}
