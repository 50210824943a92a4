import DemandCore
import History
import Tabular

/// Aggregates transaction lines to store/SKU/day: units sold and returned, revenue, lines and
/// promotion lines. The hot path of ingest: an explicit loop over the scanner's records with
/// one-entry caches for the date and store (exports are grouped by both), no strings per row, and
/// dense per-block accumulation (see `TransactionAggregator`).
///
/// With a `txn_id` column, each valid line's fingerprint (`DeliveryFingerprint`) is kept per
/// store/day, so that later files repeating these lines can be caught. Given `duplicates` (what
/// earlier files delivered of the same stores and days), lines matching them, and lines for a
/// store/SKU/day whose total an earlier daily-demand file gave, are set aside as duplicates
/// instead of counted.
enum TransactionParser {
  /// Column order in `columns`: date, store_id, sku_id, quantity, unit_price?, promo?, txn_id?,
  /// time?. A time (the `time` column, or a date written `YYYY-MM-DDTHH:MM[:SS]`) is checked and
  /// summed into `hourlySales`; it changes nothing in the day's demand.
  static func parse(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?], context: ValidationContext,
    duplicates: DuplicateFilter? = nil
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    guard let dateColumn = columns[0], let storeColumn = columns[1], let skuColumn = columns[2],
      let quantityColumn = columns[3]
    else { return parsed }
    let priceColumn = columns[4] ?? -1
    let promoColumn = columns[5] ?? -1
    let transactionColumn = columns[6] ?? -1
    let timeColumn = columns.count > 7 ? columns[7] ?? -1 : -1
    var hourly = HourlyAccumulator(categoryCount: context.categories.count)
    let skuCategory = context.skuCategory
    let fieldCount = table.header.count
    var aggregator = TransactionAggregator(storeKeys: context.storeKeys, skuKeys: context.skuKeys)
    let storeKeys = context.storeKeys
    let skuKeys = context.skuKeys
    var duplicates = duplicates
    // The fingerprint seed of the last store/day seen (exports are grouped by both).
    var seedStore = -1
    var seedDay = Day(daysSinceEpoch: 0)
    var seed: UInt64 = 0
    let openDays = context.storeOpenDay
    // Held in locals so the loop does not retain them through `context` on every row.
    let stores = context.stores
    let skus = context.skus
    let asOf = context.asOf
    let limit = context.limits.maximumUnitsPerLine
    let maxPrice = context.limits.maximumUnitPrice
    var lastDateWord: UInt64 = 0
    var lastDateTail: UInt16 = 0
    var lastDay: Day? = nil
    var lastStoreWord: UInt64 = 0
    var lastStoreLength = -1
    var lastStore = 0

    while let record = scanner.next() {
      parsed.rowsRead += 1
      let row = FieldReader(record: record, table: table)
      guard record.problem == nil, record.fieldCount == fieldCount else {
        parsed.reject(row.shapeError(expectedFields: fieldCount), record: record, table: table)
        continue
      }
      do throws(RowError) {
        // Date, cached on its ten bytes; a `YYYY-MM-DDTHH:MM[:SS]` timestamp gives its time too.
        var rawDate = record.rawField(dateColumn)
        var secondOfDay: Int? = nil
        if rawDate.count > 11, rawDate[10] == UInt8(ascii: "T"), !record.needsUnescaping(dateColumn)
        {
          guard let second = TimeOfDay.secondOfDay(afterDate: rawDate) else {
            throw row.failure(dateColumn, .notATime(text: row.text(dateColumn)))
          }
          secondOfDay = second
          rawDate = UnsafeBufferPointer(rebasing: rawDate[0..<10])
        }
        let day: Day
        if rawDate.count == 10, let base = rawDate.baseAddress, let cached = lastDay,
          UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) == lastDateWord,
          UnsafeRawPointer(base).loadUnaligned(fromByteOffset: 8, as: UInt16.self) == lastDateTail
        {
          day = cached
        } else {
          if secondOfDay != nil {
            guard let parsed = Day.parseISO(rawDate) else {
              throw row.failure(dateColumn, .notADate(text: row.text(dateColumn)))
            }
            day = parsed
          } else {
            day = try row.day(dateColumn)
          }
          if rawDate.count == 10, let base = rawDate.baseAddress {
            lastDateWord = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            lastDateTail = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            lastDay = day
          }
        }
        // Store, cached on its bytes when they fit in one word.
        let rawStore = record.rawField(storeColumn)
        let store: Int
        let storeWord = Self.word(rawStore)
        if rawStore.count == lastStoreLength, storeWord == lastStoreWord,
          !record.needsUnescaping(storeColumn)
        {
          store = lastStore
        } else {
          if record.needsUnescaping(storeColumn) {
            store = try row.store(storeColumn, in: context)
          } else if let found = stores.index(of: rawStore) {
            store = found
          } else {
            throw row.failure(storeColumn, .unknownStore(row.text(storeColumn)))
          }
          if rawStore.count <= 8 {
            lastStoreWord = storeWord
            lastStoreLength = rawStore.count
            lastStore = store
          }
        }
        if day > asOf { throw row.failure(dateColumn, .futureDate(day, asOf: asOf)) }
        if day.daysSinceEpoch < openDays[store] {
          throw row.failure(
            dateColumn, .beforeStoreOpened(day, opened: Day(daysSinceEpoch: openDays[store])))
        }
        let sku: Int
        if record.needsUnescaping(skuColumn) {
          sku = try row.sku(skuColumn, in: context)
        } else if let found = skus.index(of: record.rawField(skuColumn)) {
          sku = found
        } else {
          throw row.failure(skuColumn, .unknownSKU(row.text(skuColumn)))
        }
        let quantity: Double
        if let parsed = Self.number(record, quantityColumn) {
          quantity = parsed
        } else {
          quantity = try row.number(quantityColumn)
        }
        guard abs(quantity) <= limit else {
          throw row.failure(quantityColumn, .absurdQuantity(quantity, limit: limit))
        }
        var price = 0.0
        if priceColumn >= 0 {
          if let parsed = Self.number(record, priceColumn), parsed >= 0, parsed <= maxPrice {
            price = parsed
          } else {
            price = try row.number(priceColumn, in: 0...maxPrice)
          }
        }
        let promo = promoColumn >= 0 ? try row.flag(promoColumn) : false
        if timeColumn >= 0 {
          let raw = record.rawField(timeColumn)
          guard !record.needsUnescaping(timeColumn), let second = TimeOfDay.secondOfDay(raw)
          else {
            throw row.failure(
              timeColumn, raw.isEmpty ? .missingValue : .notATime(text: row.text(timeColumn)))
          }
          secondOfDay = second
        }
        if let cutoff = context.cutoffSecondOfDay, let second = secondOfDay, day == asOf,
          second >= cutoff / 60 * 60 + 60
        {
          throw row.failure(
            timeColumn >= 0 ? timeColumn : dateColumn,
            .afterCutoff(secondOfDay: second, cutoff: cutoff))
        }
        var fingerprint: UInt64? = nil
        if transactionColumn >= 0 {
          if store != seedStore || day != seedDay {
            seed = DeliveryFingerprint.cellSeed(storeKey: storeKeys[store], day: day)
            seedStore = store
            seedDay = day
          }
          let raw = record.rawField(transactionColumn)
          if !record.needsUnescaping(transactionColumn) {
            if !raw.isEmpty {
              fingerprint = DeliveryFingerprint.line(
                cellSeed: seed, skuKey: skuKeys[sku], transaction: raw)
            }
          } else {
            fingerprint = Self.fingerprint(record, transactionColumn, seed, skuKey: skuKeys[sku])
          }
        }
        if duplicates != nil, let line = fingerprint,
          let earlierFile = duplicates?.claim(line)
        {
          parsed.setAside(
            row.failure(transactionColumn, .alreadyDelivered(file: earlierFile)),
            record: record, table: table)
          continue
        }
        // A line for a store/SKU/day whose whole total a daily-demand file gave already.
        if let earlierFile = duplicates?.cellFile(
          storeKey: storeKeys[store], day: day, skuKey: skuKeys[sku])
        {
          parsed.setAside(
            row.failure(transactionColumn, .alreadyDelivered(file: earlierFile)),
            record: record, table: table)
          continue
        }
        aggregator.add(
          store: store, day: day, sku: sku, quantity: quantity, price: price, promo: promo)
        if let fingerprint { aggregator.noteLine(fingerprint) }
        if let secondOfDay, quantity > 0 {
          hourly.add(
            store: store, day: day, category: Int(skuCategory[sku]), hour: secondOfDay / 3600,
            quantity: quantity)
        }
        parsed.rowsValid += 1
      } catch {
        parsed.reject(error, record: record, table: table)
      }
    }
    let (blocks, cells, delivered) = aggregator.finish()
    parsed.cells = cells
    parsed.setSpan(aggregator.span)
    parsed.content = .demand(blocks)
    parsed.deliveredLines = delivered
    parsed.hourlySales = hourly.rows(storeKeys: storeKeys, categories: context.categories)
    return parsed
  }

  /// The fingerprint of a line whose transaction id has doubled quotes (rare: a copy).
  static func fingerprint(_ record: CSVRecord, _ column: Int, _ seed: UInt64, skuKey: Int32)
    -> UInt64
  {
    record.withField(column) {
      DeliveryFingerprint.line(cellSeed: seed, skuKey: skuKey, transaction: $0)
    }
  }

  /// The field's number when it parses directly from the raw bytes, else `nil` (the caller then
  /// goes through `FieldReader`, which builds the error).
  @inline(__always)
  static func number(_ record: CSVRecord, _ column: Int) -> Double? {
    guard !record.needsUnescaping(column),
      case .success(let value) = DecimalParser.parse(record.rawField(column))
    else { return nil }
    return value
  }

  /// Up to the first eight bytes as one word (zero-padded); equal words and lengths mean equal ids.
  @inline(__always)
  static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    if bytes.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
    var value: UInt64 = 0
    for i in 0..<bytes.count { value |= UInt64(base[i]) << (8 * UInt64(i)) }
    return value
  }
}
