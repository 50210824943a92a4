import DemandCore
import Forecasting
import Foundation
import GRDB
import Logging
import Pipeline
import Registry
import Synthetic
import XCTest
import _Digest
import _TestSupport

/// `shelfcast registry upgrade`: a version whose artifact is in the version-1 JSON format is
/// rewritten in the current format, audited, and serves the same forecasts; a current one is
/// left alone.
final class RegistryUpgradeTests: XCTestCase {
  func testAVersionOneArtifactIsRewrittenAndForecastsTheSame() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-upgrade")
    let chain = directory.path("chain")
    let start = Day(iso: "2026-01-01")!
    _ = try ChainGenerator(
      configuration: ChainConfiguration(
        storeCount: 2, skuCount: 6, start: start, dayCount: 150, transactionDayCount: 0, seed: 9)
    ).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: start.adding(days: 200), logger: logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: nil, configuration: ForecastConfiguration(horizonDays: 7),
      logger: logger)
    let registry = try workspace.openRegistry()
    XCTAssertEqual(try registry.upgradeArtifacts().map(\.rewritten), [false])

    // The champion's artifact as version 1 wrote it: the set's JSON with sorted keys.
    let version = try registry.show("v0001")
    var set = try registry.loadFittedSet("v0001")
    set.formatVersion = 1
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let json = try encoder.encode(set)
    XCTAssertEqual(json.first, UInt8(ascii: "{"))
    try json.write(to: URL(fileURLWithPath: registry.artifactPath(version)))
    let queue = try DatabaseQueue(path: workspace.databasePath)
    try queue.write { db in
      try db.execute(
        sql: "UPDATE model_version SET artifact_sha256 = ?, artifact_bytes = ? WHERE id = 'v0001'",
        arguments: [
          SHA256.hash(data: json).map { String(format: "%02x", $0) }.joined(), json.count,
        ])
    }
    let before = try Forecaster(fittedSet: try registry.loadFittedSet("v0001")).forecast(
      source: try HistoryStoreSource(database: try workspace.openDatabase()),
      runDate: start.adding(days: 149), horizon: 7, levels: [0.1, 0.5, 0.9])

    let upgrades = try registry.upgradeArtifacts()
    XCTAssertEqual(upgrades.map(\.rewritten), [true])
    XCTAssertLessThan(upgrades[0].bytesAfter, upgrades[0].bytesBefore)
    let upgraded = try registry.show("v0001")
    XCTAssertEqual(upgraded.artifactFile, "v0001.v3.fitted")
    XCTAssertFalse(FileManager.default.fileExists(atPath: registry.artifactPath(version)))
    let after = try Forecaster(fittedSet: try registry.loadFittedSet("v0001")).forecast(
      source: try HistoryStoreSource(database: try workspace.openDatabase()),
      runDate: start.adding(days: 149), horizon: 7, levels: [0.1, 0.5, 0.9])
    XCTAssertEqual(after.flatMap(\.series), before.flatMap(\.series))
    XCTAssertEqual(try registry.audit.entries().last?.action, .artifactUpgrade)
    XCTAssertTrue(try registry.audit.verify().isIntact)
    XCTAssertEqual(try registry.upgradeArtifacts().map(\.rewritten), [false])
  }
}
