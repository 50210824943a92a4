import DemandCore
import History
import Tabular

/// Reads daily demand (`store_id,sku_id,date,units[,stockout]`): one row per store/SKU/day, units
/// sold, and whether the SKU ran out that day. A second row for the same cell is an error, since
/// the file cannot say which of the two is right. Given `duplicates`, a valid row for a cell an
/// earlier file stored (`DuplicateFilter.cellFile`) is set aside as a re-delivery: its total was
/// given already, and adding it again would count the day's sales twice.
enum DailyDemandParser {
  static func parse(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?],
    context: ValidationContext, duplicates: DuplicateFilter? = nil
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    guard let storeColumn = columns[0], let skuColumn = columns[1], let dateColumn = columns[2],
      let unitsColumn = columns[3]
    else { return parsed }
    let stockoutColumn = columns[4]
    var slots = KeySlots(expectedEntries: 1 << 16)
    var units: [Double] = []
    var stockout: [UInt8] = []
    var firstLine: [Int32] = []
    var span = DaySpan()
    var negativeRows = 0
    // Bit w set when a valid row falls on weekday index w.
    var weekdays: UInt8 = 0
    let limit = context.limits.maximumUnitsPerDay

    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let store = try row.store(storeColumn, in: context)
      let sku = try row.sku(skuColumn, in: context)
      let day = try row.day(dateColumn)
      let weekly = context.grain != .daily
      if weekly, !context.grain.accepts(day) {
        throw row.failure(dateColumn, .offGrain(day, grain: context.grain))
      }
      try row.checkTradingDay(day, store: store, column: dateColumn, in: context)
      // A weekly value may be negative: a week of net returns, kept and flagged.
      let value = try row.number(
        unitsColumn,
        in: weekly
          ? -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
          : 0...Double.greatestFiniteMagnitude)
      if value < 0 { negativeRows += 1 }
      guard abs(value) <= limit else {
        throw row.failure(unitsColumn, .absurdQuantity(value, limit: limit))
      }
      var out = false
      if let stockoutColumn { out = try row.flag(stockoutColumn) }
      if let file = duplicates?.cellFile(
        storeKey: context.storeKeys[store], day: day, skuKey: context.skuKeys[sku])
      {
        throw row.failure(nil, .alreadyDelivered(file: file))
      }
      let key = KeySlots.pack(store: store, day: day, sku: sku)
      if let earlier = slots.claim(key, line: row.record.line, firstLines: &firstLine) {
        throw row.failure(nil, .duplicateKey(firstLine: earlier))
      }
      units.append(value)
      stockout.append(out ? 1 : 0)
      span.note(day)
      weekdays |= 1 << UInt8(day.weekdayIndex)
    }

    var blocks: [DemandBlock] = []
    slots.forEachStoreDay { store, day, members in
      var block = DemandBlock(storeKey: context.storeKeys[store], day: day)
      for (entry, sku) in members {
        block.append(
          skuKey: context.skuKeys[sku], unitsSold: units[entry], unitsReturned: 0, revenue: 0,
          lines: 0, promoLines: 0, stockout: stockout[entry])
      }
      blocks.append(block)
    }
    parsed.cells = slots.count
    parsed.negativeRows = negativeRows
    if context.grain == .daily, weekdays.nonzeroBitCount == 1, let first = span.first,
      let last = span.last, first.days(to: last) >= 21
    {
      parsed.looksWeekly = Weekday.allCases[weekdays.trailingZeroBitCount]
    }
    parsed.setSpan(span)
    parsed.content = .demand(blocks)
    return parsed
  }
}
