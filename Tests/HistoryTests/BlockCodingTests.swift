import DemandCore
import Foundation
import XCTest

@testable import History

/// The BLOB layout of demand and inventory blocks.
final class BlockCodingTests: XCTestCase {
  let day = Day(daysSinceEpoch: 20148)

  func sampleDemand() -> DemandBlock {
    var block = DemandBlock(storeKey: 3, day: day)
    block.append(
      skuKey: 2, unitsSold: 5, unitsReturned: 1, revenue: 9.95, lines: 3, promoLines: 1, stockout: 0
    )
    block.append(
      skuKey: 7, unitsSold: 0, unitsReturned: 0, revenue: 0, lines: 0, promoLines: 0, stockout: 1)
    block.append(
      skuKey: 1_000_000, unitsSold: 0.1, unitsReturned: 1e300, revenue: -0.0, lines: .max,
      promoLines: 2,
      stockout: 0)
    return block
  }

  func testDemandBlockRoundTrips() throws {
    let block = sampleDemand()
    let decoded = try DemandBlock(storeKey: 3, day: day, decoding: block.encoded())
    XCTAssertEqual(decoded, block)
    XCTAssertEqual(decoded.revenue[2].sign, .minus, "bit patterns are kept")
  }

  func testEmptyBlocksRoundTrip() throws {
    let demand = DemandBlock(storeKey: 1, day: day)
    XCTAssertEqual(Array(demand.encoded()), Array("SCD1".utf8) + [0, 0, 0, 0])
    XCTAssertEqual(try DemandBlock(storeKey: 1, day: day, decoding: demand.encoded()), demand)
    let inventory = InventoryBlock(storeKey: 1, day: day)
    XCTAssertEqual(
      try InventoryBlock(storeKey: 1, day: day, decoding: inventory.encoded()), inventory)
  }

  /// One SKU written out by hand: tag, count, then each column little-endian.
  /// Bytes from python3: `struct.pack('<i', 7)`, `struct.pack('<d', 1.5)`,
  /// `struct.pack('<d', -2.0)`.
  func testDemandLayoutByHand() {
    var block = DemandBlock(storeKey: 1, day: day)
    block.append(
      skuKey: 7, unitsSold: 1.5, unitsReturned: 0, revenue: -2, lines: 1, promoLines: 0, stockout: 1
    )
    let expected: [UInt8] =
      Array("SCD1".utf8) + [1, 0, 0, 0]  // tag, count
      + [7, 0, 0, 0]  // SKU keys
      + [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]  // units sold 1.5
      + [0, 0, 0, 0, 0, 0, 0, 0]  // units returned 0
      + [0, 0, 0, 0, 0, 0, 0, 0xC0]  // revenue -2
      + [1, 0, 0, 0] + [0, 0, 0, 0]  // lines, promo lines
      + [1]  // stockout
    XCTAssertEqual(Array(block.encoded()), expected)
  }

  func testEncodedSizeIs37BytesPerSKU() {
    XCTAssertEqual(sampleDemand().encoded().count, 8 + 3 * (4 + 8 + 8 + 8 + 4 + 4 + 1))
  }

  func testInventoryBlockRoundTrips() throws {
    let block = InventoryBlock(
      storeKey: 9, day: day, skuKeys: [1, 4, 6], onHand: [0, 12.5, 3], onOrder: [24, 0, 1])
    XCTAssertEqual(block.encoded().count, 8 + 3 * (4 + 8 + 8))
    XCTAssertEqual(try InventoryBlock(storeKey: 9, day: day, decoding: block.encoded()), block)
  }

  func testDecodingASliceOfLargerData() throws {
    // A BLOB may arrive as a slice of a larger buffer, whose indices do not start at zero.
    let block = sampleDemand()
    let padded = Data([0xAA, 0xBB, 0xCC]) + block.encoded() + Data([0xDD])
    let slice = padded[3..<(padded.count - 1)]
    XCTAssertEqual(try DemandBlock(storeKey: 3, day: day, decoding: slice), block)
    let inventory = InventoryBlock(storeKey: 9, day: day, skuKeys: [1], onHand: [2], onOrder: [3])
    let paddedInventory = Data([0xAA]) + inventory.encoded()
    XCTAssertEqual(
      try InventoryBlock(storeKey: 9, day: day, decoding: paddedInventory[1...]), inventory)
  }

  func testWrongTagIsCorrupt() {
    let inventory = InventoryBlock(storeKey: 1, day: day, skuKeys: [1], onHand: [1], onOrder: [0])
    XCTAssertThrowsError(try DemandBlock(storeKey: 1, day: day, decoding: inventory.encoded())) {
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("unknown block tag"))
    }
    XCTAssertThrowsError(try DemandBlock(storeKey: 1, day: day, decoding: Data("SCD".utf8))) {
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("unknown block tag"))
    }
  }

  func testTruncatedBlockIsCorrupt() {
    let data = sampleDemand().encoded()
    XCTAssertThrowsError(
      try DemandBlock(storeKey: 3, day: day, decoding: data.prefix(data.count - 1))
    ) {
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("block shorter than its count"))
    }
    // A count far beyond the bytes present must not read past the end.
    var huge = Data("SCD1".utf8)
    huge.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
    XCTAssertThrowsError(try DemandBlock(storeKey: 3, day: day, decoding: huge)) {
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("block shorter than its count"))
    }
  }
}
