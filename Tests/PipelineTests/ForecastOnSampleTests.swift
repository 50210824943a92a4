import DemandCore
import Forecasting
import Foundation
import Models
import Pipeline
import XCTest

/// Training, forecasting and backtesting on the committed sample chain through the stages the
/// commands call: deterministic, and the calibrated interval covers about what it claims.
final class ForecastOnSampleTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-forecast-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  private func ingestedSample(_ name: String) throws -> Workspace {
    let workspace = try Workspace(path: directory.appendingPathComponent(name).path)
    _ = try IngestStage.run(
      workspace: workspace,
      paths: ["master", "history", "inventory", "inbox"].map {
        SampleChainTests.sample.appendingPathComponent($0).path
      }, asOf: Day(iso: "2026-11-01")!, logger: .init(label: "test"))
    return workspace
  }

  /// Two workspaces from the same files give byte-identical fitted sets and forecasts.
  func testTrainingAndForecastAreByteForByteDeterministic() throws {
    var outputs: [(Data, Data)] = []
    var versions: [(fingerprint: String, artifact: String)] = []
    let configuration = ForecastConfiguration(horizonDays: 14, historyWindowDays: 200)
    for name in ["a", "b"] {
      let workspace = try ingestedSample(name)
      let trained = try TrainStage.run(
        workspace: workspace, asOf: nil, configuration: configuration, logger: .init(label: "t"))
      XCTAssertEqual(trained.lastTrainingDay, Day(iso: "2026-10-31"))
      versions.append((trained.version.dataFingerprint, trained.version.artifactSHA256))
      let forecast = try ForecastStage.run(
        workspace: workspace, date: trained.lastTrainingDay, horizon: 14, outDirectory: nil,
        logger: .init(label: "t"))
      XCTAssertEqual(forecast.rows, forecast.series * 14)
      outputs.append(
        (
          try Data(contentsOf: URL(fileURLWithPath: workspace.fittedSetPath)),
          try Data(contentsOf: URL(fileURLWithPath: forecast.path))
        ))
    }
    XCTAssertEqual(outputs[0].0, outputs[1].0, "fitted sets differ")
    XCTAssertEqual(outputs[0].1, outputs[1].1, "forecasts differ")
    // The registry records the same history and the same artifact in both workspaces.
    XCTAssertEqual(versions[0].fingerprint, versions[1].fingerprint)
    XCTAssertEqual(versions[0].artifact, versions[1].artifact)
  }

  /// On the sample's last 28 days: every family and the selection are scored on the same
  /// points, the selection is no worse than the seasonal naive, and the calibrated 80 %
  /// interval covers between 70 % and 90 % of the uncensored days (the band is 75–85 %
  /// at chain scale; 600 series leave a few points of sampling noise).
  func testBacktestOnTheSampleScoresEveryFamilyAndCoversAboutEightyPercent() throws {
    let workspace = try ingestedSample("bt")
    let outcome = try BacktestStage.run(
      workspace: workspace, holdoutDays: 28, truthPath: nil, outDirectory: nil,
      configuration: ForecastConfiguration(historyWindowDays: 365), logger: .init(label: "t"))
    let rows = outcome.result.metrics.filter { $0.scope == .all }
    let models = Set(rows.map(\.model))
    XCTAssertEqual(
      models, Set(ModelFamily.allCases.map(\.rawValue) + ["selected"]), "\(models)")
    let selected = try XCTUnwrap(rows.first { $0.model == "selected" }?.metrics)
    let naive = try XCTUnwrap(rows.first { $0.model == "seasonal_naive" }?.metrics)
    XCTAssertLessThan(selected.wape, naive.wape)
    XCTAssertGreaterThan(selected.coverage80, 0.70)
    XCTAssertLessThan(selected.coverage80, 0.90)
    // holdout.csv is streamed store by store (Result.holdout stays empty): 28 rows per series,
    // each store's rows together, stores in the source's order.
    XCTAssertTrue(outcome.result.holdout.isEmpty)
    let lines = try String(contentsOfFile: outcome.directory + "/holdout.csv", encoding: .utf8)
      .split(separator: "\n").dropFirst()
    XCTAssertEqual(lines.count, 28 * outcome.result.series.count)
    let stores = lines.map { $0.prefix { $0 != "," } }
    XCTAssertEqual(stores.map(String.init), stores.map(String.init).sorted())
    XCTAssertEqual(Set(stores).count, Set(outcome.result.series.map(\.key.store)).count)
    for file in ["metrics.csv", "holdout.csv", "series.csv"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: outcome.directory + "/" + file), file)
    }
  }
}
