import Tabular
import XCTest

/// Column lookup by normalised name, in any order.
final class HeaderMapTests: XCTestCase {
  func testNamesAreNormalised() {
    XCTAssertEqual(HeaderMap.normalise("Store_ID "), "store_id")
    XCTAssertEqual(HeaderMap.normalise("\tUnit Price"), "unit_price")
    XCTAssertEqual(HeaderMap.normalise("lead-time-days"), "lead_time_days")
    XCTAssertEqual(HeaderMap.normalise("  SKU  "), "sku")
    XCTAssertEqual(HeaderMap.normalise("Ünit"), "ünit")
    XCTAssertEqual(HeaderMap.normalise(" \t "), "")
    // A byte-order mark left inside the first name by joining two exported files.
    XCTAssertEqual(HeaderMap.normalise("\u{FEFF}Date"), "date")
  }

  func testColumnsFoundInAnyOrder() throws {
    let header = try HeaderMap(
      names: ["Qty", "SKU ID", "Store-ID", "date", "extra"], file: "t.csv")
    XCTAssertEqual(header.names, ["qty", "sku_id", "store_id", "date", "extra"])
    XCTAssertEqual(header.count, 5)
    XCTAssertEqual(header.index(of: "date"), 3)
    XCTAssertEqual(header.index(of: "store_id"), 2)
    XCTAssertEqual(header.index(of: "quantity", "qty"), 0, "the first candidate present wins")
    XCTAssertEqual(header.index(ofAny: ["sku", "sku_id"]), 1)
    XCTAssertNil(header.index(of: "unit_price", "price"))
    XCTAssertTrue(header.contains("extra"))
    XCTAssertFalse(header.contains("Extra"), "lookups take normalised names")
  }

  func testFirstCandidateWinsWhenSeveralArePresent() throws {
    let header = try HeaderMap(names: ["qty", "quantity"], file: "t.csv")
    XCTAssertEqual(header.index(of: "quantity", "qty"), 1)
    XCTAssertEqual(header.index(of: "qty", "quantity"), 0)
  }

  func testDuplicatesAfterNormalisationAreRefused() {
    XCTAssertThrowsError(try HeaderMap(names: ["date", "Store ID", "store_id"], file: "t.csv")) {
      XCTAssertEqual(
        $0 as? TabularError,
        .duplicateColumn(file: "t.csv", name: "store_id", firstColumn: 2, secondColumn: 3))
      XCTAssertEqual(
        "\($0)", "t.csv:1: column 'store_id' appears twice (columns 2 and 3).")
    }
  }

  func testEmptyNamesBeforeTheLastNamedColumnAreRefused() {
    XCTAssertThrowsError(try HeaderMap(names: ["a", " ", "c"], file: "t.csv")) {
      XCTAssertEqual($0 as? TabularError, .emptyColumnName(file: "t.csv", column: 2))
    }
    XCTAssertThrowsError(try HeaderMap(names: ["", "b"], file: "t.csv")) {
      XCTAssertEqual($0 as? TabularError, .emptyColumnName(file: "t.csv", column: 1))
    }
    XCTAssertThrowsError(try HeaderMap(names: ["", " "], file: "t.csv")) {
      XCTAssertEqual($0 as? TabularError, .emptyColumnName(file: "t.csv", column: 1))
    }
  }

  /// A trailing comma in the header (a common spreadsheet export) names nothing and is ignored.
  func testTrailingUnnamedColumnsAreKeptAsPlaceholders() throws {
    let header = try HeaderMap(names: ["a", "b", " ", ""], file: "t.csv")
    XCTAssertEqual(header.names, ["a", "b", "_unnamed_3", "_unnamed_4"])
    XCTAssertEqual(header.count, 4)
    XCTAssertEqual(header.index(of: "b"), 1)
  }
}
