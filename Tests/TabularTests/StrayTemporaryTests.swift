import Foundation
import XCTest
import _TestSupport

@testable import Tabular

/// What a run killed between writing a temporary file and renaming it leaves, and its removal.
final class StrayTemporaryTests: XCTestCase {
  func testTheOwnerIsReadFromTheTemporaryNameOnly() {
    XCTAssertEqual(AtomicFile.temporaryOwner(".forecast.csv.tmp-4242"), 4242)
    XCTAssertEqual(AtomicFile.temporaryOwner("..csv.tmp-7"), 7)
    for name in [
      "forecast.csv.tmp-4242", ".forecast.csv.tmp-", ".forecast.csv.tmp-12a", ".tmp-42",
      ".forecast.csv", ".forecast.csv.tmp-1234567890", ".x.tmp--3", "report.html",
    ] {
      XCTAssertNil(AtomicFile.temporaryOwner(name), name)
    }
  }

  /// A child that exits at once leaves a pid no process has (until the system reuses it).
  private func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  func testStrayTemporariesAreRemovedInEverySubfolderAndNothingElse() throws {
    let directory = try TemporaryDirectory()
    let dead = try deadProcessID()
    let alive = getpid()
    try directory.write("half", to: "reports/2026-01-01/.forecast.csv.tmp-\(dead)")
    try directory.write("half", to: "reports/.metrics.prom.tmp-\(dead)")
    try directory.write("being written", to: "reports/.alerts.csv.tmp-\(alive)")
    try directory.write("whole", to: "reports/2026-01-01/forecast.csv")
    try directory.write("hidden, not ours", to: "reports/.keep")
    try directory.write("named like one", to: "reports/x.tmp-\(dead)")
    XCTAssertEqual(AtomicFile.removeStrayTemporaries(under: directory.path("reports")), 2)
    XCTAssertEqual(try directory.contents(of: "reports/2026-01-01"), ["forecast.csv"])
    XCTAssertEqual(
      try directory.contents(of: "reports").sorted(),
      [".alerts.csv.tmp-\(alive)", ".keep", "2026-01-01", "x.tmp-\(dead)"])
    XCTAssertEqual(AtomicFile.removeStrayTemporaries(under: directory.path("missing")), 0)
  }

  /// A symbolic link to a folder is not followed: what it points to is not the workspace's.
  func testLinksAreNotFollowed() throws {
    let directory = try TemporaryDirectory()
    let dead = try deadProcessID()
    try directory.write("elsewhere", to: "outside/.data.csv.tmp-\(dead)")
    try FileManager.default.createDirectory(
      atPath: directory.path("reports"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: directory.path("reports/link"), withDestinationPath: directory.path("outside"))
    XCTAssertEqual(AtomicFile.removeStrayTemporaries(under: directory.path("reports")), 0)
    XCTAssertEqual(try directory.contents(of: "outside"), [".data.csv.tmp-\(dead)"])
  }
}

/// `SHELFCAST_CRASH_AT`'s grammar; the kill itself is exercised by `make test-crash`.
final class CrashPointTests: XCTestCase {
  func testTheTargetIsANameAndAnOptionalHitNumber() {
    XCTAssertEqual(CrashPoint.Settings.parse("ingest.committed")?.name, "ingest.committed")
    XCTAssertEqual(CrashPoint.Settings.parse("ingest.committed")?.hit, 1)
    XCTAssertEqual(
      CrashPoint.Settings.parse("atomic-file.before-rename:12")?.name, "atomic-file.before-rename")
    XCTAssertEqual(CrashPoint.Settings.parse("atomic-file.before-rename:12")?.hit, 12)
    for bad in ["", "x:0", "x:-1", "x:", "x:two"] {
      XCTAssertNil(CrashPoint.Settings.parse(bad), bad)
    }
  }

  /// Neither variable set: no settings, so a hit does nothing (this process is still alive).
  func testWithoutTheVariablesAHitDoesNothing() {
    XCTAssertNil(CrashPoint.Settings(crashAt: nil, trace: nil))
    XCTAssertNil(CrashPoint.Settings(crashAt: "", trace: ""))
    CrashPoint.hit("test.nothing")
  }

  func testTheTraceNumbersEachNamesHits() throws {
    let directory = try TemporaryDirectory()
    let trace = directory.path("trace.tsv")
    let settings = try XCTUnwrap(CrashPoint.Settings(crashAt: "other:5", trace: trace))
    settings.hit("a", detail: "first")
    settings.hit("b", detail: "tab\there")
    settings.hit("a", detail: "")
    XCTAssertEqual(
      try String(contentsOfFile: trace, encoding: .utf8), "a\t1\tfirst\nb\t1\ttabhere\na\t2\t\n")
  }
}
