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

  /// The reason's note: a need of 1 unit (0.3 wanted) ordered as a case of 24; 3 units raised
  /// to a minimum order of 12 (2 cases of 6); nothing when the order is the need (12 in 2 cases
  /// of 6), when nothing is ordered, or when the shelf capped it.
  func testTheNoteSaysWhatTheRoundingDid() {
    let cases = OrderRounding(casePack: 24, minimumOrderUnits: 0)
    XCTAssertEqual(
      cases.note(cases.order(wantedUnits: 0.3, positionUnits: 0), wantedUnits: 0.3),
      "needs 1 unit, rounded up to 1 case of 24")
    let minimum = OrderRounding(casePack: 6, minimumOrderUnits: 12)
    XCTAssertEqual(
      minimum.note(minimum.order(wantedUnits: 3, positionUnits: 0), wantedUnits: 3),
      "needs 3 units, raised to the minimum order of 12")
    // A minimum of 40 in cases of 16 is 3 cases, 48 units: said.
    let uneven = OrderRounding(casePack: 16, minimumOrderUnits: 40)
    XCTAssertEqual(
      uneven.note(uneven.order(wantedUnits: 3, positionUnits: 0), wantedUnits: 3),
      "needs 3 units, raised to the minimum order of 40 (48: whole cases of 16)")
    let exact = OrderRounding(casePack: 6, minimumOrderUnits: 0)
    XCTAssertNil(exact.note(exact.order(wantedUnits: 12, positionUnits: 0), wantedUnits: 12))
    XCTAssertNil(exact.note(exact.order(wantedUnits: 0, positionUnits: 0), wantedUnits: 0))
    let shelf = OrderRounding(casePack: 6, minimumOrderUnits: 0, shelfCapacityUnits: 50)
    XCTAssertNil(shelf.note(shelf.order(wantedUnits: 27, positionUnits: 30), wantedUnits: 27))
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
    // Room for 3 cases (20 units) but a minimum order of 4 cases (24): an order below the
    // minimum would be refused, so nothing is ordered, capped by the shelf (it was 3 cases).
    XCTAssertEqual(
      OrderRounding(casePack: 6, minimumOrderUnits: 24, shelfCapacityUnits: 50)
        .order(wantedUnits: 27, positionUnits: 30),
      .init(units: 0, cases: 0, cappedByShelf: true, raisedToMinimum: false))
  }
}
