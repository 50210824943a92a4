import DemandCore
import Foundation
import Tabular

/// Turns the M5 competition's files (Walmart unit sales by item and store, in the competition's
/// wide layout) into ShelfCast's input files, so that `shelfcast ingest` reads them as they are.
///
/// Reads from the input folder:
/// - `sales_train_evaluation.csv`, else `sales_train_validation.csv`: `id, item_id, dept_id,
///   cat_id, store_id, state_id, d_1, d_2, …` — one row per item × store, one column per day;
/// - any `actuals_*.csv` (`id, d_N, …`): later days of the same ids, appended (the layout of
///   the competition's published validation answers);
/// - `calendar.csv`: `date, wm_yr_wk, …, d, event_name_1, event_type_1, event_name_2,
///   event_type_2, snap_XX…`;
/// - `sell_prices.csv` (optional): `store_id, item_id, wm_yr_wk, sell_price`.
///
/// Writes to the output folder, which appears whole or not at all (written beside it, then
/// renamed): `master/stores.csv` (one store per `store_id`, region = its state),
/// `master/skus.csv` (SKU = `item_id`, category = `cat_id`), `master/calendar.csv` (event names
/// as holidays), `master/promotions.csv` (weeks sold at least 5 % below the item's highest price
/// in that store, from `sell_prices.csv`), `master/covariates.csv` (`snap` per store from its
/// state's SNAP column, and `event_cultural`, `event_national`, `event_religious`,
/// `event_sporting` chain-wide, all known in advance), `history/demand_YYYY-MM.csv` (the days
/// with sales; a day without a row sold 0) and `import-report.txt`.
///
/// A series with a value that is not a whole number ≥ 0 is dropped whole (a dropped cell would
/// read as a day without sales), and so is a series with an empty `id`, `item_id`, `dept_id`,
/// `cat_id`, `store_id` or `state_id` (it would write a store or SKU named ""); each is reported
/// with its line, column and reason in the report and `quarantine/sales.csv`. A day column the
/// calendar does not know stops the import, and so does a header whose day columns do not name
/// consecutive days each once (`d_1,d_2,d_2,d_4`: a repeated day would overwrite a day's sales,
/// a missing one read as a day without sales).
public enum M5Importer {
  /// What an import read, wrote and dropped.
  public struct Report: Sendable, Equatable {
    public var salesFile = ""
    public var series = 0
    public var stores = 0
    public var skus = 0
    public var days = 0
    public var firstDay: Day?
    public var lastDay: Day?
    public var demandRows = 0
    public var covariateRows = 0
    public var promotions = 0
    /// One line per dropped series: `file:line: column C 'd_N': reason`.
    public var dropped: [String] = []
    /// States whose SNAP column the calendar lacks (their stores get no `snap`).
    public var statesWithoutSNAP: [String] = []

    /// The report as `import-report.txt` holds it.
    public var text: String {
      var lines = [
        "M5 import from \(salesFile)",
        "series:       \(series) kept, \(dropped.count) dropped",
        "stores:       \(stores)", "skus:         \(skus)",
        "days:         \(days) (\(firstDay?.iso ?? "-") .. \(lastDay?.iso ?? "-"))",
        "demand rows:  \(demandRows) (days with sales)",
        "covariates:   \(covariateRows) rows (snap per store; events by type)",
        "promotions:   \(promotions) (weeks ≥ 5 % below the item's highest price)",
      ]
      if !statesWithoutSNAP.isEmpty {
        lines.append("no SNAP column for: " + statesWithoutSNAP.joined(separator: ", "))
      }
      lines += dropped.map { "dropped: " + $0 }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  /// The regular price is a series' highest; a week at least this far below it is a promotion.
  static let promotionThreshold = 0.05

  /// Imports `directory` into `out`; see the type.
  /// - Parameter cancellation: checked after reading each input file and before writing each
  ///   output file (`CrashPoint` `import.file-written` after each month's demand file); a stop
  ///   removes the staging folder, leaves `out` as it was and throws `Cancelled`.
  public static func run(
    directory: String, out: String, cancellation: Cancellation = .never
  ) throws -> Report {
    let fm = FileManager.default
    if let contents = try? fm.contentsOfDirectory(atPath: out), !contents.isEmpty {
      throw ImportError.outputNotEmpty(path: out)
    }
    let salesName = ["sales_train_evaluation.csv", "sales_train_validation.csv"].first {
      fm.fileExists(atPath: directory + "/" + $0)
    }
    guard let salesName else {
      throw ImportError.missingFile(
        directory: directory, expected: "sales_train_evaluation.csv or sales_train_validation.csv")
    }
    let calendar = try M5Calendar(path: directory + "/calendar.csv")
    var report = Report()
    report.salesFile = salesName
    var table = try M5Sales.read(
      path: directory + "/" + salesName, calendar: calendar, report: &report)
    let extra = ((try? fm.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasPrefix("actuals_") && $0.hasSuffix(".csv") }.sorted()
    for name in extra {
      try cancellation.check()
      try table.append(path: directory + "/" + name, calendar: calendar, report: &report)
    }
    try cancellation.check()
    guard !table.series.isEmpty else { throw ImportError.noDemand(file: salesName) }
    let prices = directory + "/sell_prices.csv"
    let promotions =
      fm.fileExists(atPath: prices)
      ? try M5Prices.promotions(path: prices, calendar: calendar, series: table.series) : []

    let staging = out.hasSuffix("/") ? String(out.dropLast()) + ".partial" : out + ".partial"
    try? fm.removeItem(atPath: staging)
    try AtomicFile.makeDirectories(staging + "/master")
    try AtomicFile.makeDirectories(staging + "/history")
    let writer = M5Writer(calendar: calendar, table: table)
    do {
      try cancellation.check()
      try writer.writeMaster(to: staging + "/master", promotions: promotions, report: &report)
      try writer.writeDemand(
        to: staging + "/history", report: &report, cancellation: cancellation)
    } catch let stop as Cancelled {
      try? fm.removeItem(atPath: staging)
      throw stop
    }
    if !report.dropped.isEmpty {
      try AtomicFile.makeDirectories(staging + "/quarantine")
      try AtomicFile.write(
        "line,column,reason\n" + table.quarantine.joined(), to: staging + "/quarantine/sales.csv")
    }
    try AtomicFile.write(report.text, to: staging + "/import-report.txt")
    try? fm.removeItem(atPath: out)
    try fm.moveItem(atPath: staging, toPath: out)
    return report
  }

  /// A file's header line, to find its columns by name.
  struct Header {
    /// The file's base name, for messages.
    let file: String
    let names: [String]

    /// The position of column `name`, or `.missingColumn` (naming the header's first columns:
    /// a wide file has thousands).
    func column(_ name: String) throws(ImportError) -> Int {
      guard let index = names.firstIndex(of: name) else {
        let shown = names.prefix(8).joined(separator: ",") + (names.count > 8 ? ",…" : "")
        throw .missingColumn(file: file, column: name, header: shown)
      }
      return index
    }
  }

  /// Reads `path` and hands its header and a scanner positioned after it to `body`.
  static func scan(
    _ path: String, maximumFieldCount: Int = 512,
    _ body: (Header, CSVScanner) throws -> Void
  ) throws {
    let file = (path as NSString).lastPathComponent
    guard FileManager.default.fileExists(atPath: path) else {
      throw ImportError.missingFile(
        directory: (path as NSString).deletingLastPathComponent, expected: file)
    }
    let bytes = try FileBytes(path: path)
    try bytes.withBytes { buffer in
      let scanner = CSVScanner(
        bytes: buffer, maximumFieldCount: maximumFieldCount, maximumRecordBytes: 1 << 24)
      guard let header = scanner.next() else { throw ImportError.emptyFile(file: file) }
      try body(Header(file: file, names: header.strings), scanner)
    }
  }
}
