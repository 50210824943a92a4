import Foundation
import XCTest
import _TestSupport

/// A promotion killed inside its transaction, after it replaced `models/fitted-set.json`: the
/// registry still names the old champion, and every command keeps serving it (from its
/// registry artifact, never from the replaced file), and the next writer repairs the file.
final class PromotionHazardTests: XCTestCase {
  func testAPromotionKilledInsideItsTransactionLeavesTheChampionInService() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-promotion-hazard")
    let chain = directory.path("chain")
    let workspace = directory.path("ws")
    try expectSuccess([
      "generate", "--stores", "2", "--skus", "6", "--start", "2026-01-01", "--days", "150",
      "--transaction-days", "0", "--seed", "3", "--out", chain,
    ])
    try expectSuccess([
      "ingest", "--workspace", workspace, "--as-of", "2026-12-31", chain + "/master",
      chain + "/history",
    ])
    try expectSuccess(["train", "--workspace", workspace, "--horizon", "14", "--quiet"])
    try expectSuccess([
      "train", "--workspace", workspace, "--horizon", "14", "--history-days", "120", "--quiet",
    ])
    let file = { (path: String) in try Data(contentsOf: URL(fileURLWithPath: workspace + path)) }
    let forecastCSV = "/reports/2026-05-30/forecast.csv"
    try expectSuccess(["forecast", "--workspace", workspace, "--horizon", "14", "--quiet"])
    let before = try file(forecastCSV)

    let killed = try ShelfCastProcess.run(
      ["registry", "promote", "v0002", "--workspace", workspace, "--reason", "test"],
      environment: ["SHELFCAST_CRASH_AT": "registry.serving-written-uncommitted"])
    XCTAssertEqual(killed.status, SIGKILL, "killed at the crash point: \(killed.error)")
    XCTAssertEqual(
      try file("/models/fitted-set.json"), try file("/models/versions/v0002.json"),
      "the hazard: the file is the unpromoted version's")
    let list = try ShelfCastProcess.run(["registry", "list", "--workspace", workspace])
    XCTAssertTrue(
      list.output.split(separator: "\n").contains {
        $0.hasPrefix("v0001") && $0.contains("champion")
      },
      list.output)

    try FileManager.default.removeItem(atPath: workspace + forecastCSV)
    try expectSuccess(["forecast", "--workspace", workspace, "--horizon", "14", "--quiet"])
    XCTAssertEqual(try file(forecastCSV), before, "the champion v0001 still forecasts")
    XCTAssertEqual(
      try file("/models/fitted-set.json"), try file("/models/versions/v0001.json"),
      "the forecast repaired the serving copy")

    try expectSuccess(["registry", "promote", "v0002", "--workspace", workspace, "--reason", "t"])
    XCTAssertEqual(try file("/models/fitted-set.json"), try file("/models/versions/v0002.json"))
    try expectSuccess(["audit", "verify", "--workspace", workspace])
  }

  /// Killed after the commit, before the model cards and `selection.csv`: running the same
  /// promotion again refuses it as done (64) but first rewrites those files, so they equal an
  /// uninterrupted promotion's.
  func testAPromotionKilledAfterItsCommitIsCompletedByRunningItAgain() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-promotion-after")
    var files: [[String: Data]] = []
    for kill in [false, true] {
      let workspace = directory.path(kill ? "killed" : "whole")
      try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
      try twoVersions(workspace, chain: directory.path("chain"))
      let promote = [
        "registry", "promote", "v0002", "--workspace", workspace, "--reason", "test",
      ]
      if kill {
        let killed = try ShelfCastProcess.run(
          promote, environment: ["SHELFCAST_CRASH_AT": "registry.promoted"])
        XCTAssertEqual(killed.status, SIGKILL, killed.error)
        let again = try ShelfCastProcess.run(promote)
        XCTAssertEqual(again.status, 64, again.error)
      } else {
        try expectSuccess(promote)
      }
      var read: [String: Data] = [:]
      for path in ["models/selection.csv", "models/fitted-set.json", "models/abc-classes.csv"] {
        read[path] = try Data(contentsOf: URL(fileURLWithPath: workspace + "/" + path))
      }
      for id in ["v0001", "v0002"] {
        let card = try String(
          contentsOfFile: workspace + "/reports/models/\(id).md", encoding: .utf8)
        read[id] = Data(
          card.replacingOccurrences(
            of: #"\d{4}-\d\d-\d\dT[0-9:.]+Z"#, with: "<time>", options: .regularExpression
          ).utf8)
      }
      files.append(read)
    }
    XCTAssertEqual(files[0].keys.sorted(), files[1].keys.sorted())
    for key in files[0].keys.sorted() { XCTAssertEqual(files[0][key], files[1][key], key) }
  }

  /// A chain, its history ingested into `workspace`, v0001 (champion) and v0002 (candidate).
  private func twoVersions(_ workspace: String, chain: String) throws {
    if !FileManager.default.fileExists(atPath: chain) {
      try expectSuccess([
        "generate", "--stores", "2", "--skus", "6", "--start", "2026-01-01", "--days", "150",
        "--transaction-days", "0", "--seed", "3", "--out", chain,
      ])
    }
    try expectSuccess([
      "ingest", "--workspace", workspace, "--as-of", "2026-12-31", chain + "/master",
      chain + "/history",
    ])
    try expectSuccess(["train", "--workspace", workspace, "--horizon", "14", "--quiet"])
    try expectSuccess([
      "train", "--workspace", workspace, "--horizon", "14", "--history-days", "120", "--quiet",
    ])
  }

  private func expectSuccess(
    _ arguments: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let result = try ShelfCastProcess.run(arguments)
    XCTAssertEqual(result.status, 0, "\(arguments): \(result.error)", file: file, line: line)
  }
}
