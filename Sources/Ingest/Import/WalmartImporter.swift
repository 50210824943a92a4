import DemandCore
import Foundation
import Tabular

/// Turns Walmart's "Store Sales Forecasting" files (`train.csv` or `train.csv.zip`,
/// `features.csv`, `stores.csv`) into ShelfCast's input files: weekly demand by store ×
/// department (SKU = department, store = Store), the stores with their type and size, the
/// departments, the holiday weeks, and covariates in long form.
///
/// Every data row is kept or quarantined with its reason (`quarantine/<file>.rejected.csv`,
/// the same columns as ingest's), and the report counts both. Rows are rejected when their
/// fields are malformed, their store is not in `stores.csv`, their date is not on the weekday
/// the weeks end on (daily and weekly rows never mix), or they repeat a key. The weeks end on
/// the weekday most of `train.csv`'s distinct dates fall on, the majority `shelfcast ingest`
/// reads a weekly file's grain from (`GrainInference.majorityWeekday`; a tie goes to the
/// earlier weekday, Monday first), found by a first pass over the dates. Negative
/// weeks (net returns) are kept and counted. The output is sorted (store, department, date;
/// covariates by date, store, name), so the same inputs give the same bytes, and it appears
/// whole: it is written to a temporary folder beside `OUT` and renamed.
///
/// - Complexity: O(rows) time and memory (the demand is sorted once); `train.csv` is read twice
///   (the dates, then the rows), and `train.csv.zip` streamed twice through a child `unzip -p`,
///   never extracted.
public enum WalmartImporter {
  /// Names of the covariates, in the order they are written, with the `features.csv` column
  /// each comes from and whether it is known in advance (markdowns are planned; weather and
  /// the economy are only known after the fact).
  static let covariates: [(name: String, column: String, knownInAdvance: Bool)] = [
    ("markdown1", "markdown1", true), ("markdown2", "markdown2", true),
    ("markdown3", "markdown3", true), ("markdown4", "markdown4", true),
    ("markdown5", "markdown5", true), ("temperature", "temperature", false),
    ("fuel_price", "fuel_price", false), ("cpi", "cpi", false),
    ("unemployment", "unemployment", false),
  ]

  /// Imports `directory` into the new folder `out`.
  ///
  /// - Throws: `ImportError` when `train.csv[.zip]` is missing, a header lacks a column (with a
  ///   hint when it looks separated by another delimiter), `out` exists and is not empty,
  ///   nothing of the demand can be kept, or writing fails.
  public static func run(directory: String, out: String) throws -> ImportReport {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: out, isDirectory: &isDirectory) {
      let contents = (try? manager.contentsOfDirectory(atPath: out)) ?? ["?"]
      guard isDirectory.boolValue, contents.isEmpty else {
        throw ImportError.outputNotEmpty(path: out)
      }
    }
    var report = ImportReport()
    var quarantine: [(file: String, errors: [RowError], raws: [String])] = []

    // Stores first: train and features rows are checked against them.
    var stores: [Int: (type: String, size: Int)] = [:]
    let storesPath = directory + "/stores.csv"
    let hasStores = manager.fileExists(atPath: storesPath)
    if hasStores {
      var tally = ImportReport.FileTally(file: "stores.csv")
      var errors: [RowError] = []
      var raws: [String] = []
      var firstLine: [Int: Int] = [:]
      try read(
        try ChunkedCSVReader.file(storesPath), file: "stores.csv",
        columns: ["store", "type", "size"], tally: &tally, errors: &errors, raws: &raws
      ) { row, c throws(RowError) in
        let store = try row.identifier(c[0])
        let type = row.text(c[1])
        guard !type.isEmpty else { throw row.failure(c[1], .missingValue) }
        let size = try row.identifier(c[2])
        if let first = firstLine[store] {
          throw row.failure(c[0], .duplicateValue(firstLine: first))
        }
        firstLine[store] = row.line
        stores[store] = (type, size)
      }
      report.files.append(tally)
      quarantine.append(("stores.csv", errors, raws))
    }

    // Demand: a first pass over the dates finds the weekday the weeks end on, the second reads
    // the rows (a zip is streamed twice).
    let zipPath = directory + "/train.csv.zip"
    let plainPath = directory + "/train.csv"
    let openTrain: () throws -> (reader: ChunkedCSVReader, finish: () throws -> Void)
    if manager.fileExists(atPath: plainPath) {
      openTrain = { (try ChunkedCSVReader.file(plainPath), {}) }
    } else if manager.fileExists(atPath: zipPath) {
      openTrain = { try ChunkedCSVReader.zipMember(zipPath, member: "train.csv") }
    } else {
      throw ImportError.missingFile(directory: directory, expected: "train.csv or train.csv.zip")
    }
    let trainColumns = ["store", "dept", "date", "weekly_sales", "isholiday"]
    let dates = try openTrain()
    let weekday = try weekEnding(
      dates.reader, file: "train.csv", columns: trainColumns, dateColumn: 2)
    try dates.finish()
    guard let weekday else { throw ImportError.noDemand(file: "train.csv") }
    let grain = Grain.weekly(endingOn: weekday)
    var demand = DemandCollector(stores: hasStores ? Set(stores.keys) : nil, grain: grain)
    var tally = ImportReport.FileTally(file: "train.csv")
    var errors: [RowError] = []
    var raws: [String] = []
    let rows = try openTrain()
    try read(
      rows.reader, file: "train.csv", columns: trainColumns, tally: &tally, errors: &errors,
      raws: &raws
    ) { row, c throws(RowError) in try demand.add(row, columns: c) }
    try rows.finish()
    report.files.append(tally)
    quarantine.append(("train.csv", errors, raws))
    guard tally.kept > 0 else { throw ImportError.noDemand(file: "train.csv") }

    // Features: covariates and more holiday weeks.
    var features = FeatureCollector(stores: hasStores ? Set(stores.keys) : nil, grain: grain)
    let featuresPath = directory + "/features.csv"
    if manager.fileExists(atPath: featuresPath) {
      var tally = ImportReport.FileTally(file: "features.csv")
      var errors: [RowError] = []
      var raws: [String] = []
      try read(
        try ChunkedCSVReader.file(featuresPath), file: "features.csv",
        columns: ["store", "date"] + covariates.map(\.column) + ["isholiday"], tally: &tally,
        errors: &errors, raws: &raws
      ) { row, c throws(RowError) in try features.add(row, columns: c) }
      report.files.append(tally)
      quarantine.append(("features.csv", errors, raws))
    }

    // Write everything to a temporary folder, then rename it into place.
    let temporary = out + ".tmp-\(getpid())"
    try? manager.removeItem(atPath: temporary)
    do {
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
      let holidays = demand.holidays.union(features.holidays).sorted()
      let opened = demand.firstDate.adding(days: 1 - grain.daysPerPeriod)
      let storeIDs = hasStores ? stores.keys.sorted() : demand.storeIDs
      try write(storesCSV(storeIDs, stores: stores, opened: opened), temporary + "/stores.csv")
      try write(skusCSV(demand.skuIDs, daysPerPeriod: grain.daysPerPeriod), temporary + "/skus.csv")
      try write(calendarCSV(holidays), temporary + "/calendar.csv")
      try demand.write(to: temporary + "/demand.csv", report: &report)
      try features.write(to: temporary + "/covariates.csv", report: &report)
      for entry in quarantine where !entry.errors.isEmpty {
        try AtomicFile.makeDirectories(temporary + "/quarantine")
        try QuarantineWriter.write(
          entry.errors, rawTexts: entry.raws,
          to: temporary + "/quarantine/" + QuarantineWriter.fileName(for: entry.file))
      }
      report.grain = grain
      report.stores = storeIDs.count
      report.skus = demand.skuIDs.count
      report.holidayDates = holidays.count
      report.outputDirectory = out
      try write(report.text + "\n", temporary + "/import-report.txt")
      if manager.fileExists(atPath: out) { try manager.removeItem(atPath: out) }
      guard rename(temporary, out) == 0 else {
        throw ImportError.cannotWrite(path: out, reason: String(cString: strerror(errno)))
      }
    } catch {
      try? manager.removeItem(atPath: temporary)
      if let error = error as? ImportError { throw error }
      throw ImportError.cannotWrite(path: out, reason: "\(error)")
    }
    return report
  }

  // MARK: - Reading

  /// Reads every record of `reader` after its header: `body` gets the row and the positions of
  /// `columns` (matched as ingest matches headers); a `RowError` quarantines the row.
  static func read(
    _ reader: ChunkedCSVReader, file: String, columns: [String],
    tally: inout ImportReport.FileTally, errors: inout [RowError], raws: inout [String],
    body: (ImportRow, [Int]) throws(RowError) -> Void
  ) throws {
    var header: [String]? = nil
    var positions: [Int] = []
    try reader.forEachRecord { record, lineBase in
      guard let names = header else {
        positions = try columnPositions(columns, header: record, file: file)
        header = record.strings
        return
      }
      let row = ImportRow(record: record, file: file, line: record.line + lineBase, header: names)
      tally.rows += 1
      do throws(RowError) {
        try row.checkShape()
        try body(row, positions)
        tally.kept += 1
      } catch {
        tally.rejected += 1
        tally.reasons[error.reason.kindName, default: 0] += 1
        errors.append(error)
        raws.append(QuarantineWriter.rawText(of: record, personalColumns: [], headerCount: 0))
      }
    }
    if header == nil { throw ImportError.cannotRead(path: file, reason: "it has no header") }
  }

  /// The weekday the weeks of the demand file read by `reader` end on: the weekday most of its
  /// distinct dates fall on (`GrainInference.majorityWeekday`, the rule `shelfcast ingest`
  /// infers a weekly file's grain by), over every row whose date reads as a date; `nil` when
  /// none does. Rows on other weekdays are then quarantined as `offGrain`.
  ///
  /// - Parameter dateColumn: the position of the date among `columns`.
  /// - Throws: `ImportError.missingColumn` when the header lacks one of `columns`;
  ///   `.notWeekly` when fewer than half of the distinct dates fall on that weekday.
  /// - Complexity: O(rows) time; memory O(distinct dates).
  static func weekEnding(
    _ reader: ChunkedCSVReader, file: String, columns: [String], dateColumn: Int
  ) throws -> Weekday? {
    var position: Int? = nil
    var dates: Set<Day> = []
    try reader.forEachRecord { record, _ in
      guard let column = position else {
        position = try columnPositions(columns, header: record, file: file)[dateColumn]
        return
      }
      guard column < record.fieldCount,
        let day = Day(iso: record.string(column).trimmingSpaces)
      else { return }
      dates.insert(day)
    }
    if position == nil { throw ImportError.cannotRead(path: file, reason: "it has no header") }
    guard let majority = GrainInference.majorityWeekday(of: dates) else { return nil }
    // This data set is weekly: its off-weekday dates are quarantined as a mix. A file where
    // not even half of them fall on one weekday is daily data (a seventh on each), refused
    // rather than six in seven rows quarantined.
    guard majority.dates * 2 >= dates.count else {
      throw ImportError.notWeekly(
        file: file, weekday: majority.weekday, datesOnWeekday: majority.dates, dates: dates.count)
    }
    return majority.weekday
  }

  /// The positions of `columns` in the header `record`, matched as ingest matches headers.
  ///
  /// - Throws: `ImportError.missingColumn` naming the first column missing, with the hint
  ///   `shelfcast ingest` gives for a header it cannot read (another delimiter, UTF-16, no
  ///   header line).
  static func columnPositions(_ columns: [String], header record: CSVRecord, file: String)
    throws(ImportError) -> [Int]
  {
    let names = record.strings
    let normalised = names.map { HeaderMap.normalise($0) }
    var positions: [Int] = []
    for column in columns {
      guard let index = normalised.firstIndex(of: HeaderMap.normalise(column)) else {
        throw .missingColumn(
          file: file, column: column, header: names.joined(separator: ","),
          hint: InputDiscovery.hint(for: record.rawText, names: names))
      }
      positions.append(index)
    }
    return positions
  }

  // MARK: - Master data

  static func storesCSV(_ ids: [Int], stores: [Int: (type: String, size: Int)], opened: Day)
    -> String
  {
    var text = "store_id,open_date,name,format,size\n"
    for id in ids {
      let store = stores[id]
      text += "\(id),\(opened.iso),Store \(id),\(store?.type ?? ""),"
      text += store.map { "\($0.size)" } ?? ""
      text += "\n"
    }
    return text
  }

  /// One SKU per department, each its own category (the regression then learns each
  /// department's season across the stores). The values are money: one unit is one dollar,
  /// so the price is 1 and the cost 0; case pack 1; lead time one period.
  static func skusCSV(_ ids: [Int], daysPerPeriod: Int) -> String {
    var text = "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days\n"
    for id in ids {
      text += "\(id),Department \(id),department-\(id),0,1,1,\(daysPerPeriod)\n"
    }
    return text
  }

  /// The holiday weeks, named after the four holidays the data set's description lists for
  /// `IsHoliday` (Super Bowl in February, Labor Day in September, Thanksgiving in November,
  /// Christmas in December; any other month is a plain `holiday week`), so that each gets an
  /// effect of its own in the regression.
  static func calendarCSV(_ holidays: [Day]) -> String {
    var text = "date,holiday\n"
    for day in holidays { text += "\(day.iso),\(holidayName(of: day))\n" }
    return text
  }

  static func holidayName(of weekEnding: Day) -> String {
    switch weekEnding.civil.month {
    case 2: "Super Bowl"
    case 9: "Labor Day"
    case 11: "Thanksgiving"
    case 12: "Christmas"
    default: "holiday week"
    }
  }

  static func write(_ text: String, _ path: String) throws {
    try AtomicFile.write(text, to: path)
  }
}
