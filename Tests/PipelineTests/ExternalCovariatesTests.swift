import DemandCore
import Features
import History
import XCTest

@testable import Pipeline

/// A series reads each regressor from the most specific scope that has the day: its SKU's own
/// rows, then its category's, then every SKU's; within each, its store before every store.
final class ExternalCovariatesTests: XCTestCase {
  let day1 = Day(year: 2025, month: 3, day: 1)!

  func record(_ offset: Int, _ store: String?, _ item: CovariateItemScope, _ value: Double?)
    -> CovariateRecord
  {
    CovariateRecord(
      day: day1.adding(days: offset), store: store.map(StoreID.init), item: item, name: "markdown",
      value: value, knownInAdvance: true)
  }

  func testTheMostSpecificScopeWinsDayByDay() {
    let covariates = ExternalCovariates(records: [
      record(0, nil, .all, 1), record(1, nil, .all, 1), record(2, nil, .all, 1),
      record(3, nil, .all, 1),
      record(1, "S1", .all, 2), record(2, "S1", .all, 2),
      record(2, nil, .category("dairy"), 3), record(3, nil, .category("dairy"), 3),
      record(3, "S1", .sku(SKUID("P1")), 4), record(4, "S1", .sku(SKUID("P1")), nil),
      record(5, "S2", .all, 9),
    ])
    XCTAssertEqual(
      covariates.regressors, [ExternalRegressor(name: "markdown", knownInAdvance: true)])
    var cache: ExternalCovariates.MergedValues = [:]
    func values(_ store: String, _ sku: String, _ category: String) -> [Double]? {
      let series = covariates.values(
        for: SeriesKey(store: StoreID(store), sku: SKUID(sku)), category: category,
        cache: &cache)["markdown"]
      return series.map { s in (0..<6).map { s.value(on: day1.adding(days: $0)) } }
    }
    // S1/P1 (dairy): chain 1; store 2 from day 1; category 3 from day 2; its own 4 on day 3 and
    // a missing value on day 4, where nothing else gives the day either.
    XCTAssertEqual(
      values("S1", "P1", "dairy")?.map(\.description), ["1.0", "2.0", "3.0", "4.0", "nan", "nan"])
    // S1/P2 (bakery): no category or SKU rows: the store's, then the chain's.
    XCTAssertEqual(
      values("S1", "P2", "bakery")?.map(\.description), ["1.0", "2.0", "2.0", "1.0", "nan", "nan"])
    // S2/P2: the chain's, and its own store's on day 5.
    XCTAssertEqual(
      values("S2", "P2", "bakery")?.map(\.description), ["1.0", "1.0", "1.0", "1.0", "nan", "9.0"])
    // S3: only the chain's rows, shared as they are.
    XCTAssertEqual(
      values("S3", "P9", "bakery")?.map(\.description), ["1.0", "1.0", "1.0", "1.0", "nan", "nan"])
  }
}
