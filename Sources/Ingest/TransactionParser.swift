import DemandCore
import History
import Tabular

/// Aggregates transaction lines to store/SKU/day: units sold and returned, revenue, lines and
/// promotion lines. The hot path of ingest (see `CSVScanner` for why it avoids strings).
enum TransactionParser {
  /// Column order in `columns`: date, store_id, sku_id, quantity, unit_price?, promo?, txn_id?.
  static func parse(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?],
    context: ValidationContext
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    guard let dateColumn = columns[0], let storeColumn = columns[1], let skuColumn = columns[2],
      let quantityColumn = columns[3]
    else { return parsed }
    let priceColumn = columns[4]
    let promoColumn = columns[5]
    var slots = KeySlots(expectedEntries: 1 << 16)
    var sold: [Double] = []
    var returned: [Double] = []
    var revenue: [Double] = []
    var lines: [Int32] = []
    var promoLines: [Int32] = []
    // One-entry caches: exports are grouped by date and store, so most rows repeat the last ones.
    var lastDateBytes: (UInt64, UInt16) = (0, 0)
    var lastDay = Day(daysSinceEpoch: 0)
    var lastStoreRaw: UnsafeBufferPointer<UInt8>? = nil
    var lastStore = -1
    let limit = context.limits.maximumUnitsPerLine
    let maxPrice = context.limits.maximumUnitPrice
    var span = DaySpan()

    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let record = row.record
      let rawDate = record.rawField(dateColumn)
      var day: Day
      if rawDate.count == 10, let base = rawDate.baseAddress {
        let key = (
          UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
          UnsafeRawPointer(base).loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        )
        if key == lastDateBytes, lastDay.daysSinceEpoch != 0 {
          day = lastDay
        } else {
          day = try row.day(dateColumn)
          lastDateBytes = key
          lastDay = day
        }
      } else {
        day = try row.day(dateColumn)
      }
      let rawStore = record.rawField(storeColumn)
      let store: Int
      if let previous = lastStoreRaw, !record.needsUnescaping(storeColumn),
        previous.count == rawStore.count,
        memcmp(previous.baseAddress!, rawStore.baseAddress!, rawStore.count) == 0
      {
        store = lastStore
      } else {
        store = try row.store(storeColumn, in: context)
        lastStoreRaw = rawStore
        lastStore = store
      }
      try row.checkTradingDay(day, store: store, column: dateColumn, in: context)
      let sku = try row.sku(skuColumn, in: context)
      let quantity = try row.number(quantityColumn)
      guard abs(quantity) <= limit else {
        throw row.failure(quantityColumn, .absurdQuantity(quantity, limit: limit))
      }
      var price = 0.0
      if let priceColumn { price = try row.number(priceColumn, in: 0...maxPrice) }
      var promo = false
      if let promoColumn { promo = try row.flag(promoColumn) }

      let (entry, isNew) = slots.entry(for: KeySlots.pack(store: store, day: day, sku: sku))
      if isNew {
        sold.append(0)
        returned.append(0)
        revenue.append(0)
        lines.append(0)
        promoLines.append(0)
        span.note(day)
      }
      if quantity >= 0 { sold[entry] += quantity } else { returned[entry] -= quantity }
      revenue[entry] += quantity * price
      lines[entry] += 1
      if promo { promoLines[entry] += 1 }
    }

    var blocks: [DemandBlock] = []
    var current: DemandBlock? = nil
    for entry in slots.sortedEntries() {
      let (store, day, sku) = KeySlots.unpack(slots.keys[entry])
      let storeKey = context.storeKeys[store]
      if current == nil || current!.storeKey != storeKey || current!.day != day {
        if let done = current { blocks.append(done) }
        current = DemandBlock(storeKey: storeKey, day: day)
      }
      current!.append(
        skuKey: context.skuKeys[sku], unitsSold: sold[entry], unitsReturned: returned[entry],
        revenue: revenue[entry], lines: lines[entry], promoLines: promoLines[entry], stockout: 0)
    }
    if let done = current { blocks.append(done) }
    parsed.cells = slots.count
    parsed.setSpan(span)
    parsed.content = .demand(blocks)
    return parsed
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
