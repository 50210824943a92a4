import DemandCore
import Foundation
import Monitoring
import Pipeline
import Synthetic
import XCTest

/// The drift stage on small generated chains: one where a share of the series changes level and
/// weekly profile, and its twin (same seed) where nothing changes.
final class DriftStageTests: XCTestCase {
  static let start = Day(iso: "2023-01-02")!
  /// Day index 420: late February 2024, away from the year-end holidays.
  static let onset = start.adding(days: 420)
  /// Two weeks after the onset: the newest two weeks are drifted, the 28-day window half.
  static let runDate = onset.adding(days: 14)

  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-drift-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Generates 30 stores × 80 SKUs × 450 days (a share of the series drifting from `onset`
  /// when `driftShare` > 0), ingests it, and returns the workspace and the drifted series.
  func chain(name: String, driftShare: Double) throws -> (Workspace, Set<SeriesKey>) {
    let configuration = ChainConfiguration(
      storeCount: 30, skuCount: 80, start: Self.start, dayCount: 450, transactionDayCount: 0,
      seed: 5, driftStart: driftShare > 0 ? Self.onset : nil, driftShare: driftShare,
      truthStart: Self.start.adding(days: 449))
    let out = directory.appendingPathComponent(name).path
    _ = try ChainGenerator(configuration: configuration).write(to: out, progress: nil)
    let workspace = try Workspace(path: directory.appendingPathComponent("ws-" + name).path)
    _ = try IngestStage.run(
      workspace: workspace, paths: [out + "/master", out + "/history"],
      asOf: Day(iso: "2025-01-01")!, logger: .init(label: "test"))
    let truth = try String(contentsOfFile: out + "/truth/drifted_series.csv", encoding: .utf8)
    let drifted = Set(
      truth.split(separator: "\n").dropFirst().map { line in
        let fields = line.split(separator: ",")
        return SeriesKey(store: StoreID(String(fields[0])), sku: SKUID(String(fields[1])))
      })
    return (workspace, drifted)
  }

  /// A quarter of the series drift. Two weeks after the onset the level tests flag the chain
  /// and every region (about 250 scored series each; the categories, about 120 each, are
  /// flagged only in part at this size); the twin is flagged nowhere on demand. Promotions
  /// are the same in both chains (the drift does not touch them), so their findings are
  /// identical: in categories of eight SKUs one campaign moves the promotion share, a real
  /// change in the promotion mix but not the drift under test.
  func testDriftedChainIsFlaggedAndItsTwinIsNot() throws {
    let (drifting, truth) = try chain(name: "drift", driftShare: 0.25)
    let (steady, noTruth) = try chain(name: "steady", driftShare: 0)
    XCTAssertTrue(noTruth.isEmpty)
    XCTAssertGreaterThan(truth.count, 500)

    let drifted = try XCTUnwrap(
      DriftStage.evaluate(workspace: drifting, dates: [Self.runDate]).first)
    let level = drifted.findings.filter { $0.feature == .demandLevel }
    let segments = Set(level.map(\.segment))
    XCTAssertEqual(segments.count, 1 + 5 + 10, "chain, 5 regions, 10 categories")
    let flagged = Set(level.filter(\.drifted).map(\.segment))
    let regions = ["Central", "East", "North", "South", "West"].map(DriftSegment.region)
    for segment in ["chain"] + regions {
      XCTAssertTrue(flagged.contains(segment), "\(segment) not flagged: \(flagged.sorted())")
    }

    // The per-series detector finds drifted series and little else.
    let shifted = drifted.shiftedSeries
    let hits = shifted.filter(truth.contains).count
    XCTAssertGreaterThanOrEqual(hits, 5)
    XCTAssertGreaterThanOrEqual(hits * 10, shifted.count * 8, "precision below 80 %")

    let twin = try DriftStage.run(workspace: steady, date: Self.runDate)
    XCTAssertEqual(twin.count, drifted.findings.count)
    let demand: Set<DriftFinding.Feature> = [.demandLevel, .weekdayProfile]
    XCTAssertEqual(
      twin.filter { $0.drifted && demand.contains($0.feature) }, [],
      "the undrifted twin is flagged")
    let prices: Set<DriftFinding.Feature> = [.price, .promotionShare]
    XCTAssertEqual(
      twin.filter { prices.contains($0.feature) },
      drifted.findings.filter { prices.contains($0.feature) })

    // Before the onset the two chains are the same data: same findings.
    let before = Self.onset.adding(days: -1)
    XCTAssertEqual(
      try DriftStage.run(workspace: drifting, date: before),
      try DriftStage.run(workspace: steady, date: before))
  }

  func testWritesDriftCSVAndRefusesDaysWithoutHistory() throws {
    let (workspace, _) = try chain(name: "small", driftShare: 0.25)
    let findings = try DriftStage.run(workspace: workspace, date: Self.runDate)
    let path = try DriftStage.write(findings, date: Self.runDate, workspace: workspace)
    XCTAssertEqual(path, workspace.reportDirectory + "/" + Self.runDate.iso + "/drift.csv")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix(DriftFiles.csvHeader))
    XCTAssertEqual(text.split(separator: "\n").count, findings.count + 1)
    XCTAssertEqual(String(decoding: DriftFiles.csv(findings), as: UTF8.self), text)
    XCTAssertThrowsError(
      try DriftStage.run(workspace: workspace, date: Self.start.adding(days: 450))
    ) { error in
      XCTAssertTrue("\(error)".contains("after the last day with demand"), "\(error)")
    }
    XCTAssertThrowsError(
      try DriftStage.run(
        workspace: workspace, date: Self.runDate, settings: DriftSettings(referenceDays: 365))
    ) { error in
      XCTAssertTrue("\(error)".contains("reference_days"), "\(error)")
    }
  }
}
