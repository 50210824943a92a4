import XCTest

@testable import Ingest

/// The byte-keyed identifier lookup used for store and SKU codes.
final class IdentifierTableTests: XCTestCase {
  func index(_ table: IdentifierTable, _ text: String) -> Int? {
    Array(text.utf8).withUnsafeBufferPointer { table.index(of: $0) }
  }

  func testEveryIdentifierIsFoundAndOthersAreNot() {
    let ids =
      (0..<5_000).map { "P" + String(repeating: "0", count: $0 % 4) + String($0) } + [
        "", "é", "S 1",
      ]
    let table = IdentifierTable(ids)
    XCTAssertEqual(table.count, ids.count)
    for (i, id) in ids.enumerated() where index(table, id) != i {
      return XCTFail("'\(id)' not found at \(i)")
    }
    for absent in ["P", "P5000", "p1", "P1 ", "e", "S1", "P00000"] {
      XCTAssertNil(index(table, absent), absent)
    }
  }

  func testEmptyTable() {
    XCTAssertNil(index(IdentifierTable([]), "S001"))
    XCTAssertNil(index(IdentifierTable([]), ""))
  }
}
