import DemandCore
import History
import XCTest

/// Stores, SKUs, the calendar and promotions as stored and read back.
final class MasterDataTests: XCTestCase {
  func testMasterIndexIsSortedByCodeWithAllFields() throws {
    let f = try HistoryFixture()
    let master = try f.database.masterIndex()
    XCTAssertEqual(master.stores.map(\.record.id.rawValue), ["S001", "S002"])
    XCTAssertEqual(master.skus.map(\.record.id.rawValue), ["P001", "P002", "P003"])
    XCTAssertEqual(
      master.skus[2].record,
      SKURecord(
        id: SKUID("P003"), name: "Eggs", category: "dairy", unitCost: 1.5, unitPrice: 3,
        casePack: 6,
        leadTimeDays: 3, minOrderQty: 6))
    XCTAssertEqual(master.stores[1].record.openDay, Day(year: 2024, month: 6, day: 1))
    XCTAssertNil(master.stores[0].record.openDay)
    XCTAssertEqual(Set(master.skus.map(\.key)).count, 3, "keys are distinct")
  }

  func testStoresAreUpdatedInPlaceKeepingTheirKeys() throws {
    let f = try HistoryFixture()
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("stores-v2.csv", kind: .stores, rows: 2),
        content: .stores([
          StoreRecord(
            id: StoreID("S001"), name: "Central Plaza", region: "North", format: "hyper",
            openDay: nil),
          StoreRecord(
            id: StoreID("S003"), name: "New", region: "East", format: "express", openDay: nil),
        ])))
    let stores = try f.database.masterIndex().stores
    XCTAssertEqual(stores.map(\.record.id.rawValue), ["S001", "S002", "S003"])
    XCTAssertEqual(stores[0].record.name, "Central Plaza")
    XCTAssertEqual(stores[0].key, f.storeKeys["S001"])
  }

  func testCalendarAndPromotions() throws {
    let f = try HistoryFixture()
    let d = HistoryFixture.day0
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("calendar.csv", kind: .calendar, rows: 2),
        content: .calendar([
          CalendarEntry(day: d.adding(days: 1), holiday: nil),
          CalendarEntry(day: d, holiday: "Founders"),
        ])))
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("promotions.csv", kind: .promotions, rows: 2),
        content: .promotions([
          PromotionRecord(
            store: StoreID("S002"), sku: SKUID("P001"), start: d, end: d.adding(days: 6),
            discountPct: 20),
          PromotionRecord(
            store: StoreID("S001"), sku: SKUID("P003"), start: d, end: d, discountPct: 12.5),
        ])))
    XCTAssertEqual(
      try f.database.calendar(),
      [
        CalendarEntry(day: d, holiday: "Founders"),
        CalendarEntry(day: d.adding(days: 1), holiday: nil),
      ])
    XCTAssertEqual(
      try f.database.promotions(),
      [
        PromotionRecord(
          store: StoreID("S001"), sku: SKUID("P003"), start: d, end: d, discountPct: 12.5),
        PromotionRecord(
          store: StoreID("S002"), sku: SKUID("P001"), start: d, end: d.adding(days: 6),
          discountPct: 20),
      ])
  }
}
