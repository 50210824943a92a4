import DemandCore
import History
import Ingest
import XCTest

/// A covariates file is recognised by its header, every row is stored or quarantined with its
/// line, column and reason, and a missing value is kept as missing.
final class CovariateIngestTests: XCTestCase {
  func testCovariatesAreStoredWithTheirScopesAndMissingValues() throws {
    let f = try IngestFixture()
    let covariates = """
      date,store_id,sku_id,category,name,value,known_in_advance
      2025-03-01,,,,event,1,1
      2025-03-02,S001,,,snap,NA,
      2025-03-02,S001,P001,,markdown,2.5,1
      2025-03-03,,,dairy,temperature,-3.25,0
      2025-03-03,S009,,,snap,1,1
      2025-03-04,,P001,dairy,markdown,1,1
      2025-03-01,,,,event,0,1
      2025-03-05,,,,temperature,4,1
      2025-03-06,,,,,1,1

      """
    let report = try f.run(
      [
        try f.write(IngestFixture.stores, to: "stores.csv"),
        try f.write(IngestFixture.skus, to: "skus.csv"),
        try f.write(covariates, to: "covariates.csv"),
      ], maximumRejectShare: 1)
    XCTAssertEqual(try report.file("covariates.csv").kind, .covariates)
    XCTAssertEqual(try report.file("covariates.csv").rowsStored, 4)
    let day = { (d: Int) in Day(year: 2025, month: 3, day: d)! }
    XCTAssertEqual(
      try f.database.covariates(),
      [
        CovariateRecord(
          day: day(1), store: nil, item: .all, name: "event", value: 1, knownInAdvance: true),
        CovariateRecord(
          day: day(2), store: StoreID("S001"), item: .sku(SKUID("P001")), name: "markdown",
          value: 2.5, knownInAdvance: true),
        CovariateRecord(
          day: day(2), store: StoreID("S001"), item: .all, name: "snap", value: nil,
          knownInAdvance: true),
        CovariateRecord(
          day: day(3), store: nil, item: .category("dairy"), name: "temperature", value: -3.25,
          knownInAdvance: false),
      ])
    XCTAssertEqual(
      try f.quarantine("covariates.csv").map { Array($0.prefix(4)) },
      [
        ["6", "2", "store_id", "store 'S009' is not in the master data"],
        [
          "7", "4", "category",
          "gives both a SKU and a category; a covariate row applies to one or the other",
        ],
        ["8", "1", "date", "repeats the store/SKU/date of line 2"],
        [
          "9", "7", "known_in_advance", "differs from the flag line 5 gave the same covariate name",
        ],
        ["10", "5", "name", "empty, but a value is required"],
      ])
  }
}
