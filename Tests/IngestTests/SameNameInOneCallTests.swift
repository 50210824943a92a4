import DemandCore
import History
import Ingest
import XCTest

/// Two different files with the same base name in one call (from two folders): the first in path
/// order is taken, the second is a name conflict, however many workers parse them.
final class SameNameInOneCallTests: XCTestCase {
  let first = "date,store_id,sku_id,quantity\n2025-03-01,S001,P001,2\n2025-03-01,S001,P777,1\n"
  let second = "date,store_id,sku_id,quantity\n2025-03-02,S001,P001,5\n2025-03-02,S001,P888,1\n"

  func testSecondFileIsANameConflictWithAnyNumberOfWorkers() throws {
    for workers in [1, 2] {
      let f = try IngestFixture()
      try f.loadMasterData()
      let report = try f.run(
        [try f.write(first, to: "a/tx.csv"), try f.write(second, to: "b/tx.csv")],
        maximumRejectShare: 1, workers: workers)
      XCTAssertEqual(report.files.map(\.outcome), [.ingested, .failed], "workers \(workers)")
      XCTAssertEqual(
        report.files[1].message,
        "tx.csv: a different file of this name was ingested at 2025-03-31T06:00:00Z; "
          + "give --replace to supersede it, or rename the new file.", "workers \(workers)")
      XCTAssertTrue(report.files.allSatisfy(\.reconciles), "workers \(workers)")
      XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2], "workers \(workers)")
      // The quarantine of the stored file is not overwritten by the one that was not stored.
      XCTAssertEqual(
        try f.quarantine("tx.csv").map { $0[3] }, ["SKU 'P777' is not in the master data"],
        "workers \(workers)")
    }
  }

  func testWithReplaceTheLaterPathSupersedesTheEarlier() throws {
    for workers in [1, 2] {
      let f = try IngestFixture()
      try f.loadMasterData()
      let report = try f.run(
        [try f.write(first, to: "a/tx.csv"), try f.write(second, to: "b/tx.csv")], replace: true,
        maximumRejectShare: 1, workers: workers)
      XCTAssertEqual(report.files.map(\.outcome), [.ingested, .ingested], "workers \(workers)")
      XCTAssertEqual(
        try f.series("S001", "P001").map(\.unitsSold), [5],
        "only the later file's day remains, workers \(workers)")
      XCTAssertEqual(
        try f.database.ledger().filter { $0.fileName == "tx.csv" }.map(\.status),
        [.replaced, .ingested],
        "workers \(workers)")
    }
  }
}
