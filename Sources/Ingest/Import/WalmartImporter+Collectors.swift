import DemandCore
import Tabular

extension WalmartImporter {
  /// The kept rows of `train.csv`, checked for grain, store and duplicates as they arrive.
  struct DemandCollector {
    struct Key: Hashable {
      var store: Int
      var sku: Int
      var date: Day
    }

    /// The stores of `stores.csv`, or `nil` without it (every store is then taken).
    let stores: Set<Int>?
    /// Weekly, ending on the weekday most of the file's dates fall on (`weekEnding`); rows on
    /// another weekday are refused as `offGrain`.
    let grain: Grain
    private var keys: [Key] = []
    /// The value's text as delivered (trimmed), written back unchanged.
    private var values: [String] = []
    private var firstLine: [Key: Int] = [:]
    private(set) var holidays: Set<Day> = []

    init(stores: Set<Int>?, grain: Grain) {
      self.stores = stores
      self.grain = grain
    }

    mutating func add(_ row: ImportRow, columns c: [Int]) throws(RowError) {
      let store = try row.identifier(c[0])
      if let stores, !stores.contains(store) { throw row.failure(c[0], .unknownStore("\(store)")) }
      let sku = try row.identifier(c[1])
      let date = try row.date(c[2])
      guard grain.accepts(date) else { throw row.failure(c[2], .offGrain(date, grain: grain)) }
      _ = try row.number(c[3])
      let holiday = try row.flag(c[4])
      let key = Key(store: store, sku: sku, date: date)
      if let first = firstLine[key] { throw row.failure(nil, .duplicateKey(firstLine: first)) }
      firstLine[key] = row.line
      keys.append(key)
      values.append(row.text(c[3]))
      if holiday { holidays.insert(date) }
    }

    var firstDate: Day { keys.map(\.date).min() ?? Day(daysSinceEpoch: 0) }
    var storeIDs: [Int] { Set(keys.map(\.store)).sorted() }
    var skuIDs: [Int] { Set(keys.map(\.sku)).sorted() }

    /// Writes `demand.csv` sorted by store, SKU and date, and fills the report's demand counts.
    func write(to path: String, report: inout ImportReport) throws {
      let order = keys.indices.sorted { a, b in
        let x = keys[a]
        let y = keys[b]
        return (x.store, x.sku, x.date.daysSinceEpoch) < (y.store, y.sku, y.date.daysSinceEpoch)
      }
      let first = keys.map(\.date).min()
      let last = keys.map(\.date).max()
      var periods = -1
      if let first, let last {
        periods = grain.period(of: last) - grain.period(of: first)
      }
      let sink = ByteSink(initialCapacityBytes: 1 << 20)
      sink.append("store_id,sku_id,date,units\n")
      var seriesLength = 0
      for (position, index) in order.enumerated() {
        let key = keys[index]
        sink.appendInt(key.store)
        sink.appendComma()
        sink.appendInt(key.sku)
        sink.appendComma()
        sink.append(utf8: key.date.iso)
        sink.appendComma()
        sink.append(utf8: values[index])
        sink.appendNewline()
        if let value = Double(values[index]) {
          if value < 0 { report.negativeRows += 1 }
          if value == 0 { report.zeroRows += 1 }
        }
        seriesLength += 1
        let next = position + 1 < order.count ? keys[order[position + 1]] : nil
        if next?.store != key.store || next?.sku != key.sku {
          report.series += 1
          if seriesLength == periods + 1 { report.completeSeries += 1 }
          if seriesLength == 1 { report.singleRowSeries += 1 }
          seriesLength = 0
        }
      }
      try sink.withUnsafeBytes { try AtomicFile.write(Array($0), to: path) }
      report.demandRows = order.count
      report.firstDate = first
      report.lastDate = last
    }
  }

  /// The kept rows of `features.csv`: covariate values by store and week, and holiday weeks.
  struct FeatureCollector {
    struct Key: Hashable {
      var date: Day
      var store: Int
    }

    let stores: Set<Int>?
    let grain: Grain
    private var rows: [(key: Key, values: [String?])] = []
    private var firstLine: [Key: Int] = [:]
    private(set) var holidays: Set<Day> = []

    init(stores: Set<Int>?, grain: Grain) {
      self.stores = stores
      self.grain = grain
    }

    /// Columns: store, date, then one per covariate, then the holiday flag.
    mutating func add(_ row: ImportRow, columns c: [Int]) throws(RowError) {
      let store = try row.identifier(c[0])
      if let stores, !stores.contains(store) { throw row.failure(c[0], .unknownStore("\(store)")) }
      let date = try row.date(c[1])
      guard grain.accepts(date) else { throw row.failure(c[1], .offGrain(date, grain: grain)) }
      var values: [String?] = []
      for index in WalmartImporter.covariates.indices {
        let column = c[2 + index]
        values.append(try row.optionalNumber(column) == nil ? nil : row.text(column))
      }
      let holiday = try row.flag(c[2 + WalmartImporter.covariates.count])
      let key = Key(date: date, store: store)
      if let first = firstLine[key] { throw row.failure(nil, .duplicateKey(firstLine: first)) }
      firstLine[key] = row.line
      rows.append((key, values))
      if holiday { holidays.insert(date) }
    }

    /// Writes `covariates.csv` (`date,store,name,value,known_in_advance`), one row per date ×
    /// store × covariate sorted by date, store and the fixed covariate order; a missing value
    /// is written `NA`.
    func write(to path: String, report: inout ImportReport) throws {
      let sorted = rows.sorted { a, b in
        (a.key.date.daysSinceEpoch, a.key.store) < (b.key.date.daysSinceEpoch, b.key.store)
      }
      let sink = ByteSink(initialCapacityBytes: 1 << 20)
      sink.append("date,store,name,value,known_in_advance\n")
      for row in sorted {
        let date = row.key.date.iso
        for (index, covariate) in WalmartImporter.covariates.enumerated() {
          sink.append(utf8: date)
          sink.appendComma()
          sink.appendInt(row.key.store)
          sink.appendComma()
          sink.append(utf8: covariate.name)
          sink.appendComma()
          if let value = row.values[index] {
            sink.append(utf8: value)
          } else {
            sink.append("NA")
            report.missingCovariateValues += 1
          }
          sink.append(covariate.knownInAdvance ? ",1\n" : ",0\n")
          report.covariateRows += 1
        }
      }
      try sink.withUnsafeBytes { try AtomicFile.write(Array($0), to: path) }
    }
  }
}
