import DemandCore
import XCTest

@testable import Inventory

/// `simulation/items.csv`: one store/SKU's outcome under one policy, field by field.
final class SimulationItemsFileTests: XCTestCase {
  func testAnItemRowHoldsItsUnitsFillRateAndCosts() {
    let item = SimulatedItem(
      key: SeriesKey(store: StoreID("S1"), sku: SKUID("=P1")), leadTimeDays: 2, unitCost: 3,
      rounding: OrderRounding(casePack: 6, minimumOrderUnits: 0), openingStock: 4)
    var result = InventorySimulator.ItemResult()
    result.demand = 40
    result.sales = 37
    result.lostUnits = 3
    result.stockoutEvents = 2
    result.orders = 5
    result.orderedUnits = 36
    result.closingStock = 3
    result.carryingCost = 1.234
    result.lostSaleCost = 4.5
    let rows = [
      SimulationFiles.ItemRow(
        policy: "shelfcast", item: item, abcClass: .b, serviceLevel: 0.95, result: result),
      SimulationFiles.ItemRow(
        policy: "baseline", item: item, abcClass: .b, serviceLevel: nil,
        result: InventorySimulator.ItemResult()),
    ]
    // Fill rate 37 / 40 = 0.925; none without demand; a SKU starting with = gets an apostrophe.
    XCTAssertEqual(
      String(decoding: SimulationFiles.itemsCSV(rows), as: UTF8.self),
      SimulationFiles.itemsHeader + "\n"
        + "shelfcast,S1,'=P1,B,0.9500,40,37,3,2,0.9250,5,36,3,1.23,4.50\n"
        + "baseline,S1,'=P1,B,,0,0,0,0,,0,0,0,0.00,0.00\n")
  }
}
