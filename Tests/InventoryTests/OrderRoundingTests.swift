import Inventory
import XCTest

final class OrderRoundingTests: XCTestCase {
  func testRoundsUpToWholeCases() {
    let rounding = OrderRounding(casePack: 6, minimumOrderUnits: 0)
    XCTAssertEqual(rounding.order(wantedUnits: 13, positionUnits: 0).units, 18)
    XCTAssertEqual(rounding.order(wantedUnits: 12, positionUnits: 0).cases, 2)
    XCTAssertEqual(rounding.order(wantedUnits: 0.2, positionUnits: 0).units, 6)
    XCTAssertEqual(rounding.order(wantedUnits: 0, positionUnits: 0).units, 0)
    XCTAssertEqual(rounding.order(wantedUnits: -4, positionUnits: 0).units, 0)
  }

  func testRaisesToTheMinimumOrderInWholeCases() {
    // MOQ 20 with cases of 6: 4 cases (24 units) is the smallest order.
    let order = OrderRounding(casePack: 6, minimumOrderUnits: 20)
      .order(wantedUnits: 5, positionUnits: 0)
    XCTAssertEqual(order, .init(units: 24, cases: 4, cappedByShelf: false, raisedToMinimum: true))
  }

  func testCapsToTheShelfInWholeCases() {
    // Shelf 50, position 30: room 20, so 3 cases of 6 (18), not the 5 cases wanted.
    let order = OrderRounding(casePack: 6, minimumOrderUnits: 0, shelfCapacityUnits: 50)
      .order(wantedUnits: 27, positionUnits: 30)
    XCTAssertEqual(order, .init(units: 18, cases: 3, cappedByShelf: true, raisedToMinimum: false))
    // A full shelf orders nothing.
    XCTAssertEqual(
      OrderRounding(casePack: 6, minimumOrderUnits: 0, shelfCapacityUnits: 50)
        .order(wantedUnits: 10, positionUnits: 55).units, 0)
  }
}
