import DemandCore
import Foundation
import Logging
import Pipeline
import XCTest
import _TestSupport

/// `shelfcast config check --workspace`: what is valid but likely wrong against the workspace
/// is warned about on standard error, exit 0: an inbox folder that does not exist, and a
/// category override that no SKU of the master data has (it was accepted in silence).
final class ConfigCheckCommandTests: XCTestCase {
  func testAMissingInboxAndAnUnknownCategoryAreWarned() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [SampleChainTests.sample.appendingPathComponent("master").path],
      asOf: Day(iso: "2026-11-01")!,
      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    try directory.write(
      "inbox: nosuchdir\ninventory:\n  categories:\n    dairy: {review_days: 3}\n"
        + "    unicorns: {review_days: 2}\n", to: "nightly.yaml")
    let result = try ShelfCastProcess.run([
      "config", "check", directory.path("nightly.yaml"), "--workspace", workspace.root,
    ])
    XCTAssertEqual(result.status, 0, result.error)
    XCTAssertEqual(
      result.error.split(separator: "\n").map(String.init),
      [
        "Warning: the inbox folder \(workspace.root)/nosuchdir does not exist: a night would "
          + "create it empty and report its sales missing",
        "Warning: inventory.categories.unicorns: no SKU of the workspace's master data has this "
          + "category, so its settings change nothing",
      ])
  }
}
