import Foundation
import Pipeline
import XCTest
import _TestSupport

final class RunLockTests: XCTestCase {
  func testASecondRunIsRefusedNamingTheHolderAndMayRunAfterRelease() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Workspace(path: directory.path("ws"))
    let first = try RunLock(workspace: workspace, command: "nightly --date 2026-11-01")
    XCTAssertNil(first.takenOverFrom)
    XCTAssertThrowsError(try RunLock(workspace: workspace, command: "nightly")) { error in
      guard case PipelineError.lockHeld(_, let holder) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(holder.contains("pid \(getpid())"), holder)
      XCTAssertTrue(holder.contains("nightly --date 2026-11-01"), holder)
    }
    first.release()
    let second = try RunLock(workspace: workspace, command: "nightly")
    XCTAssertNil(second.takenOverFrom, "a released lock leaves no holder behind")
    second.release()
  }

  /// A run killed with SIGKILL: the kernel drops its flock, its record stays in the file; the
  /// next run takes the lock over and says from whom.
  func testALockLeftByAKilledRunIsTakenOver() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Workspace(path: directory.path("ws"))
    let lockPath = workspace.root + "/.shelfcast.lock"
    // util-linux flock(1) holds the same flock(2) lock while its child sleeps (-o: the child does
    // not inherit it, so killing flock frees it, as killing a run does).
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["-o", lockPath, "sleep", "5"]
    try holder.run()
    defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
    var refused = false
    for _ in 0..<100 where !refused {
      do {
        try RunLock(workspace: workspace, command: "probe").release()
        usleep(20_000)
      } catch PipelineError.lockHeld { refused = true }
    }
    XCTAssertTrue(refused, "the other process's lock is seen")
    // Its sleeping child first: with flock alone killed, waitUntilExit returned when sleep ended.
    let children =
      (try? String(
        contentsOfFile:
          "/proc/\(holder.processIdentifier)/task/\(holder.processIdentifier)/children",
        encoding: .utf8)) ?? ""
    for child in children.split(separator: " ").compactMap({ pid_t($0) }) { kill(child, SIGKILL) }
    kill(holder.processIdentifier, SIGKILL)
    holder.waitUntilExit()
    try Data(
      #"{"command":"nightly","host":"h1","pid":4242,"startedAt":"2026-11-01T02:00:00Z"}"#.utf8
    ).write(to: URL(fileURLWithPath: lockPath))
    let next = try RunLock(workspace: workspace, command: "nightly")
    XCTAssertEqual(next.takenOverFrom?.pid, 4242)
    XCTAssertEqual(next.takenOverFrom?.host, "h1")
    next.release()
  }
}
