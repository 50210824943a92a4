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
    // Tag, count 0, keys as (empty) deltas, then six all-zero columns.
    XCTAssertEqual(
      Array(demand.encoded()), Array("SCD2".utf8) + [0, 0, 0, 0] + [4] + [0, 0, 0, 0, 0, 0])
    XCTAssertEqual(try DemandBlock(storeKey: 1, day: day, decoding: demand.encoded()), demand)
    let inventory = InventoryBlock(storeKey: 1, day: day)
    XCTAssertEqual(
      try InventoryBlock(storeKey: 1, day: day, decoding: inventory.encoded()), inventory)
  }

  /// One SKU written out by hand: tag, count, then each column with its encoding code.
  /// Bytes from python3: `struct.pack('<d', 1.5)` and `struct.pack('<i', -2)`.
  func testDemandLayoutByHand() {
    var block = DemandBlock(storeKey: 1, day: day)
    block.append(
      skuKey: 7, unitsSold: 1.5, unitsReturned: 0, revenue: -2, lines: 1, promoLines: 0, stockout: 1
    )
    let expected: [UInt8] =
      Array("SCD2".utf8) + [1, 0, 0, 0]  // tag, count
      + [4, 7, 0]  // SKU keys as UInt16 deltas from 0
      + [1, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F]  // units sold 1.5: raw (not whole)
      + [0]  // units returned: all zero
      + [2, 0xFE, 0xFF, 0xFF, 0xFF]  // revenue -2: whole, as Int32
      + [2, 1, 0]  // lines 1 as UInt16
      + [0]  // promo lines: all zero
      + [1, 1]  // stockout: raw byte (sparse would be longer)
    XCTAssertEqual(Array(block.encoded()), expected)
  }

  /// Keys too far apart for 16-bit deltas are stored raw; -0.0 and 1e300 are kept bit for bit.
  func testWideKeysAndOddDoublesRoundTrip() throws {
    let data = Array(sampleDemand().encoded())
    XCTAssertEqual(data[8], 1, "keys 2, 7, 1_000_000 need raw Int32 storage")
    XCTAssertEqual(try DemandBlock(storeKey: 3, day: day, decoding: Data(data)), sampleDemand())
  }

  /// A realistic block: 500 SKUs, whole units, 2 % returns, 10 % promotion lines, no stock-outs.
  /// Dense columns cost 2 (key delta) + 4 (whole units) + 8 (revenue) + 2 (lines) bytes per SKU,
  /// sparse ones a little more: ~17.1 bytes per SKU against 37 for raw columns.
  func testRealisticBlockIsCompactAndExact() throws {
    var block = DemandBlock(storeKey: 1, day: day)
    for sku in 0..<500 {
      let sold = Double(sku % 7 + 1)
      block.append(
        skuKey: Int32(sku * 3 + 1), unitsSold: sold, unitsReturned: sku % 50 == 0 ? 1 : 0,
        revenue: sold * 2.49, lines: Int32(sku % 7 + 1), promoLines: sku % 10 == 0 ? 1 : 0,
        stockout: 0)
    }
    let encoded = block.encoded()
    // 8 header + keys (1 + 1000) + sold (1 + 2000) + returned sparse (1 + 4 + 10×12)
    // + revenue raw (1 + 4000) + lines (1 + 1000) + promo sparse (1 + 4 + 50×8) + stockout (1)
    XCTAssertEqual(encoded.count, 8 + 1001 + 2001 + 125 + 4001 + 1001 + 405 + 1)
    XCTAssertEqual(try DemandBlock(storeKey: 1, day: day, decoding: encoded), block)
  }

  func testInventoryBlockRoundTrips() throws {
    let block = InventoryBlock(
      storeKey: 9, day: day, skuKeys: [1, 4, 6], onHand: [0, 12.5, 3], onOrder: [24, 0, 1])
    // 8 header + keys (1 + 3×2) + on hand raw (1 + 3×8, 12.5 is not whole) + on order (1 + 3×4)
    XCTAssertEqual(block.encoded().count, 8 + 7 + 25 + 13)
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
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("block ends early"))
    }
    // A count far beyond the bytes present must not read past the end.
    var huge = Data("SCD2".utf8)
    huge.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 1])
    XCTAssertThrowsError(try DemandBlock(storeKey: 3, day: day, decoding: huge)) {
      XCTAssertEqual($0 as? HistoryError, .corruptBlock("block ends early"))
    }
  }
}
