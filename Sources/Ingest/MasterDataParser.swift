import DemandCore
import History
import Tabular

/// Reads the small master files: stores, SKUs, the calendar and planned promotions.
///
/// These are cold paths (hundreds to thousands of rows), so they build plain records. Every row is
/// still validated and bad ones are quarantined like any other.
enum MasterDataParser {
  static func stores(_ scanner: CSVScanner, table: InputTable, columns: [Int?])
    -> ParsedFile
  {
    var parsed = ParsedFile(content: .nothing)
    var records: [StoreRecord] = []
    var seen: [String: Int] = [:]
    guard let idColumn = columns[0], let openColumn = columns[4] else { return parsed }
    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let id = String(try row.utf8Text(idColumn).trimmingSpaces)
      guard !id.isEmpty else { throw row.failure(idColumn, .missingValue) }
      if let first = seen[id] { throw row.failure(idColumn, .duplicateValue(firstLine: first)) }
      let openDay = try row.optionalDay(openColumn)
      seen[id] = row.record.line
      records.append(
        StoreRecord(
          id: StoreID(id), name: try columns[1].map(row.utf8Text) ?? id,
          region: try columns[2].map(row.utf8Text) ?? "",
          format: try columns[3].map(row.utf8Text) ?? "", openDay: openDay))
    }
    parsed.cells = records.count
    parsed.content = .stores(records)
    return parsed
  }

  static func skus(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?],
    limits: IngestLimits
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    var records: [SKURecord] = []
    var seen: [String: Int] = [:]
    guard let idColumn = columns[0], let categoryColumn = columns[2], let costColumn = columns[3],
      let priceColumn = columns[4], let packColumn = columns[5], let leadColumn = columns[6]
    else { return parsed }
    let money = 0...limits.maximumUnitPrice
    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let id = String(try row.utf8Text(idColumn).trimmingSpaces)
      guard !id.isEmpty else { throw row.failure(idColumn, .missingValue) }
      if let first = seen[id] { throw row.failure(idColumn, .duplicateValue(firstLine: first)) }
      let category = String(try row.utf8Text(categoryColumn).trimmingSpaces)
      guard !category.isEmpty else { throw row.failure(categoryColumn, .missingValue) }
      let record = SKURecord(
        id: SKUID(id), name: try columns[1].map(row.utf8Text) ?? id, category: category,
        unitCost: try row.number(costColumn, in: money),
        unitPrice: try row.number(priceColumn, in: money),
        casePack: try row.wholeNumber(packColumn, in: 1...100_000),
        leadTimeDays: try row.wholeNumber(leadColumn, in: 0...365),
        minOrderQty: try columns[7].map { c throws(RowError) in
          try row.wholeNumber(c, in: 0...1_000_000)
        } ?? 0,
        // Blank: no limit.
        shelfCapacityUnits: try columns[8].flatMap { c throws(RowError) -> Int? in
          row.record.rawField(c).allSatisfy({ $0 == 32 })
            ? nil : try row.wholeNumber(c, in: 1...10_000_000)
        })
      seen[id] = row.record.line
      records.append(record)
    }
    parsed.cells = records.count
    parsed.content = .skus(records)
    return parsed
  }

  static func calendar(_ scanner: CSVScanner, table: InputTable, columns: [Int?])
    -> ParsedFile
  {
    var parsed = ParsedFile(content: .nothing)
    var entries: [CalendarEntry] = []
    var seen: [Day: Int] = [:]
    var span = DaySpan()
    guard let dateColumn = columns[0], let holidayColumn = columns[1] else { return parsed }
    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let day = try row.day(dateColumn)
      if let first = seen[day] { throw row.failure(dateColumn, .duplicateValue(firstLine: first)) }
      seen[day] = row.record.line
      let holiday = String(try row.utf8Text(holidayColumn).trimmingSpaces)
      entries.append(CalendarEntry(day: day, holiday: holiday.isEmpty ? nil : holiday))
      span.note(day)
    }
    parsed.cells = entries.count
    parsed.setSpan(span)
    parsed.content = .calendar(entries)
    return parsed
  }

  static func promotions(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?],
    context: ValidationContext
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    var records: [PromotionRecord] = []
    var span = DaySpan()
    guard let storeColumn = columns[0], let skuColumn = columns[1], let startColumn = columns[2],
      let endColumn = columns[3], let discountColumn = columns[4]
    else { return parsed }
    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let store = try row.store(storeColumn, in: context)
      let sku = try row.sku(skuColumn, in: context)
      let start = try row.day(startColumn)
      let end = try row.day(endColumn)
      guard end >= start else {
        throw row.failure(endColumn, .endBeforeStart(start: start, end: end))
      }
      let discount = try row.number(discountColumn, in: 0...100)
      records.append(
        PromotionRecord(
          store: StoreID(context.stores.identifiers[store]),
          sku: SKUID(context.skus.identifiers[sku]), start: start, end: end, discountPct: discount))
      span.note(start)
      span.note(end)
    }
    parsed.cells = records.count
    parsed.setSpan(span)
    parsed.content = .promotions(records)
    return parsed
  }
}
