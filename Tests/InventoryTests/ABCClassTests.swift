import Inventory
import XCTest

final class ABCClassTests: XCTestCase {
  /// Revenues 500, 300, 100, 60, 30, 10, 0 (total 1,000), worked by hand: cumulative shares
  /// before each item are 0, 0.5, 0.8, 0.9, 0.96, 0.99, so A A B B C C, and no revenue is C.
  func testClassesFollowCumulativeRevenueShares() {
    let classes = ABCClass.classify(revenues: [60, 500, 0, 10, 300, 30, 100])
    XCTAssertEqual(classes, [.b, .a, .c, .c, .a, .c, .b])
  }

  func testNoRevenueMeansClassC() {
    XCTAssertEqual(ABCClass.classify(revenues: [0, 0]), [.c, .c])
    XCTAssertEqual(ABCClass.classify(revenues: []), [])
  }
}
