import Tabular

// MARK: - Daily rows: expected demand, sales, inventory

extension StoreSimulator {
  /// Upper bound on the bytes of one truth, sales or inventory row.
  static func rowBound(_ templates: RowTemplates) -> Int {
    templates.storeIDWidth + templates.skuIDWidth + 64
  }

  /// `store_id,sku_id,date,expected_units` for every SKU (3 decimals); in the realistic profile
  /// followed by `,p10,p50,p90`, the day's true demand quantiles (`DemandMixture.quantiles`).
  mutating func writeExpectedDemand(_ dayIndex: Int, context: SimulationContext, sink: ByteSink) {
    if isRealistic {
      writeExpectedDemandWithQuantiles(dayIndex, context: context, sink: sink)
      return
    }
    let templates = context.templates
    let storeID = templates.storeID(storeIndex)
    let storeWidth = templates.storeIDWidth + 1
    let skuWidth = templates.skuIDWidth + 1
    let date = templates.isoDate(dayIndex)
    sink.appendDirectly(maximumBytes: skuCount * StoreSimulator.rowBound(templates)) { pointer in
      var cursor = RowCursor(pointer)
      meanToday.withUnsafeBufferPointer { means in
        for sku in 0..<skuCount {
          cursor.put(storeID, count: storeWidth)
          cursor.put(templates.skuID(sku), count: skuWidth)
          cursor.put(date, count: 10)
          cursor.put(UInt8(ascii: ","))
          cursor.put(thousandths: Int((means[sku] * 1000).rounded()))
          cursor.put(UInt8(ascii: "\n"))
        }
      }
      return cursor.written
    }
    expectedDemandRows += skuCount
  }

  /// The realistic profile's truth rows: `store_id,sku_id,date,expected_units,p10,p50,p90`.
  mutating func writeExpectedDemandWithQuantiles(
    _ dayIndex: Int, context: SimulationContext, sink: ByteSink
  ) {
    let templates = context.templates
    let storeID = templates.storeID(storeIndex)
    let storeWidth = templates.storeIDWidth + 1
    let skuWidth = templates.skuIDWidth + 1
    let date = templates.isoDate(dayIndex)
    var scratch = quantileScratch
    quantileScratch = []
    sink.appendDirectly(maximumBytes: skuCount * (StoreSimulator.rowBound(templates) + 64)) {
      pointer in
      var cursor = RowCursor(pointer)
      for sku in 0..<skuCount {
        let mixture = realistic.mixture(sku: sku)
        let (p10, p50, p90) = mixture.quantiles((0.1, 0.5, 0.9), scratch: &scratch)
        cursor.put(storeID, count: storeWidth)
        cursor.put(templates.skuID(sku), count: skuWidth)
        cursor.put(date, count: 10)
        cursor.put(UInt8(ascii: ","))
        cursor.put(thousandths: Int((meanToday[sku] * 1000).rounded()))
        cursor.put(UInt8(ascii: ","))
        cursor.put(digitsOf: p10)
        cursor.put(UInt8(ascii: ","))
        cursor.put(digitsOf: p50)
        cursor.put(UInt8(ascii: ","))
        cursor.put(digitsOf: p90)
        cursor.put(UInt8(ascii: "\n"))
      }
      return cursor.written
    }
    quantileScratch = scratch
    expectedDemandRows += skuCount
  }

  /// `store_id,sku_id,date,units,stockout` for SKUs that sold or ran out (zero days are implicit).
  /// Counts the rows as history rows when `dayIndex` is a history day.
  mutating func writeSales(_ dayIndex: Int, context: SimulationContext, sink: ByteSink) {
    let templates = context.templates
    let storeID = templates.storeID(storeIndex)
    let storeWidth = templates.storeIDWidth + 1
    let skuWidth = templates.skuIDWidth + 1
    let date = templates.isoDate(dayIndex)
    var rows = 0
    sink.appendDirectly(maximumBytes: skuCount * StoreSimulator.rowBound(templates)) { pointer in
      var cursor = RowCursor(pointer)
      for sku in 0..<skuCount where soldToday[sku] > 0 || stockoutToday[sku] {
        cursor.put(storeID, count: storeWidth)
        cursor.put(templates.skuID(sku), count: skuWidth)
        cursor.put(date, count: 10)
        cursor.put(UInt8(ascii: ","))
        cursor.put(digitsOf: soldToday[sku])
        cursor.put(UInt8(ascii: ","))
        cursor.put(stockoutToday[sku] ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        cursor.put(UInt8(ascii: "\n"))
        rows += 1
      }
      return cursor.written
    }
    if dayIndex < context.firstTransactionIndex { historyRows += rows }
  }

  /// `store_id,sku_id,on_hand,on_order` at the end of the day, for SKUs the store lists: open
  /// store, launched SKU, and either still on sale or with stock or orders left (stock of a
  /// discontinued SKU is returned to the supplier, so its rows stop soon after).
  mutating func writeInventory(_ dayIndex: Int, context: SimulationContext, sink: ByteSink) {
    guard dayIndex >= store.openIndex else { return }
    let templates = context.templates
    let storeID = templates.storeID(storeIndex)
    let storeWidth = templates.storeIDWidth + 1
    let skuWidth = templates.skuIDWidth + 1
    var rows = 0
    sink.appendDirectly(maximumBytes: skuCount * StoreSimulator.rowBound(templates)) { pointer in
      var cursor = RowCursor(pointer)
      for sku in 0..<skuCount where dayIndex >= launchIndex[sku] {
        guard dayIndex < discontinueIndex[sku] || onHand[sku] > 0 || onOrder[sku] > 0 else {
          continue
        }
        cursor.put(storeID, count: storeWidth)
        cursor.put(templates.skuID(sku), count: skuWidth)
        cursor.put(digitsOf: onHand[sku])
        cursor.put(UInt8(ascii: ","))
        cursor.put(digitsOf: onOrder[sku])
        cursor.put(UInt8(ascii: "\n"))
        rows += 1
      }
      return cursor.written
    }
    inventoryRows += rows
  }
}
