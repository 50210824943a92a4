import DemandCore
import Foundation

/// The demand of one store on one day, for every SKU that had any, from one input file.
///
/// Why blocks rather than a row per store/SKU/day: a month of a 200-store × 500-SKU chain is
/// ~3 million store/SKU/days, and SQLite inserts rows at roughly a million a second, which alone
/// would take longer than the whole ingest budget. A block per store/day is ~6,000 rows a month,
/// keeps each store's data apart (so runs can be sharded by store), and is exactly what the
/// forecasting stage reads: all SKUs of a store over a window of days. SKU arrays are sorted by
/// key, so one series is a binary search per block.
///
/// Units are in the SKU's selling unit; `revenue` in the chain's currency.
public struct DemandBlock: Sendable, Equatable {
  public var storeKey: Int32
  public var day: Day
  /// Database keys of the SKUs, strictly increasing.
  public var skuKeys: [Int32]
  /// Units sold (gross: returns are not subtracted).
  public var unitsSold: [Double]
  public var unitsReturned: [Double]
  public var revenue: [Double]
  /// Transaction lines counted (0 when the source was a daily-demand file).
  public var lines: [Int32]
  public var promoLines: [Int32]
  /// 1 when the source reported the SKU out of stock that day (sales then understate demand).
  public var stockout: [UInt8]

  public init(
    storeKey: Int32, day: Day, skuKeys: [Int32] = [], unitsSold: [Double] = [],
    unitsReturned: [Double] = [], revenue: [Double] = [], lines: [Int32] = [],
    promoLines: [Int32] = [], stockout: [UInt8] = []
  ) {
    self.storeKey = storeKey
    self.day = day
    self.skuKeys = skuKeys
    self.unitsSold = unitsSold
    self.unitsReturned = unitsReturned
    self.revenue = revenue
    self.lines = lines
    self.promoLines = promoLines
    self.stockout = stockout
  }

  public var count: Int { skuKeys.count }

  /// Appends one SKU; keys must arrive in increasing order.
  public mutating func append(
    skuKey: Int32, unitsSold: Double, unitsReturned: Double, revenue: Double, lines: Int32,
    promoLines: Int32, stockout: UInt8
  ) {
    precondition(skuKeys.last.map { $0 < skuKey } ?? true, "SKU keys must increase within a block")
    skuKeys.append(skuKey)
    self.unitsSold.append(unitsSold)
    self.unitsReturned.append(unitsReturned)
    self.revenue.append(revenue)
    self.lines.append(lines)
    self.promoLines.append(promoLines)
    self.stockout.append(stockout)
  }
}

/// End-of-day stock of one store on one day, per SKU, from one snapshot file.
public struct InventoryBlock: Sendable, Equatable {
  public var storeKey: Int32
  public var day: Day
  public var skuKeys: [Int32]
  public var onHand: [Double]
  public var onOrder: [Double]

  public init(
    storeKey: Int32, day: Day, skuKeys: [Int32] = [], onHand: [Double] = [], onOrder: [Double] = []
  ) {
    self.storeKey = storeKey
    self.day = day
    self.skuKeys = skuKeys
    self.onHand = onHand
    self.onOrder = onOrder
  }

  public var count: Int { skuKeys.count }
}

/// A block already encoded for storage, so the encoding can run on worker threads and the single
/// database writer only inserts bytes.
public struct EncodedBlock: Sendable, Equatable {
  public let storeKey: Int32
  public let day: Day
  /// Number of SKUs in the block.
  public let count: Int
  public let payload: Data
}

extension DemandBlock {
  /// The block in its stored form (see `BlockCoding`).
  public func encodedForStorage() -> EncodedBlock {
    EncodedBlock(storeKey: storeKey, day: day, count: count, payload: encoded())
  }
}

extension InventoryBlock {
  /// The block in its stored form (see `BlockCoding`).
  public func encodedForStorage() -> EncodedBlock {
    EncodedBlock(storeKey: storeKey, day: day, count: count, payload: encoded())
  }
}
