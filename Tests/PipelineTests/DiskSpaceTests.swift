import Foundation
import Pipeline
import XCTest
import _TestSupport

/// A failure is put down to a full disk only when the workspace's file system is nearly full
/// (`make test-fs` fills a tmpfs to see the other side).
final class DiskSpaceTests: XCTestCase {
  func testAFailureOnADiskWithSpaceKeepsItsOwnMessage() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Workspace(path: directory.path("ws"))
    let free = try XCTUnwrap(DiskSpace.freeBytes(at: workspace.root))
    try XCTSkipIf(free < DiskSpace.fullBelowBytes, "this machine's temporary folder is full")
    let error = PipelineError.invalidArgument("the original failure")
    XCTAssertEqual(
      DiskSpace.explained(error, workspace: workspace) as? PipelineError, error)
    XCTAssertNil(DiskSpace.freeBytes(at: directory.path("missing/folder")))
  }
}
