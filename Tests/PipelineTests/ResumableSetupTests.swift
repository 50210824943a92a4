import DemandCore
import Foundation
import Logging
import Synthetic
import XCTest
import _TestSupport

@testable import Pipeline

/// `generate` never leaves a partial chain where a whole one is expected, and the demo says what
/// is unfinished (and the one command that repairs it) when a chain stops short.
final class ResumableSetupTests: XCTestCase {
  private var directory: TemporaryDirectory!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-setup")
  }

  override func tearDown() { directory = nil }

  private func configuration(days: Int = 60) -> ChainConfiguration {
    ChainConfiguration(
      storeCount: 2, skuCount: 4, start: Day(iso: "2026-01-01")!, dayCount: days,
      transactionDayCount: 3, seed: 9)
  }

  /// While the chain is being written, its folder does not exist; a partial folder left by a
  /// killed generate is removed; the result equals a chain written straight to its folder.
  func testGenerateRenamesAWholeChainIntoPlace() throws {
    let target = directory.path("chain")
    let stray = directory.path(".chain.partial-2147483646")
    try FileManager.default.createDirectory(atPath: stray, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: URL(fileURLWithPath: stray + "/chain.json"))
    let sawTarget = LockedFlag()
    _ = try GenerateStage.run(configuration: configuration(), directory: target) { _, _ in
      if FileManager.default.fileExists(atPath: target) { sawTarget.set() }
    }
    XCTAssertFalse(sawTarget.value, "the chain's folder appeared before it was whole")
    XCTAssertFalse(FileManager.default.fileExists(atPath: stray), "the stray partial folder")
    let reference = directory.path("reference")
    _ = try ChainGenerator(configuration: configuration()).write(to: reference, progress: nil)
    for file in ["chain.json", "master/stores.csv", "truth/expected_demand.csv"] {
      XCTAssertEqual(
        try NightlyFixture.read(target + "/" + file),
        try NightlyFixture.read(reference + "/" + file), file)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path(""))
      .filter { $0.contains(".partial-") }
    XCTAssertEqual(leftovers, [])
  }

  /// An existing empty folder is replaced; a folder with files is refused and left alone.
  func testGenerateIntoAnEmptyFolderAndRefusesANonEmptyOne() throws {
    let target = directory.path("chain")
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    _ = try GenerateStage.run(configuration: configuration(), directory: target, progress: nil)
    XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/chain.json"))
    XCTAssertThrowsError(
      try GenerateStage.run(configuration: configuration(), directory: target, progress: nil))
  }

  /// A bare name (`generate --out chain`) is a folder of the current directory: it used to
  /// fail with "Could not write : …", an empty parent path.
  func testGenerateIntoABareNameWritesInTheCurrentDirectory() throws {
    let manager = FileManager.default
    let before = manager.currentDirectoryPath
    XCTAssertTrue(manager.changeCurrentDirectoryPath(directory.path("")))
    defer { _ = manager.changeCurrentDirectoryPath(before) }
    let summary = try GenerateStage.run(
      configuration: configuration(), directory: "chain", progress: nil)
    XCTAssertTrue(summary.contains("under chain"), summary)
    XCTAssertTrue(manager.fileExists(atPath: directory.path("chain") + "/chain.json"))
    let leftovers = try manager.contentsOfDirectory(atPath: directory.path(""))
      .filter { $0.contains(".partial-") }
    XCTAssertEqual(leftovers, [])
  }

  /// A chain whose history stops short of the demo's first night (left by a generate of an
  /// earlier version) is named as an unfinished setup, with the command that repairs it.
  func testTheDemoNamesAnUnfinishedSetupAndItsRepair() throws {
    let workspace = try Workspace(path: directory.path("ws"))
    let chain = workspace.root + "/chain"
    _ = try ChainGenerator(configuration: configuration()).write(to: chain, progress: nil)
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: Day(iso: "2026-12-31")!, logger: logger)
    XCTAssertThrowsError(
      try DemoStage.checkHistory(
        workspace: workspace, through: Day(iso: "2026-10-17")!, chainDirectory: chain)
    ) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("the demo's setup is unfinished"), text)
      XCTAssertTrue(text.contains("through 2026-10-17"), text)
      XCTAssertTrue(text.contains("rm -rf '\(workspace.root)'"), text)
    }
    XCTAssertNoThrow(
      try DemoStage.checkHistory(
        workspace: workspace, through: Day(iso: "2026-02-25")!, chainDirectory: chain))
  }

  /// A chain of other settings (a user's own, given as `--chain`) is not the demo's: never read
  /// as an unfinished demo chain, whose advice is to delete it. Demo chains for any number of
  /// nights are the demo's.
  func testOnlyTheDemosChainsAreDemoChains() throws {
    XCTAssertFalse(DemoStage.isDemoChain(configuration()))
    for nights in [1, 7, 35] {
      XCTAssertTrue(DemoStage.isDemoChain(DemoStage.chain(nights: nights)), "\(nights)")
    }
    var other = DemoStage.chain(nights: 7)
    other.seed = 8
    XCTAssertFalse(DemoStage.isDemoChain(other))
  }
}

/// A flag set from the generator's progress callback.
private final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false
  var value: Bool {
    lock.lock()
    defer { lock.unlock() }
    return flag
  }
  func set() {
    lock.lock()
    flag = true
    lock.unlock()
  }
}
