import DemandCore
import XCTest

/// Store, SKU and series identifiers: ordering and text.
final class IdentifierTests: XCTestCase {
  func testSeriesKeysSortByStoreThenSKU() {
    let keys = [
      SeriesKey(store: StoreID("S002"), sku: SKUID("P001")),
      SeriesKey(store: StoreID("S001"), sku: SKUID("P002")),
      SeriesKey(store: StoreID("S001"), sku: SKUID("P001")),
    ]
    XCTAssertEqual(keys.sorted().map(\.description), ["S001/P001", "S001/P002", "S002/P001"])
  }

  func testIdentifiersCompareByText() {
    XCTAssertEqual(StoreID("S1"), StoreID("S1"))
    XCTAssertNotEqual(SKUID("P1"), SKUID("p1"))
    XCTAssertLessThan(StoreID("S009"), StoreID("S010"))
    XCTAssertEqual(Set([SKUID("P1"), SKUID("P1"), SKUID("P2")]).count, 2)
  }
}
