import DemandCore
import Foundation
import GRDB

extension HistoryDatabase {
  /// The daily series of one SKU in one store, from its first recorded day to the store's last,
  /// zero-filled between (a day with no sales is a day of zero demand, not a missing one).
  ///
  /// - Throws: `HistoryError.unknownStore` / `.unknownSKU` when either is not in the master data.
  public func dailySeries(store: StoreID, sku: SKUID) throws -> [DailyDemand] {
    try read { db in
      let storeKey = try Self.storeKey(store, db)
      guard
        let skuKey = try Int32.fetchOne(
          db, sql: "SELECT key FROM sku WHERE code = ?", arguments: [sku.rawValue])
      else { throw HistoryError.unknownSKU(sku.rawValue) }
      var byDay: [Day: DailyDemand] = [:]
      var lastStoreDay: Day?
      let demandRows = try Row.fetchCursor(
        db, sql: "SELECT day, payload FROM demand_block WHERE store_key = ? ORDER BY day, file_id",
        arguments: [storeKey])
      while let row = try demandRows.next() {
        let day = Day(daysSinceEpoch: row["day"])
        lastStoreDay = max(lastStoreDay ?? day, day)
        let block = try DemandBlock(storeKey: storeKey, day: day, decoding: row["payload"])
        guard let i = block.skuKeys.sortedIndex(of: skuKey) else { continue }
        var entry = byDay[day] ?? DailyDemand(day: day)
        entry.unitsSold += block.unitsSold[i]
        entry.unitsReturned += block.unitsReturned[i]
        entry.revenue += block.revenue[i]
        entry.lines += Int(block.lines[i])
        entry.promoLines += Int(block.promoLines[i])
        entry.stockout = entry.stockout || block.stockout[i] != 0
        byDay[day] = entry
      }
      let inventoryRows = try Row.fetchCursor(
        db,
        sql: "SELECT day, payload FROM inventory_block WHERE store_key = ? ORDER BY day, file_id",
        arguments: [storeKey])
      while let row = try inventoryRows.next() {
        let day = Day(daysSinceEpoch: row["day"])
        let block = try InventoryBlock(storeKey: storeKey, day: day, decoding: row["payload"])
        guard let i = block.skuKeys.sortedIndex(of: skuKey) else { continue }
        var entry = byDay[day] ?? DailyDemand(day: day)
        entry.onHand = block.onHand[i]
        entry.onOrder = block.onOrder[i]
        if block.onHand[i] <= 0 { entry.stockout = true }
        byDay[day] = entry
      }
      guard let first = byDay.keys.min(), let lastSeen = byDay.keys.max() else { return [] }
      let last = max(lastStoreDay ?? lastSeen, lastSeen)
      return (first...last).map { byDay[$0] ?? DailyDemand(day: $0) }
    }
  }

  /// Counts over the whole workspace; decodes every block, so it reads the full history once.
  public func summary() throws -> HistorySummary {
    try read { db in
      var summary = HistorySummary()
      summary.stores = try Int.fetchOne(db, sql: "SELECT count(*) FROM store") ?? 0
      summary.skus = try Int.fetchOne(db, sql: "SELECT count(*) FROM sku") ?? 0
      summary.calendarDays = try Int.fetchOne(db, sql: "SELECT count(*) FROM calendar_day") ?? 0
      summary.promotions = try Int.fetchOne(db, sql: "SELECT count(*) FROM promotion") ?? 0
      summary.covariateNames =
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT name) FROM covariate") ?? 0
      summary.covariateValues = try Int.fetchOne(db, sql: "SELECT count(*) FROM covariate") ?? 0
      summary.filesIngested =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_file WHERE status = 'ingested'")
        ?? 0
      summary.filesRefused =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_file WHERE status = 'refused'")
        ?? 0
      summary.inventoryBlocks =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM inventory_block") ?? 0
      var seriesSeen = Set<Int64>()
      var cells = Set<Int64>()
      var stockoutCells = Set<Int64>()
      let rows = try Row.fetchCursor(db, sql: "SELECT store_key, day, payload FROM demand_block")
      while let row = try rows.next() {
        let storeKey: Int32 = row["store_key"]
        let day = Day(daysSinceEpoch: row["day"])
        let block = try DemandBlock(storeKey: storeKey, day: day, decoding: row["payload"])
        summary.demandBlocks += 1
        summary.firstDay = min(summary.firstDay ?? day, day)
        summary.lastDay = max(summary.lastDay ?? day, day)
        for i in 0..<block.count {
          seriesSeen.insert(Int64(storeKey) << 32 | Int64(block.skuKeys[i]))
          let cell = Self.cellKey(storeKey, day, block.skuKeys[i])
          cells.insert(cell)
          summary.unitsSold += block.unitsSold[i]
          summary.unitsReturned += block.unitsReturned[i]
          summary.revenue += block.revenue[i]
          summary.lines += Int(block.lines[i])
          if block.stockout[i] != 0 { stockoutCells.insert(cell) }
        }
      }
      // End-of-day snapshots with nothing on hand are stock-outs too, as in `dailySeries`.
      let snapshots = try Row.fetchCursor(
        db, sql: "SELECT store_key, day, payload FROM inventory_block")
      while let row = try snapshots.next() {
        let storeKey: Int32 = row["store_key"]
        let day = Day(daysSinceEpoch: row["day"])
        let block = try InventoryBlock(storeKey: storeKey, day: day, decoding: row["payload"])
        for i in 0..<block.count where block.onHand[i] <= 0 {
          let cell = Self.cellKey(storeKey, day, block.skuKeys[i])
          cells.insert(cell)
          stockoutCells.insert(cell)
        }
      }
      summary.series = seriesSeen.count
      summary.storeSKUDays = cells.count
      summary.stockoutDays = stockoutCells.count
      return summary
    }
  }

  /// All inventory snapshot blocks of one store between two days inclusive, ordered by day then
  /// file (a later file's figures for a SKU and day replace an earlier one's).
  public func inventoryBlocks(storeKey: Int32, from start: Day, through end: Day) throws
    -> [InventoryBlock]
  {
    try read { db in
      try Self.fetchInventoryBlocks(storeKey: storeKey, from: start, through: end, db)
    }
  }

  /// All demand blocks of one store between two days inclusive, ordered by day then file; the
  /// forecasting stage's read path (one store at a time, so stores can be sharded).
  public func demandBlocks(storeKey: Int32, from start: Day, through end: Day) throws
    -> [DemandBlock]
  {
    try read { db in
      try Self.fetchDemandBlocks(storeKey: storeKey, from: start, through: end, db)
    }
  }
}

extension HistoryDatabase {
  /// One store/SKU/day as a single integer, for counting distinct cells.
  fileprivate static func cellKey(_ storeKey: Int32, _ day: Day, _ skuKey: Int32) -> Int64 {
    (Int64(storeKey) << 44) | (Int64(day.daysSinceEpoch + 100_000) << 24) | Int64(skuKey)
  }
}

extension Array where Element == Int32 {
  /// Binary search in a strictly increasing array.
  func sortedIndex(of key: Int32) -> Int? {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid] < key { low = mid + 1 } else { high = mid }
    }
    return low < count && self[low] == key ? low : nil
  }
}

extension HistoryDatabase {
  /// The first day any demand block covers, or `nil` for an empty history. Reads the block
  /// index, not the blocks.
  public func firstDemandDay() throws -> Day? {
    try read { db in
      try Int32.fetchOne(db, sql: "SELECT MIN(day) FROM demand_block").map {
        Day(daysSinceEpoch: $0)
      }
    }
  }

  /// The runs of days in `days` on which no store has any demand (no block of any file), each
  /// as its first and last day, in order: days a whole chain's export is missing, or every
  /// store closed, which the models read as days without a sale. Reads the block index.
  public func daysWithoutDemand(in days: ClosedRange<Day>) throws -> [ClosedRange<Day>] {
    let present = try read { db in
      try Set(
        Int32.fetchAll(
          db, sql: "SELECT DISTINCT day FROM demand_block WHERE day BETWEEN ? AND ?",
          arguments: [days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch]))
    }
    var runs: [ClosedRange<Day>] = []
    var day = days.lowerBound
    while day <= days.upperBound {
      if present.contains(day.daysSinceEpoch) {
        day = day.adding(days: 1)
        continue
      }
      var last = day
      while last < days.upperBound && !present.contains(last.adding(days: 1).daysSinceEpoch) {
        last = last.adding(days: 1)
      }
      runs.append(day...last)
      day = last.adding(days: 2)
    }
    return runs
  }

  /// The last day any demand block covers, or `nil` for an empty history: what training and
  /// backtests take as "today" when no date is given. Reads the block index, not the blocks.
  public func lastDemandDay() throws -> Day? {
    try read { db in
      try Int32.fetchOne(db, sql: "SELECT MAX(day) FROM demand_block").map {
        Day(daysSinceEpoch: $0)
      }
    }
  }
}
