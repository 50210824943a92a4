import Foundation
import Pipeline
import XCTest
import _TestSupport

/// Every command that writes the workspace takes its run lock first: while this test process
/// holds it (as a night would), each one exits 75 naming the holder and touches nothing.
/// Readers never take it and run meanwhile.
final class WriterLockTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private var workspace: Workspace!
  private var lock: RunLock!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory()
    workspace = try Workspace(path: directory.path("ws"))
    _ = try WorkspaceSession(workspace: workspace)
    lock = try RunLock(workspace: workspace, command: "nightly --date 2026-11-01 (test)")
  }

  override func tearDown() {
    lock?.release()
    lock = nil
    workspace = nil
    directory = nil
  }

  func testIngestRefusesWhileLocked() throws { try assertRefused(["ingest", root + "/inbox"]) }
  func testInitRefusesWhileLocked() throws { try assertRefused(["init"]) }
  func testTrainRefusesWhileLocked() throws { try assertRefused(["train"]) }
  func testForecastRefusesWhileLocked() throws { try assertRefused(["forecast"]) }
  func testBacktestRefusesWhileLocked() throws { try assertRefused(["backtest"]) }
  func testRecommendRefusesWhileLocked() throws { try assertRefused(["recommend"]) }
  func testMonitorRefusesWhileLocked() throws { try assertRefused(["monitor"]) }
  func testRetrainRefusesWhileLocked() throws { try assertRefused(["retrain"]) }
  func testRestoreRefusesWhileLocked() throws { try assertRefused(["restore"]) }
  func testNightlyRefusesWhileLocked() throws {
    try assertRefused(["nightly", "--date", "2026-11-01"])
  }
  func testDemoRefusesWhileLocked() throws { try assertRefused(["demo", "--nights", "1"]) }
  func testIntradayRefusesWhileLocked() throws {
    try assertRefused(["intraday", "--date", "2026-11-02", "--at", "12:00", root + "/drop.csv"])
  }
  /// An intraday drop waits for the lock within its bound, then gives up the same way.
  func testIntradayWaitsForTheLockThenRefuses() throws {
    try assertRefused(
      ["intraday", "--date", "2026-11-02", "--at", "12:00", "--wait-seconds", "1"])
  }
  func testPruneRefusesWhileLocked() throws { try assertRefused(["prune", "--keep-days", "60"]) }
  func testSimulateRefusesWhileLocked() throws {
    try assertRefused(["simulate", "--truth", root + "/expected_demand.csv"])
  }
  func testRegistryPromoteRefusesWhileLocked() throws {
    try assertRefused(["registry", "promote", "v0001", "--reason", "test"])
  }
  func testRegistryRollbackRefusesWhileLocked() throws {
    try assertRefused(["registry", "rollback"])
  }
  func testRegistryRejectRefusesWhileLocked() throws {
    try assertRefused(["registry", "reject", "v0001", "--reason", "test"])
  }
  func testRegistryUpgradeRefusesWhileLocked() throws {
    try assertRefused(["registry", "upgrade"])
  }

  /// A dry-run prune only reads, so it runs.
  func testReadersRunWhileLocked() throws {
    for arguments in [
      ["status"], ["registry", "list"], ["audit", "verify"], ["audit", "list"],
      ["prune", "--keep-days", "60", "--dry-run"],
    ] {
      let result = try ShelfCastProcess.run(arguments + ["--workspace", root])
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.error)")
    }
  }

  // MARK: - Helpers

  private var root: String { workspace.root }

  private func assertRefused(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let before = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    let result = try ShelfCastProcess.run(arguments + ["--workspace", root])
    XCTAssertEqual(result.status, 75, "\(arguments): \(result.error)", file: file, line: line)
    XCTAssertTrue(
      result.error.contains("pid \(getpid())")
        && result.error.contains("nightly --date 2026-11-01 (test)"),
      "the message names the holder: \(result.error)", file: file, line: line)
    let after = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    XCTAssertEqual(before, after, "\(arguments) created nothing", file: file, line: line)
  }
}
