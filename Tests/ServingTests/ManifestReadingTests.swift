import DemandCore
import Foundation
import Pipeline
import XCTest
import _TestSupport

@testable import Serving

/// A damaged night manifest is not served, and is said: the server used to fall back to the
/// night before without a word.
final class ManifestReadingTests: XCTestCase {
  func testADamagedManifestIsReportedNotServed() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Workspace(path: directory.path("ws"))
    try FileManager.default.createDirectory(
      atPath: workspace.manifestDirectory, withIntermediateDirectories: true)
    let day = try XCTUnwrap(Day(iso: "2026-03-02"))
    try "{\"run_date\": \"2026-03-".write(
      toFile: workspace.nightlyManifestPath(day), atomically: true, encoding: .utf8)
    var reported: [Day] = []
    let finished = ServedNight.finishedNights(in: workspace) { night, _ in reported.append(night) }
    XCTAssertTrue(finished.isEmpty)
    XCTAssertEqual(reported, [day])
  }
}
