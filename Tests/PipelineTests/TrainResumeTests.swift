import DemandCore
import Foundation
import Logging
import Pipeline
import Registry
import Synthetic
import XCTest
import _TestSupport

/// A `train` killed after its registration and run again finds the identical candidate it
/// registered instead of registering a second one; a training that differs registers anew.
final class TrainResumeTests: XCTestCase {
  func testTheSameTrainingTwiceRegistersOneVersion() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-train-resume")
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let start = Day(iso: "2026-01-01")!
    _ = try ChainGenerator(
      configuration: ChainConfiguration(
        storeCount: 2, skuCount: 5, start: start, dayCount: 120, transactionDayCount: 0,
        seed: 4)
    ).write(to: directory.path("chain"), progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace,
      paths: [directory.path("chain") + "/master", directory.path("chain") + "/history"],
      asOf: start.adding(days: 200), logger: logger)
    let configuration = try TrainingSettings(horizonDays: 7).forecastConfiguration()
    let asOf = start.adding(days: 110)
    let first = try TrainStage.run(
      workspace: workspace, asOf: asOf, configuration: configuration, logger: logger,
      registration: .init(reason: "weekly"))
    let second = try TrainStage.run(
      workspace: workspace, asOf: asOf, configuration: configuration, logger: logger,
      registration: .init(reason: "weekly"))
    XCTAssertEqual(second.version.id, first.version.id)
    XCTAssertEqual(try workspace.openRegistry().list().map(\.id), ["v0001"])
    let later = try TrainStage.run(
      workspace: workspace, asOf: asOf.adding(days: 5), configuration: configuration,
      logger: logger, registration: .init(reason: "weekly"))
    XCTAssertEqual(later.version.id, "v0002")
  }
}
