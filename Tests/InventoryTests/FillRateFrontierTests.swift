import Inventory
import XCTest

final class FillRateFrontierTests: XCTestCase {
  /// Between (99.5 %, 150) and (99.9 %, 300), 99.7 % lies halfway: 225. Outside the points'
  /// range there is no answer.
  func testInterpolatesLinearlyAndNeverExtrapolates() throws {
    let frontier = FillRateFrontier(points: [(99.9, 300), (99.0, 100), (99.5, 150)])
    XCTAssertEqual(try XCTUnwrap(frontier.carryingCost(atFillRate: 99.7)), 225, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(frontier.carryingCost(atFillRate: 99.0)), 100, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(frontier.carryingCost(atFillRate: 99.25)), 125, accuracy: 1e-9)
    XCTAssertNil(frontier.carryingCost(atFillRate: 98.9))
    XCTAssertNil(frontier.carryingCost(atFillRate: 99.95))
  }
}
