import DemandCore
import History
import Tabular

/// Reads end-of-day stock snapshots (`store_id,sku_id,on_hand[,on_order][,date]`).
///
/// The snapshot date comes from a `date` column when there is one, otherwise from a `YYYY-MM-DD`
/// in the file name (`on_hand_2026-03-01.csv`); `IngestRunner` refuses a file that has neither.
/// A negative `on_hand` is stored as 0 and counted (`ParsedFile.negativeStockRows`).
enum InventoryParser {
  static func parse(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?],
    context: ValidationContext, dayFromName: Day?
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    guard let storeColumn = columns[0], let skuColumn = columns[1], let onHandColumn = columns[2]
    else { return parsed }
    let onOrderColumn = columns[3]
    let dateColumn = columns[4]
    var slots = KeySlots(expectedEntries: 1 << 16)
    var onHand: [Double] = []
    var onOrder: [Double] = []
    var firstLine: [Int32] = []
    var span = DaySpan()
    var negativeStock = 0
    let limit = context.limits.maximumUnitsPerDay

    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let store = try row.store(storeColumn, in: context)
      let sku = try row.sku(skuColumn, in: context)
      var day: Day
      if let dateColumn {
        day = try row.day(dateColumn)
      } else if let dayFromName {
        day = dayFromName
      } else {
        throw row.failure(nil, .missingValue)
      }
      try row.checkTradingDay(day, store: store, column: dateColumn, in: context)
      // A book stock below zero (sales rung up for goods not yet booked in) is common in POS
      // exports: the shelf holds nothing, so it is read as 0 and counted, not refused.
      var stock = try row.number(onHandColumn, in: -limit...limit)
      if stock < 0 {
        stock = 0
        negativeStock += 1
      }
      var ordered = 0.0
      // A blank on_order means nothing on order; a value must still be a valid number.
      if let onOrderColumn, !row.record.rawField(onOrderColumn).allSatisfy({ $0 == 32 }) {
        ordered = try row.number(onOrderColumn, in: 0...limit)
      }
      let key = KeySlots.pack(store: store, day: day, sku: sku)
      if let earlier = slots.claim(key, line: row.record.line, firstLines: &firstLine) {
        throw row.failure(nil, .duplicateKey(firstLine: earlier))
      }
      onHand.append(stock)
      onOrder.append(ordered)
      span.note(day)
    }

    var blocks: [InventoryBlock] = []
    slots.forEachStoreDay { store, day, members in
      var block = InventoryBlock(storeKey: context.storeKeys[store], day: day)
      for (entry, sku) in members {
        block.skuKeys.append(context.skuKeys[sku])
        block.onHand.append(onHand[entry])
        block.onOrder.append(onOrder[entry])
      }
      blocks.append(block)
    }
    parsed.cells = slots.count
    parsed.setSpan(span)
    parsed.content = .inventory(blocks)
    parsed.negativeStockRows = negativeStock
    return parsed
  }

  /// The first `YYYY-MM-DD` in a file name, if any.
  static func day(inFileName name: String) -> Day? {
    let bytes = Array(name.utf8)
    guard bytes.count >= 10 else { return nil }
    for start in 0...(bytes.count - 10) {
      let found = bytes[start..<(start + 10)].withUnsafeBufferPointer { Day.parseISO($0) }
      if let found { return found }
    }
    return nil
  }
}
