import DemandCore
import History
import XCTest
import _TestSupport

/// Opening a workspace database: the schema is created once and data survives reopening.
final class DatabaseOpeningTests: XCTestCase {
  func testFreshDatabaseIsMigratedAndEmpty() throws {
    let directory = try TemporaryDirectory()
    let database = try HistoryDatabase(path: directory.path("fresh.sqlite"))
    XCTAssertEqual(database.path, directory.path("fresh.sqlite"))
    XCTAssertEqual(try database.summary(), HistorySummary())
    XCTAssertEqual(try database.ledger(), [])
    XCTAssertEqual(try database.masterIndex().stores.count, 0)
    XCTAssertEqual(try database.calendar(), [])
    XCTAssertEqual(try database.promotions(), [])
    XCTAssertTrue(try directory.contents().contains("fresh.sqlite"))
  }

  func testReopeningKeepsDataAndDoesNotMigrateAgain() throws {
    let fixture = try HistoryFixture()
    try fixture.commitDemand(
      "t.csv", [fixture.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 4)])])
    let reopened = try HistoryDatabase(path: fixture.database.path)
    XCTAssertEqual(try reopened.ledger().map(\.fileName), ["stores.csv", "skus.csv", "t.csv"])
    XCTAssertEqual(
      try reopened.dailySeries(store: StoreID("S001"), sku: SKUID("P001")).map(\.unitsSold), [4])
    XCTAssertEqual(try reopened.summary().stores, 2)
  }

  func testUnopenableDatabaseNamesThePath() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("missing-folder/db.sqlite")
    XCTAssertThrowsError(try HistoryDatabase(path: path)) { error in
      guard case .cannotOpen(let reported, _)? = error as? HistoryError else {
        return XCTFail("unexpected \(error)")
      }
      XCTAssertEqual(reported, path)
    }
  }
}
