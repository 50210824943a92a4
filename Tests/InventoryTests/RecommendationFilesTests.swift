import DemandCore
import Inventory
import XCTest

final class RecommendationFilesTests: XCTestCase {
  func row(_ sku: String, name: String, risk: Double, value: Double) -> Recommendation {
    let decision = ReplenishmentPolicy.Decision(
      demandOverCover: 3, safetyStock: 3.5, reorderPoint: 4, orderUpTo: 7,
      order: OrderRounding.Order(units: 6, cases: 1, cappedByShelf: false, raisedToMinimum: false),
      daysOfCover: 4, stockoutRiskPercent: risk, reason: "below reorder point",
      coverMeanUnits: 3.5)
    return Recommendation(
      store: StoreID("S1"), storeName: "@Central", sku: SKUID(sku), skuName: name,
      category: "dairy", abcClass: .a, onHand: 2, onOrder: 0, leadTimeDays: 3, reviewDays: 4,
      decision: decision, orderValue: value,
      serviceLevel: ChosenServiceLevel(level: 0.98765, source: .cost))
  }

  func testFormulaLikeTextIsNeutralisedAndNamesWithCommasQuoted() {
    let csv = String(
      decoding: RecommendationFiles.recommendationsCSV([
        row("P1", name: "=HYPERLINK(\"http://x\"),Milk", risk: 19.1, value: 7.5)
      ]), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    XCTAssertEqual(String(lines[0]), RecommendationFiles.header)
    XCTAssertEqual(
      String(lines[1]),
      #"S1,'@Central,P1,"'=HYPERLINK(""http://x""),Milk",dairy,A,2,0,3,4,3.0,3.5,4.0,7.0,6,1,1,7.50,,,,4.0,0.191,below reorder point,0.9877,cost"#
    )
  }

  /// The merchandiser's "when": ordered the morning after the run date, delivered lead time
  /// (3 days) later; the case pack and the currency beside the quantities and the value.
  func testOrderAndDeliveryDatesCasePackAndCurrency() {
    var dated = row("P1", name: "Milk", risk: 19.1, value: 7.5)
    dated.orderDate = Day(year: 2026, month: 12, day: 6)
    dated.casePack = 6
    dated.currency = "EUR"
    let csv = String(
      decoding: RecommendationFiles.recommendationsCSV([dated]), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    let fields = lines[1].split(separator: ",").map(String.init)
    let value = { (column: String) in fields[header.firstIndex(of: column)!] }
    XCTAssertEqual(value("case_pack"), "6")
    XCTAssertEqual(value("on_hand"), "2")
    // A fractional stock keeps its decimals (0.5 was printed as 1).
    dated.onHand = 0.5
    let loose = String(decoding: RecommendationFiles.recommendationsCSV([dated]), as: UTF8.self)
    let looseFields = loose.split(separator: "\n")[1].split(separator: ",").map(String.init)
    XCTAssertEqual(looseFields[header.firstIndex(of: "on_hand")!], "0.50")
    XCTAssertEqual(value("currency"), "EUR")
    XCTAssertEqual(value("order_date"), "2026-12-06")
    XCTAssertEqual(value("expected_delivery_date"), "2026-12-09")
  }

  /// Orders first, then the watch list (no order today), each most urgent first.
  func testOrdersComeBeforeTheWatchList() {
    var quiet = row("P9", name: "z", risk: 95, value: 0)
    quiet.decision.order = .init(units: 0, cases: 0, cappedByShelf: false, raisedToMinimum: false)
    let rows = [quiet, row("P1", name: "a", risk: 10, value: 100)]
      .sorted(by: Recommendation.urgentFirst)
    XCTAssertEqual(rows.map(\.sku.rawValue), ["P1", "P9"])
  }

  func testMostUrgentFirstThenByValue() {
    let rows = [
      row("P1", name: "a", risk: 10, value: 100), row("P2", name: "b", risk: 90, value: 1),
      row("P3", name: "c", risk: 10, value: 200),
    ].sorted(by: Recommendation.urgentFirst)
    XCTAssertEqual(rows.map(\.sku.rawValue), ["P2", "P3", "P1"])
    // Risks that print the same (0.100 and 0.100 for 10.02 % and 9.98 %) are ordered by value,
    // as a reader of the file sees them; 0.101 stays ahead.
    let close = [
      row("P1", name: "a", risk: 10.02, value: 100), row("P2", name: "b", risk: 9.98, value: 200),
      row("P3", name: "c", risk: 10.06, value: 1),
    ].sorted(by: Recommendation.urgentFirst)
    XCTAssertEqual(close.map(\.sku.rawValue), ["P3", "P2", "P1"])
  }
}
