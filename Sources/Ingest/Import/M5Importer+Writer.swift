import DemandCore
import Foundation
import Tabular

/// A planned price cut of one item in one store, from the M5 weekly prices.
struct M5Promotion: Equatable {
  var store: String
  var item: String
  var start: Day
  var end: Day
  /// Percent below the item's highest price in that store.
  var discountPct: Double
}

/// Reads `sell_prices.csv` into promotions: the weeks an item sold at least
/// `M5Importer.promotionThreshold` below its highest price in that store.
enum M5Prices {
  static func promotions(path: String, calendar: M5Calendar, series: [M5Sales.Series]) throws
    -> [M5Promotion]
  {
    var daysOfWeek: [Int: [Int]] = [:]
    for (index, week) in calendar.weeks.enumerated() { daysOfWeek[week, default: []].append(index) }
    let wanted = Set(series.map { "\($0.store)\u{1}\($0.item)" })
    var prices: [String: [(week: Int, price: Double)]] = [:]
    try M5Importer.scan(path) { header, scanner in
      let (file, names, column) = (header.file, header.names, header.column)
      let (store, item, week, price) = (
        try column("store_id"), try column("item_id"), try column("wm_yr_wk"),
        try column("sell_price")
      )
      while let record = scanner.next() {
        guard record.problem == nil, record.fieldCount == names.count else {
          throw ImportError.badField(
            file: file, line: record.line, column: names[0], reason: "malformed line")
        }
        let key = "\(record.string(store))\u{1}\(record.string(item))"
        guard wanted.contains(key) else { continue }
        guard let weekNumber = Int(record.string(week)), let value = Double(record.string(price)),
          value.isFinite, value > 0
        else {
          throw ImportError.badField(
            file: file, line: record.line, column: names[price],
            reason: "'\(record.string(price))' is not a positive price for week "
              + "'\(record.string(week))'")
        }
        prices[key, default: []].append((weekNumber, value))
      }
    }
    var result: [M5Promotion] = []
    for key in prices.keys.sorted() {
      guard let weeks = prices[key], let regular = weeks.map(\.price).max() else { continue }
      let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
      for (week, price) in weeks.sorted(by: { $0.week < $1.week })
      where price <= regular * (1 - M5Importer.promotionThreshold) {
        guard let days = daysOfWeek[week], let first = days.first, let last = days.last else {
          continue
        }
        let discount = ((1 - price / regular) * 10_000).rounded() / 100
        result.append(
          M5Promotion(
            store: parts[0], item: parts[1], start: calendar.days[first],
            end: calendar.days[last], discountPct: discount))
      }
    }
    return result
  }
}

/// Writes the imported M5 data as ShelfCast input files.
struct M5Writer {
  let calendar: M5Calendar
  let table: M5Sales

  func writeMaster(to folder: String, promotions: [M5Promotion], report: inout M5Importer.Report)
    throws
  {
    guard let firstDay = calendar.days.first else { return }
    var stores: [String: String] = [:]
    var items: [String: String] = [:]
    for series in table.series {
      stores[series.store] = series.state
      items[series.item] = series.category
    }
    var text = "store_id,name,region,format,open_date\n"
    for store in stores.keys.sorted() {
      text +=
        "\(csv(store)),\(csv("M5 store " + store)),\(csv(stores[store] ?? "")),,"
        + "\(firstDay.iso)\n"
    }
    try AtomicFile.write(text, to: folder + "/stores.csv")

    // M5 has no costs, case packs or lead times: placeholders a chain replaces with its own.
    text = "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
    for item in items.keys.sorted() {
      text += "\(csv(item)),\(csv(item)),\(csv(items[item] ?? "")),0,0,1,1,0\n"
    }
    try AtomicFile.write(text, to: folder + "/skus.csv")

    text = "date,holiday\n"
    for (index, day) in calendar.days.enumerated() {
      text += "\(day.iso),\(csv(calendar.eventNames[index].joined(separator: " / ")))\n"
    }
    try AtomicFile.write(text, to: folder + "/calendar.csv")

    text = "store_id,sku_id,start_date,end_date,discount_pct\n"
    for p in promotions {
      text += "\(csv(p.store)),\(csv(p.item)),\(p.start.iso),\(p.end.iso),\(p.discountPct)\n"
    }
    try AtomicFile.write(text, to: folder + "/promotions.csv")
    report.promotions = promotions.count

    let sink = ByteSink()
    sink.append("date,store_id,name,value,known_in_advance\n")
    var rows = 0
    for store in stores.keys.sorted() {
      guard let state = stores[store], let flags = calendar.snap[state] else {
        if let state = stores[store], !report.statesWithoutSNAP.contains(state) {
          report.statesWithoutSNAP.append(state)
        }
        continue
      }
      for (index, day) in calendar.days.enumerated() {
        sink.append(utf8: "\(day.iso),\(csv(store)),snap,\(Int(flags[index])),1\n")
        rows += 1
      }
    }
    for type in calendar.allEventTypes {
      let name = csv("event_" + type)
      for (index, day) in calendar.days.enumerated() {
        let on = calendar.eventTypes[index].contains(type) ? 1 : 0
        sink.append(utf8: "\(day.iso),,\(name),\(on),1\n")
        rows += 1
      }
    }
    try AtomicFile.write(sink.withUnsafeBytes { Array($0) }, to: folder + "/covariates.csv")
    report.covariateRows = rows
  }

  /// One file per month of the days with sales, by date, store and SKU.
  /// - Throws: `Cancelled` before a file when `cancellation` asks for a stop.
  func writeDemand(
    to folder: String, report: inout M5Importer.Report, cancellation: Cancellation = .never
  ) throws {
    let order = table.series.indices.sorted {
      (table.series[$0].store, table.series[$0].item) < (
        table.series[$1].store, table.series[$1].item
      )
    }
    var month = ""
    var sink = ByteSink()
    var first: Day?
    var last: Day?
    func flush() throws {
      guard !month.isEmpty else { return }
      try cancellation.check()
      try AtomicFile.write(sink.withUnsafeBytes { Array($0) }, to: folder + "/demand_\(month).csv")
      CrashPoint.hit("import.file-written", detail: "demand_\(month).csv")
    }
    for (index, day) in calendar.days.enumerated() {
      let given = order.contains { table.series[$0].units[index] >= 0 }
      guard given else { continue }
      first = first ?? day
      last = day
      let dayMonth = String(day.iso.prefix(7))
      if dayMonth != month {
        try flush()
        month = dayMonth
        sink = ByteSink()
        sink.append("store_id,sku_id,date,units,stockout\n")
      }
      for s in order where table.series[s].units[index] > 0 {
        let series = table.series[s]
        sink.append(
          utf8: "\(csv(series.store)),\(csv(series.item)),\(day.iso),\(series.units[index]),0\n")
        report.demandRows += 1
      }
    }
    try flush()
    report.firstDay = first
    report.lastDay = last
    report.days = first.flatMap { f in last.map { f.days(to: $0) + 1 } } ?? 0
  }

  /// `text` as one CSV field (quoted when it holds a comma, quote or line break).
  func csv(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
