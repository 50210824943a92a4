import Tabular

// MARK: - Transaction lines: splitting sales into basket lines, plus returns

extension StoreSimulator {
  /// Units per sale line, indexed by one random byte: 1 unit on 82 % of lines, 2 on 11 %,
  /// 3–6 on the rest (mean 1.32 units per line).
  static let lineQuantities: [Int32] = {
    let counts: [(Int32, Int)] = [(1, 210), (2, 28), (3, 9), (4, 4), (5, 1), (6, 4)]
    return counts.flatMap { quantity, count in Array(repeating: quantity, count: count) }
  }()

  /// Average sale lines per basket (the chain's assortment is a slice of a real store's).
  static let linesPerBasket = 2.8
  /// Chance that a sale line is followed by a return of the same SKU, as a fraction of 65 536.
  static let returnChance: UInt64 = 662

  /// Writes `date,store_id,sku_id,quantity,unit_price,promo,txn_id` lines for today's sales.
  ///
  /// Each SKU's sold units are split into lines (mostly 1 unit), lines are dealt into baskets at
  /// random and written basket by basket, so a `txn_id` groups the lines of one basket. About
  /// 1 % of lines come with a return (quantity −1 or −2) in a basket of its own. Positive
  /// quantities per SKU add up to the day's sales exactly; returns are not subtracted from sales.
  mutating func writeTransactions(
    _ day: Int, table: DayTable, context: SimulationContext, sink: ByteSink
  ) {
    let dayIndex = table.firstIndex + day
    var totalUnits = 0
    for sku in 0..<skuCount { totalUnits += soldToday[sku] }
    guard totalUnits > 0 else { return }
    let basketCount = max(1, Int(Double(totalUnits) / (1.32 * StoreSimulator.linesPerBasket)))
    dealLines(basketCount: basketCount)

    let templates = context.templates
    let storeWidth = templates.storeIDWidth
    let skuWidth = templates.skuIDWidth + 1
    let storeID = templates.storeID(storeIndex)
    let date = templates.isoDate(dayIndex)
    let compactDate = templates.compactDate(dayIndex)
    let lineBound = 2 * storeWidth + skuWidth + 96
    var effectiveCents = [Int](repeating: 0, count: skuCount)
    for sku in 0..<skuCount where soldToday[sku] > 0 {
      let shelf = table.shelfPrices[day * skuCount + sku]
      effectiveCents[sku] = Int((shelf * (1 - discountToday[sku]) * 100).rounded())
    }
    let lineCount = lineSKU.count
    let timestamps = context.catalog.configuration.timestamps
    let order = timestamps ? timeOrderedLines(dayIndex: dayIndex, context: context) : []
    sink.appendDirectly(maximumBytes: lineCount * (lineBound + 9)) { pointer in
      var cursor = RowCursor(pointer)
      for position in 0..<lineCount {
        let line = Int(timestamps ? order[position].line : sortedLines[position])
        let sku = Int(lineSKU[line])
        cursor.put(date, count: 10)
        cursor.put(UInt8(ascii: ","))
        cursor.put(storeID, count: storeWidth + 1)
        cursor.put(templates.skuID(sku), count: skuWidth)
        cursor.put(signed: Int(lineQuantity[line]))
        cursor.put(UInt8(ascii: ","))
        let cents = effectiveCents[sku]
        cursor.put(digitsOf: cents / 100)
        cursor.put(UInt8(ascii: "."))
        cursor.put(digitsOf: cents % 100, minimumDigits: 2)
        cursor.put(UInt8(ascii: ","))
        cursor.put(discountToday[sku] > 0 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        cursor.put(UInt8(ascii: ","))
        cursor.put(storeID, count: storeWidth)
        cursor.put(UInt8(ascii: "-"))
        cursor.put(compactDate, count: 8)
        cursor.put(UInt8(ascii: "-"))
        cursor.put(digitsOf: Int(lineBasket[line]) + 1, minimumDigits: 6)
        if timestamps {
          let second = Int(order[position].secondOfDay)
          cursor.put(UInt8(ascii: ","))
          cursor.put(digitsOf: second / 3600, minimumDigits: 2)
          cursor.put(UInt8(ascii: ":"))
          cursor.put(digitsOf: second / 60 % 60, minimumDigits: 2)
          cursor.put(UInt8(ascii: ":"))
          cursor.put(digitsOf: second % 60, minimumDigits: 2)
        }
        cursor.put(UInt8(ascii: "\n"))
      }
      return cursor.written
    }
    transactionLines += lineCount
  }

  /// Today's lines in time order with their second of the day (`--timestamps`): each basket gets
  /// a time drawn from the store's `IntradayShape` for the weekday, from a random stream of its
  /// own (seed, store, day), so the other files and the main stream are untouched; baskets are
  /// written in time order (ties by basket), the lines of a basket together.
  func timeOrderedLines(dayIndex: Int, context: SimulationContext) -> [(
    line: Int32, secondOfDay: Int32
  )] {
    let basketCount = basketFirstLine.count - 1
    guard basketCount > 0 else { return [] }
    var random = SplitMix64(
      seed: SplitMix64.streamSeed(
        context.catalog.configuration.seed, 11, UInt64(storeIndex), UInt64(dayIndex)))
    let shape = IntradayShape.all[
      store.format.rawValue * 7
        + context.catalog.configuration.start.adding(days: dayIndex)
        .weekdayIndex]
    var times: [(second: Int32, basket: Int32)] = []
    times.reserveCapacity(basketCount)
    for basket in 0..<basketCount {
      let bits = random.next()
      let u = Double(bits >> 11) * 0x1p-53
      let second = shape.secondOfDay(u: u, secondDraw: Int((bits & 0x3FF) % 60))
      times.append((Int32(second), Int32(basket)))
    }
    times.sort { ($0.second, $0.basket) < ($1.second, $1.basket) }
    var result: [(line: Int32, secondOfDay: Int32)] = []
    result.reserveCapacity(sortedLines.count)
    for (second, basket) in times {
      let end = Int(basketFirstLine[Int(basket)])
      let start = basket == 0 ? 0 : Int(basketFirstLine[Int(basket) - 1])
      for position in start..<end { result.append((sortedLines[position], second)) }
    }
    return result
  }

  /// Splits today's sales into lines, deals sale lines into `basketCount` baskets, gives each
  /// return its own basket after those, and fills `sortedLines` in basket order (stable, so
  /// lines within a basket stay in SKU order).
  mutating func dealLines(basketCount: Int) {
    lineSKU.removeAll(keepingCapacity: true)
    lineQuantity.removeAll(keepingCapacity: true)
    lineBasket.removeAll(keepingCapacity: true)
    var returnCount = 0
    for sku in 0..<skuCount where soldToday[sku] > 0 {
      var remaining = Int32(soldToday[sku])
      while remaining > 0 {
        let bits = source.next()
        let quantity = min(remaining, StoreSimulator.lineQuantities[Int(bits & 0xFF)])
        remaining -= quantity
        lineSKU.append(Int32(sku))
        lineQuantity.append(quantity)
        lineBasket.append(Int32(truncatingIfNeeded: ((bits >> 32) &* UInt64(basketCount)) >> 32))
        if (bits >> 8) & 0xFFFF < StoreSimulator.returnChance {
          lineSKU.append(Int32(sku))
          lineQuantity.append((bits >> 24) & 0x7 == 0 ? -2 : -1)
          lineBasket.append(Int32(basketCount + returnCount))
          returnCount += 1
        }
      }
    }
    // Counting sort by basket.
    let totalBaskets = basketCount + returnCount
    basketFirstLine.removeAll(keepingCapacity: true)
    basketFirstLine.append(contentsOf: repeatElement(0, count: totalBaskets + 1))
    for basket in lineBasket { basketFirstLine[Int(basket) + 1] += 1 }
    for basket in 0..<totalBaskets { basketFirstLine[basket + 1] += basketFirstLine[basket] }
    sortedLines.removeAll(keepingCapacity: true)
    sortedLines.append(contentsOf: repeatElement(0, count: lineSKU.count))
    for line in 0..<lineSKU.count {
      let basket = Int(lineBasket[line])
      sortedLines[Int(basketFirstLine[basket])] = Int32(line)
      basketFirstLine[basket] += 1
    }
  }
}
