import DemandCore
import Foundation
import History
import Ingest
import XCTest

/// Every row read is stored or quarantined, per file and in the manifest written to disk.
final class ReconciliationTests: XCTestCase {
  /// Master data, transactions (2 bad of 5), daily demand (1 bad of 3) and a snapshot, in one call.
  func writeMixedDelivery(_ f: IngestFixture) throws -> [String] {
    [
      try f.write(IngestFixture.stores, to: "in/stores.csv"),
      try f.write(IngestFixture.skus, to: "in/skus.csv"),
      try f.write(
        """
        date,store_id,sku_id,quantity,unit_price,promo
        2025-03-01,S001,P001,2,1.20,0
        2025-03-01,S001,P001,1,1.20,1
        2025-03-02,S001,P002,3,2.50,0
        2025-03-02,S009,P002,3,2.50,0
        2025-03-02,S001,P002,x,2.50,0

        """, to: "in/tx.csv"),
      try f.write(
        """
        store_id,sku_id,date,units,stockout
        S001,P003,2025-03-01,4,0
        S001,P003,2025-03-02,0,1
        S001,P003,2025-03-02,1,0

        """, to: "in/daily.csv"),
      try f.write(
        "store_id,sku_id,on_hand,on_order\nS001,P001,0,12\nS001,P002,5,0\n",
        to: "in/on_hand_2025-03-02.csv"),
    ]
  }

  func testCountsReconcilePerFile() throws {
    let f = try IngestFixture()
    let report = try f.run(writeMixedDelivery(f), maximumRejectShare: 0.5)
    let expected: [String: (read: Int, valid: Int, quarantined: Int)] = [
      "stores.csv": (2, 2, 0), "skus.csv": (3, 3, 0), "tx.csv": (5, 3, 2), "daily.csv": (3, 2, 1),
      "on_hand_2025-03-02.csv": (2, 2, 0),
    ]
    XCTAssertEqual(report.files.count, expected.count)
    for file in report.files {
      let counts = try expected[file.fileName].orThrow("unexpected file \(file.fileName)")
      XCTAssertEqual(file.outcome, .ingested, file.fileName)
      XCTAssertEqual(
        [file.rowsRead, file.rowsValid, file.rowsQuarantined, file.rowsStored],
        [counts.read, counts.valid, counts.quarantined, counts.valid], file.fileName)
      XCTAssertEqual(file.rowsRead, file.rowsValid + file.rowsQuarantined, file.fileName)
      XCTAssertTrue(file.reconciles, file.fileName)
      if file.rowsQuarantined > 0 {
        XCTAssertEqual(try f.quarantine(file.fileName).count, file.rowsQuarantined, file.fileName)
      } else {
        XCTAssertNil(file.quarantineFile, file.fileName)
      }
    }
    XCTAssertEqual([report.rowsRead, report.rowsStored, report.rowsQuarantined], [15, 12, 3])
    XCTAssertFalse(report.hasRejectedFiles)
    let totals = try report.totals.orThrow("the report has no totals")
    XCTAssertEqual(
      [
        totals.files, totals.filesIngested, totals.filesRefusedOrFailed, totals.rowsRead,
        totals.rowsValid, totals.rowsQuarantined, totals.rowsStored,
      ],
      [5, 5, 0, 15, 12, 3, 12])
    XCTAssertTrue(totals.reconciles)
    let ledger = try f.database.ledger()
    XCTAssertEqual(ledger.map(\.rowsStored).reduce(0, +), 12)
    XCTAssertEqual(ledger.map(\.rowsQuarantined).reduce(0, +), 3)
  }

  func testManifestOnDiskIsTheReport() throws {
    let f = try IngestFixture()
    let report = try f.run(writeMixedDelivery(f), maximumRejectShare: 0.5)
    XCTAssertEqual(report.manifestPath, f.manifestDirectory + "/ingest-20250331T060000Z.json")
    let onDisk = try f.manifest(of: report)
    XCTAssertEqual(onDisk, report)
    XCTAssertEqual(onDisk.asOf, f.asOf)
    XCTAssertEqual(onDisk.startedAt, "2025-03-31T06:00:00Z")
    for file in onDisk.files {
      XCTAssertEqual(file.rowsRead, file.rowsValid + file.rowsQuarantined, file.fileName)
    }
    // The JSON itself, read without the Codable types, adds up the same way.
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: report.manifestPath!)))
    let files = try ((json as? [String: Any])?["files"] as? [[String: Any]]).orThrow(
      "no files array")
    let read = files.map { $0["rowsRead"] as? Int ?? -1 }
    let valid = files.map { $0["rowsValid"] as? Int ?? -1 }
    let quarantined = files.map { $0["rowsQuarantined"] as? Int ?? -1 }
    XCTAssertEqual(read, zip(valid, quarantined).map(+))
    XCTAssertEqual(read.reduce(0, +), 15)
  }

  func testEachCallWritesItsOwnManifest() throws {
    let f = try IngestFixture()
    let first = try f.run([try f.write(IngestFixture.stores, to: "stores.csv")])
    let second = try f.run([try f.write(IngestFixture.skus, to: "skus.csv")])
    XCTAssertEqual(first.manifestPath, f.manifestDirectory + "/ingest-20250331T060000Z.json")
    XCTAssertEqual(second.manifestPath, f.manifestDirectory + "/ingest-20250331T060000Z-2.json")
    XCTAssertEqual(try f.manifest(of: first).files.map(\.fileName), ["stores.csv"])
    XCTAssertEqual(try f.manifest(of: second).files.map(\.fileName), ["skus.csv"])
  }

  func testEveryFileReportsHowLongItTook() throws {
    let f = try IngestFixture()
    let report = try f.run(writeMixedDelivery(f), maximumRejectShare: 0.5)
    XCTAssertGreaterThan(report.durationSeconds, 0)
    for file in report.files {
      XCTAssertGreaterThan(file.durationSeconds, 0, file.fileName)
      XCTAssertLessThanOrEqual(file.durationSeconds, report.durationSeconds, file.fileName)
    }
  }

  /// Files are parsed in parallel but committed in path order: the stored result and the ledger
  /// must not depend on the number of workers.
  func testResultDoesNotDependOnWorkers() throws {
    var outcomes: [(HistorySummary, [String], [DailyDemand])] = []
    for workers in [1, 3] {
      let f = try IngestFixture()
      let paths =
        try writeMixedDelivery(f) + [
          try f.write(
            "date,store_id,sku_id,quantity\n2025-03-03,S001,P001,7\n", to: "in/more/tx2.csv"),
          try f.write(
            "date,store_id,sku_id,quantity\n2025-03-03,S001,P001,1\n", to: "in/more/tx3.csv"),
        ]
      try f.run(paths, maximumRejectShare: 0.5, workers: workers)
      outcomes.append(
        (
          try f.database.summary(), try f.database.ledger().map(\.fileName),
          try f.series("S001", "P001")
        ))
    }
    XCTAssertEqual(outcomes[0].0, outcomes[1].0)
    XCTAssertEqual(outcomes[0].1, outcomes[1].1)
    XCTAssertEqual(outcomes[0].2, outcomes[1].2)
    XCTAssertEqual(outcomes[0].2.map(\.unitsSold), [3, 0, 8])
  }
}
