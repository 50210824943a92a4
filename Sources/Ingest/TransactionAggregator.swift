import DemandCore
import History

/// Sums transaction lines into store/day blocks with one dense accumulator per open block.
///
/// Why dense and not a hash map: point-of-sale exports come grouped by day and store, so the lines
/// of one store/day arrive together; indexing a dense array by SKU keeps the whole block in cache
/// (a hash map over all cells missed cache on most lines). Lines that come back to a store/day
/// already closed are still right: the closed block is merged with the new one.
///
/// Alongside the sums it keeps each store/day's line fingerprints (`DeliveryFingerprint`), the
/// record of which lines this file delivers.
struct TransactionAggregator {
  /// The running sums of one SKU in the open block, kept together so that one line touches one
  /// cache line.
  struct Sums {
    var sold = 0.0
    var returned = 0.0
    var revenue = 0.0
    var lines: Int32 = 0
    var promoLines: Int32 = 0
  }

  /// One `Sums` per SKU index, in memory owned by a class so the hot loop indexes a pointer
  /// (no copy-on-write or bounds checks per line).
  final class Storage {
    let sums: UnsafeMutablePointer<Sums>
    let count: Int
    init(count: Int) {
      self.count = count
      sums = .allocate(capacity: max(count, 1))
      sums.initialize(repeating: Sums(), count: max(count, 1))
    }
    deinit { sums.deallocate() }
  }

  private let skuKeys: [Int32]
  private let storeKeys: [Int32]
  private var activeStore = -1
  private var activeDay = Day(daysSinceEpoch: 0)
  private let storage: Storage
  private var touched: [Int32] = []
  private var blockOfCell: [UInt64: Int] = [:]
  private(set) var blocks: [DemandBlock] = []
  private(set) var span = DaySpan()
  /// Fingerprints of the open block's lines, and of each closed block's (parallel to `blocks`).
  private var openFingerprints: [UInt64] = []
  private var fingerprintsOfBlock: [[UInt64]] = []

  init(storeKeys: [Int32], skuKeys: [Int32]) {
    self.storeKeys = storeKeys
    self.skuKeys = skuKeys
    storage = Storage(count: skuKeys.count)
  }

  /// Records the fingerprint of the line just added (call after `add`).
  @inline(__always)
  mutating func noteLine(_ fingerprint: UInt64) { openFingerprints.append(fingerprint) }

  /// Adds one line. `quantity` < 0 is a return; revenue is quantity × price (net of returns).
  @inline(__always)
  mutating func add(store: Int, day: Day, sku: Int, quantity: Double, price: Double, promo: Bool) {
    if store != activeStore || day != activeDay { open(store: store, day: day) }
    precondition(sku >= 0 && sku < storage.count, "SKU index out of range")
    let sums = storage.sums + sku
    if sums.pointee.lines == 0 { touched.append(Int32(truncatingIfNeeded: sku)) }
    if quantity >= 0 { sums.pointee.sold += quantity } else { sums.pointee.returned -= quantity }
    sums.pointee.revenue += quantity * price
    sums.pointee.lines &+= 1
    if promo { sums.pointee.promoLines &+= 1 }
  }

  /// The finished blocks, ordered by store key then day, the number of store/SKU/day cells, and
  /// the fingerprints of each store/day's lines in file order (for the store/days that have any).
  mutating func finish() -> (blocks: [DemandBlock], cells: Int, delivered: [DeliveredLines]) {
    close()
    let order = blocks.indices.sorted {
      (blocks[$0].storeKey, blocks[$0].day) < (blocks[$1].storeKey, blocks[$1].day)
    }
    let ordered = order.map { blocks[$0] }
    var delivered: [DeliveredLines] = []
    for index in order where !fingerprintsOfBlock[index].isEmpty {
      delivered.append(
        DeliveredLines(
          storeKey: blocks[index].storeKey, day: blocks[index].day,
          fingerprints: fingerprintsOfBlock[index]))
    }
    return (ordered, ordered.reduce(0) { $0 + $1.count }, delivered)
  }

  private mutating func open(store: Int, day: Day) {
    close()
    activeStore = store
    activeDay = day
    span.note(day)
  }

  private mutating func close() {
    guard activeStore >= 0, !touched.isEmpty else { return }
    let sums = storage.sums
    // SKU order: sort the touched indices when few, else sweep the dense sums (cheaper).
    if touched.count * 16 < storage.count {
      touched.sort()
    } else {
      touched.removeAll(keepingCapacity: true)
      for i in 0..<storage.count where sums[i].lines != 0 {
        touched.append(Int32(truncatingIfNeeded: i))
      }
    }
    var block = DemandBlock(storeKey: storeKeys[activeStore], day: activeDay)
    block.skuKeys.reserveCapacity(touched.count)
    for index in touched {
      let i = Int(index)
      let entry = sums[i]
      block.append(
        skuKey: skuKeys[i], unitsSold: entry.sold, unitsReturned: entry.returned,
        revenue: entry.revenue, lines: entry.lines, promoLines: entry.promoLines, stockout: 0)
      sums[i] = Sums()
    }
    touched.removeAll(keepingCapacity: true)
    let cell =
      UInt64(UInt32(activeStore)) << 32 | UInt64(UInt32(bitPattern: activeDay.daysSinceEpoch))
    if let existing = blockOfCell[cell] {
      blocks[existing] = blocks[existing].merged(with: block)
      fingerprintsOfBlock[existing] += openFingerprints
    } else {
      blockOfCell[cell] = blocks.count
      blocks.append(block)
      fingerprintsOfBlock.append(openFingerprints)
    }
    openFingerprints.removeAll(keepingCapacity: true)
  }
}

extension DemandBlock {
  /// The sum of two blocks of the same store and day, SKU by SKU; stock-out if either says so.
  func merged(with other: DemandBlock) -> DemandBlock {
    precondition(
      storeKey == other.storeKey && day == other.day, "merging blocks of different cells")
    var result = DemandBlock(storeKey: storeKey, day: day)
    var i = 0
    var j = 0
    while i < count || j < other.count {
      let takeLeft = j >= other.count || (i < count && skuKeys[i] <= other.skuKeys[j])
      let takeRight = i >= count || (j < other.count && other.skuKeys[j] <= skuKeys[i])
      let key = takeLeft ? skuKeys[i] : other.skuKeys[j]
      var entry = (
        sold: 0.0, returned: 0.0, revenue: 0.0, lines: Int32(0), promo: Int32(0), out: UInt8(0)
      )
      if takeLeft {
        entry = (unitsSold[i], unitsReturned[i], revenue[i], lines[i], promoLines[i], stockout[i])
        i += 1
      }
      if takeRight {
        entry.sold += other.unitsSold[j]
        entry.returned += other.unitsReturned[j]
        entry.revenue += other.revenue[j]
        entry.lines += other.lines[j]
        entry.promo += other.promoLines[j]
        entry.out |= other.stockout[j]
        j += 1
      }
      result.append(
        skuKey: key, unitsSold: entry.sold, unitsReturned: entry.returned, revenue: entry.revenue,
        lines: entry.lines, promoLines: entry.promo, stockout: entry.out)
    }
    return result
  }
}
