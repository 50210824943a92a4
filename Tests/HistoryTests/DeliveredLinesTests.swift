import DemandCore
import Foundation
import History
import XCTest

/// The delivered-line fingerprints: stored with their file, found by store and day, removed with a
/// replaced file, never stored for a refused one.
final class DeliveredLinesTests: XCTestCase {
  func testEncodingIsEightLittleEndianBytesEach() throws {
    let lines = DeliveredLines(
      storeKey: 1, day: HistoryFixture.day0, fingerprints: [1, 0x0102_0304_0506_0708, .max])
    XCTAssertEqual(
      Array(lines.encoded),
      [1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1] + Array(repeating: 255, count: 8))
    XCTAssertEqual(try DeliveredLines.decode(lines.encoded), lines.fingerprints)
    XCTAssertThrowsError(try DeliveredLines.decode(Data([1, 2, 3]))) {
      XCTAssertEqual(
        $0 as? HistoryError, .corruptBlock("delivered-line fingerprints of 3 bytes"))
    }
  }

  func testEarlierDeliveriesAreFoundByStoreAndDay() throws {
    let f = try HistoryFixture()
    let s1 = try XCTUnwrap(f.storeKeys["S001"])
    let s2 = try XCTUnwrap(f.storeKeys["S002"])
    let day = HistoryFixture.day0
    let a = try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("a.csv", kind: .transactions, rows: 3), content: .demand([]),
        deliveredLines: [
          DeliveredLines(storeKey: s1, day: day, fingerprints: [3, 9]),
          DeliveredLines(storeKey: s2, day: day, fingerprints: [4]),
        ]))
    let b = try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("b.csv", kind: .transactions, rows: 1), content: .demand([]),
        deliveredLines: [DeliveredLines(storeKey: s1, day: day, fingerprints: [5])]))
    XCTAssertEqual(
      try f.database.earlierDeliveries(of: [(s1, day), (s1, day.adding(days: 1))], excluding: nil),
      [
        EarlierDelivery(
          fileID: a.id, fileName: "a.csv", storeKey: s1, day: day, fingerprints: [3, 9]),
        EarlierDelivery(fileID: b.id, fileName: "b.csv", storeKey: s1, day: day, fingerprints: [5]),
      ])
    XCTAssertEqual(
      try f.database.earlierDeliveries(of: [(s1, day)], excluding: a.id).map(\.fileName), ["b.csv"])
    XCTAssertEqual(try f.database.deliveredLineTotals().lines, 4)
    XCTAssertEqual(try f.database.deliveredLineTotals().bytes, 32)

    // Replacing a.csv removes its lines with it.
    try f.database.commit(
      FileBatch(
        entry: HistoryFixture.entry("a.csv", kind: .transactions, rows: 1, sha256: "new"),
        content: .demand([]), replacing: a.id,
        deliveredLines: [DeliveredLines(storeKey: s2, day: day, fingerprints: [7])]))
    XCTAssertEqual(
      try f.database.earlierDeliveries(of: [(s1, day), (s2, day)], excluding: nil).map(
        \.fingerprints),
      [[5], [7]])
    XCTAssertEqual(try f.database.ledger().last?.rowsDuplicate, 0)
  }
}
