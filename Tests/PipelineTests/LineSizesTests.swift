import DemandCore
import History
import XCTest

@testable import Pipeline

/// Units per transaction line, by hand.
final class LineSizesTests: XCTestCase {
  func testEachSKUsFigureIsShrunkTowardTheStores() throws {
    let day = try XCTUnwrap(Day(iso: "2026-02-02"))
    var sizes = LineSizes()
    XCTAssertEqual(sizes.unitsPerLine(sku: 1), 1, "no line seen: units one by one")
    // SKU 1: 28 sold and 2 returned in 10 lines; SKU 2: 4 units in 2 lines.
    sizes.add(
      DemandBlock(
        storeKey: 1, day: day, skuKeys: [1, 2], unitsSold: [28, 4], unitsReturned: [2, 0],
        revenue: [0, 0], lines: [10, 2], promoLines: [0, 0], stockout: [0, 0]))
    // A daily-demand file's block has no lines: it counts for nothing.
    sizes.add(
      DemandBlock(
        storeKey: 1, day: day.adding(days: 1), skuKeys: [1, 3], unitsSold: [50, 9],
        unitsReturned: [0, 0], revenue: [0, 0], lines: [0, 0], promoLines: [0, 0],
        stockout: [0, 0]))
    // The store: 34 units in 12 lines; each SKU with 20 lines of the store's figure.
    let store = 34.0 / 12
    XCTAssertEqual(sizes.storeUnitsPerLine, store, accuracy: 1e-12)
    XCTAssertEqual(sizes.unitsPerLine(sku: 1), (30 + 20 * store) / 30, accuracy: 1e-12)
    XCTAssertEqual(sizes.unitsPerLine(sku: 2), (4 + 20 * store) / 22, accuracy: 1e-12)
    XCTAssertEqual(sizes.unitsPerLine(sku: 3), store, accuracy: 1e-12)
    // Never below one unit per line: lines of returns only, or fewer units than lines.
    var thin = LineSizes()
    thin.add(
      DemandBlock(
        storeKey: 2, day: day, skuKeys: [1], unitsSold: [3], unitsReturned: [0], revenue: [0],
        lines: [6], promoLines: [0], stockout: [0]))
    XCTAssertEqual(thin.storeUnitsPerLine, 1)
    XCTAssertEqual(thin.unitsPerLine(sku: 1), 1)
  }
}
