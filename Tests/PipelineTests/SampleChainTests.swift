import DemandCore
import Foundation
import History
import Ingest
import Pipeline
import Synthetic
import XCTest

/// The committed sample chain (`data/sample`): reproducible, and ingested without loss.
final class SampleChainTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let sample = root.appendingPathComponent("data/sample")

  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-sample-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Regenerating with the recorded command reproduces every committed file byte for byte.
  func testSampleChainRegeneratesByteForByte() throws {
    let configuration = ChainConfiguration(
      storeCount: 10, skuCount: 60, start: Day(iso: "2024-11-01")!, dayCount: 730,
      transactionDayCount: 14, seed: 7)
    let out = directory.appendingPathComponent("chain").path
    _ = try ChainGenerator(configuration: configuration).write(to: out, progress: nil)
    let committed = try files(under: Self.sample.path)
    XCTAssertGreaterThan(committed.count, 40)
    for relative in committed {
      let expected = try Data(contentsOf: Self.sample.appendingPathComponent(relative))
      let produced = try Data(
        contentsOf: URL(fileURLWithPath: out).appendingPathComponent(relative))
      XCTAssertEqual(produced, expected, "\(relative) differs from the committed sample")
    }
  }

  /// Every row is stored or quarantined, and the transactions add up to the generator's own
  /// per-day sales (`truth/transaction_day_sales.csv`, computed by the generator, not by ingest).
  func testSampleIngestReconcilesWithGeneratorTotals() throws {
    let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
    let paths = ["master", "history", "inventory", "inbox"].map {
      Self.sample.appendingPathComponent($0).path
    }
    let report = try IngestStage.run(
      workspace: workspace, paths: paths, asOf: Day(iso: "2026-11-01")!,
      logger: .init(label: "test"))
    XCTAssertFalse(report.hasRejectedFiles, "\(report.files.filter { $0.outcome != .ingested })")
    for file in report.files {
      XCTAssertTrue(file.reconciles, "\(file.fileName) does not reconcile")
    }
    XCTAssertEqual(report.rowsRead, report.rowsStored + report.rowsQuarantined)
    XCTAssertEqual(report.rowsQuarantined, 0)

    // Reference: the generator's own totals of what it wrote as transactions.
    var truthUnits = 0.0
    var truthRows = 0
    let truth = try String(
      contentsOf: Self.sample.appendingPathComponent("truth/transaction_day_sales.csv"),
      encoding: .utf8)
    for line in truth.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",")
      let units = Double(fields[3]) ?? .nan
      truthUnits += units
      if units > 0 { truthRows += 1 }  // rows with only a stock-out have no transaction lines
    }
    let database = try workspace.openDatabase()
    let ledger = try database.ledger()
    let transactionFiles = ledger.filter { $0.kind == .transactions }
    XCTAssertEqual(transactionFiles.count, 14)
    let summary = try database.summary()
    XCTAssertEqual(summary.stores, 10)
    XCTAssertEqual(summary.skus, 60)
    XCTAssertEqual(summary.firstDay, Day(iso: "2024-11-01"))
    XCTAssertEqual(summary.lastDay, Day(iso: "2026-10-31"))
    XCTAssertGreaterThan(summary.stockoutDays, 0, "the sample has censored days")

    // Units sold over the transaction days equal the generator's sales for those days.
    let firstTransactionDay = Day(iso: "2026-10-18")!
    var ingestedUnits = 0.0
    var cells = 0
    for (storeKey, _) in try database.masterIndex().stores {
      for block in try database.demandBlocks(
        storeKey: storeKey, from: firstTransactionDay, through: Day(iso: "2026-10-31")!)
      {
        ingestedUnits += block.unitsSold.reduce(0, +)
        cells += block.unitsSold.filter { $0 > 0 }.count
      }
    }
    XCTAssertEqual(ingestedUnits, truthUnits, accuracy: 1e-9)
    XCTAssertEqual(cells, truthRows)

    // Ingesting everything again is a no-op.
    let again = try IngestStage.run(
      workspace: workspace, paths: paths, asOf: Day(iso: "2026-11-01")!,
      logger: .init(label: "test"))
    XCTAssertTrue(again.files.allSatisfy { $0.outcome == .alreadyIngested })
    XCTAssertEqual(try database.summary(), summary)
  }

  private func files(under root: String) throws -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: root)
    var result: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
      if !isDirectory.boolValue { result.append(relative) }
    }
    return result.sorted()
  }
}
