import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Ingest

/// `WalmartImporter` on a hand-made folder in Walmart's format; every expected value below is
/// written out by hand from the input text.
final class WalmartImporterTests: XCTestCase {
  /// CR-only line endings, as Walmart's own stores.csv has.
  static let stores = "Store,Type,Size\r1,A,151315\r2,B,34875\r"

  static let train = """
    Store,Dept,Date,Weekly_Sales,IsHoliday
    1,1,2010-02-05,100.5,FALSE
    1,1,2010-02-12,-20,TRUE
    2,3,2010-02-05,7,FALSE
    1,2,2010-02-05,30,FALSE
    1,2,2010-02-12,0,TRUE
    1,1,2010-02-10,5,FALSE
    1,1,2010-02-05,1,FALSE
    9,1,2010-02-05,1,FALSE
    1,2,2010-02-19,abc,FALSE

    """

  static let features = """
    Store,Date,Temperature,Fuel_Price,MarkDown1,MarkDown2,MarkDown3,MarkDown4,MarkDown5,CPI,Unemployment,IsHoliday
    2,2010-02-05,40.1,2.5,NA,NA,NA,NA,NA,211.1,8.1,FALSE
    1,2010-02-05,42.31,2.572,NA,,NA,NA,NA,211.0963582,8.106,FALSE
    1,2010-02-19,39,2.6,10.5,NA,NA,NA,NA,211.3,8.1,FALSE

    """

  func importFixture() throws -> (TemporaryDirectory, ImportReport) {
    let directory = try TemporaryDirectory()
    try directory.write(Self.stores, to: "in/stores.csv")
    try directory.write(Self.train, to: "in/train.csv")
    try directory.write(Self.features, to: "in/features.csv")
    let report = try WalmartImporter.run(
      directory: directory.path("in"), out: directory.path("out"))
    return (directory, report)
  }

  func text(_ directory: TemporaryDirectory, _ relative: String) throws -> String {
    try String(contentsOfFile: directory.path(relative), encoding: .utf8)
  }

  func testDemandStoresCalendarAndCounts() throws {
    let (directory, report) = try importFixture()
    // Sorted by store, department, date; the negative week kept as delivered.
    XCTAssertEqual(
      try text(directory, "out/demand.csv"),
      """
      store_id,sku_id,date,units
      1,1,2010-02-05,100.5
      1,1,2010-02-12,-20
      1,2,2010-02-05,30
      1,2,2010-02-12,0
      2,3,2010-02-05,7

      """)
    // Opened the first day of the first week (2010-02-05 − 6 days).
    XCTAssertEqual(
      try text(directory, "out/stores.csv"),
      "store_id,open_date,name,format,size\n1,2010-01-30,Store 1,A,151315\n"
        + "2,2010-01-30,Store 2,B,34875\n")
    XCTAssertEqual(
      try text(directory, "out/calendar.csv"), "date,holiday\n2010-02-12,Super Bowl\n")
    XCTAssertEqual(
      try text(directory, "out/skus.csv"),
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days\n"
        + "1,Department 1,department-1,0,1,1,7\n2,Department 2,department-2,0,1,1,7\n"
        + "3,Department 3,department-3,0,1,1,7\n")
    XCTAssertEqual(report.grain, .weekly(endingOn: .friday))
    XCTAssertEqual(report.demandRows, 5)
    XCTAssertEqual(report.series, 3)
    XCTAssertEqual(report.completeSeries, 2)
    XCTAssertEqual(report.singleRowSeries, 1)
    XCTAssertEqual(report.negativeRows, 1)
    XCTAssertEqual(report.zeroRows, 1)
    XCTAssertEqual(report.stores, 2)
    XCTAssertEqual(report.skus, 3)
    XCTAssertEqual(report.holidayDates, 1)
    // Every row kept or rejected: 9 = 5 + 4, 2 = 2, 3 = 3.
    let train = try XCTUnwrap(report.files.first { $0.file == "train.csv" })
    XCTAssertEqual([train.rows, train.kept, train.rejected], [9, 5, 4])
    XCTAssertEqual(
      train.reasons,
      ["offGrain": 1, "duplicateKey": 1, "unknownStore": 1, "notANumber": 1])
    XCTAssertEqual(report.files.map(\.rejected), [0, 4, 0])
  }

  func testQuarantineNamesLineColumnAndReason() throws {
    let (directory, _) = try importFixture()
    let rows = ReferenceCSV.parse(try text(directory, "out/quarantine/train.csv.rejected.csv"))
      .map(\.fields)
    XCTAssertEqual(rows.first, ["line", "column", "column_name", "reason", "raw"])
    XCTAssertEqual(
      rows.dropFirst().map { Array($0.prefix(3)) },
      [
        ["7", "3", "Date"], ["8", "", ""], ["9", "1", "Store"], ["10", "4", "Weekly_Sales"],
      ])
    XCTAssertEqual(
      rows[1][3],
      "date 2010-02-10 is a wednesday, but the data is weekly ending friday: daily and weekly "
        + "rows cannot be mixed")
    XCTAssertEqual(rows[2][3], "repeats the store/SKU/date of line 2")
    XCTAssertEqual(rows[1][4], "1,1,2010-02-10,5,FALSE")
  }

  /// One row per date × store × covariate, by date, store and the fixed order; `NA` and empty
  /// both written `NA`; markdowns known in advance, the rest not.
  func testCovariatesLongForm() throws {
    let (directory, report) = try importFixture()
    let lines = try text(directory, "out/covariates.csv").split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 1 + 27)
    XCTAssertEqual(lines[0], "date,store,name,value,known_in_advance")
    XCTAssertEqual(
      Array(lines[1...9]),
      [
        "2010-02-05,1,markdown1,NA,1", "2010-02-05,1,markdown2,NA,1",
        "2010-02-05,1,markdown3,NA,1", "2010-02-05,1,markdown4,NA,1",
        "2010-02-05,1,markdown5,NA,1", "2010-02-05,1,temperature,42.31,0",
        "2010-02-05,1,fuel_price,2.572,0", "2010-02-05,1,cpi,211.0963582,0",
        "2010-02-05,1,unemployment,8.106,0",
      ])
    XCTAssertEqual(lines[10], "2010-02-05,2,markdown1,NA,1")
    XCTAssertEqual(lines[19], "2010-02-19,1,markdown1,10.5,1")
    XCTAssertEqual(report.covariateRows, 27)
    XCTAssertEqual(report.missingCovariateValues, 5 + 5 + 4)
  }

  func testSameInputsSameBytesAndRefusesANonEmptyOutput() throws {
    let (directory, _) = try importFixture()
    _ = try WalmartImporter.run(directory: directory.path("in"), out: directory.path("again"))
    for name in ["demand.csv", "covariates.csv", "stores.csv", "calendar.csv", "import-report.txt"]
    {
      XCTAssertEqual(try text(directory, "out/" + name), try text(directory, "again/" + name))
    }
    XCTAssertThrowsError(
      try WalmartImporter.run(directory: directory.path("in"), out: directory.path("out"))
    ) { error in
      XCTAssertEqual(error as? ImportError, .outputNotEmpty(path: directory.path("out")))
    }
  }

  /// The weeks end on the weekday most dates fall on, as ingest infers it, not on the first
  /// row's: a Saturday first among Fridays is the one row quarantined.
  func testTheWeeksEndOnTheMajorityWeekdayNotTheFirstRows() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      """
      Store,Dept,Date,Weekly_Sales,IsHoliday
      1,1,2010-02-06,100,FALSE
      1,1,2010-02-12,110,FALSE
      1,1,2010-02-19,120,FALSE
      1,1,2010-02-26,130,FALSE
      1,2,2010-02-05,10,FALSE
      1,2,2010-02-12,11,FALSE

      """, to: "in/train.csv")
    let report = try WalmartImporter.run(
      directory: directory.path("in"), out: directory.path("out"))
    XCTAssertEqual(report.grain, .weekly(endingOn: .friday))
    let train = try XCTUnwrap(report.files.first { $0.file == "train.csv" })
    XCTAssertEqual([train.rows, train.kept, train.rejected], [6, 5, 1])
    XCTAssertEqual(train.reasons, ["offGrain": 1])
    let rows = ReferenceCSV.parse(try text(directory, "out/quarantine/train.csv.rejected.csv"))
      .map(\.fields)
    XCTAssertEqual(
      Array(rows.dropFirst()),
      [
        [
          "2", "3", "Date",
          "date 2010-02-06 is a saturday, but the data is weekly ending friday: daily and "
            + "weekly rows cannot be mixed",
          "1,1,2010-02-06,100,FALSE",
        ]
      ])
    XCTAssertEqual(
      try text(directory, "out/demand.csv"),
      "store_id,sku_id,date,units\n1,1,2010-02-12,110\n1,1,2010-02-19,120\n"
        + "1,1,2010-02-26,130\n1,2,2010-02-05,10\n1,2,2010-02-12,11\n")
  }

  /// The majority counts distinct dates, as ingest's does: three rows of one Saturday lose to
  /// two Fridays; a tie goes to the earlier weekday (Friday before Saturday).
  func testTheMajorityCountsDistinctDatesAndATieGoesToTheEarlierWeekday() throws {
    for (train, weekday, kept) in [
      (
        "1,1,2010-02-06,1,FALSE\n1,2,2010-02-06,1,FALSE\n1,3,2010-02-06,1,FALSE\n"
          + "1,1,2010-02-05,1,FALSE\n1,1,2010-02-12,1,FALSE\n", Weekday.friday, 2
      ),
      ("1,1,2010-02-06,1,FALSE\n1,1,2010-02-05,1,FALSE\n", .friday, 1),
      ("1,1,2010-02-06,1,FALSE\n1,1,2010-02-13,1,FALSE\n1,1,2010-02-05,1,FALSE\n", .saturday, 2),
    ] {
      let directory = try TemporaryDirectory()
      try directory.write("Store,Dept,Date,Weekly_Sales,IsHoliday\n" + train, to: "in/train.csv")
      let report = try WalmartImporter.run(
        directory: directory.path("in"), out: directory.path("out"))
      XCTAssertEqual(report.grain, .weekly(endingOn: weekday), train)
      XCTAssertEqual(report.files.first?.kept, kept, train)
    }
  }

  /// Daily data (the same store and department every day for two weeks) is refused, not
  /// imported as weekly with six in seven rows quarantined.
  func testADailyTrainFileIsRefused() throws {
    let directory = try TemporaryDirectory()
    // 2010-02-01 … 2010-02-14: two of the fourteen dates are Mondays, as of every weekday.
    let rows = (1...14).map { "1,1,2010-02-\(String(format: "%02d", $0)),10,FALSE\n" }
    try directory.write(
      "Store,Dept,Date,Weekly_Sales,IsHoliday\n" + rows.joined(), to: "in/train.csv")
    XCTAssertThrowsError(
      try WalmartImporter.run(directory: directory.path("in"), out: directory.path("out"))
    ) { error in
      XCTAssertEqual(
        error as? ImportError,
        .notWeekly(file: "train.csv", weekday: .monday, datesOnWeekday: 2, dates: 14))
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("out")))
  }

  /// A train.csv separated by semicolons is refused with the hint ingest gives for one.
  func testASemicolonSeparatedTrainFileGetsTheDelimiterHint() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "Store;Dept;Date;Weekly_Sales;IsHoliday\n1;1;2010-02-05;100;FALSE\n", to: "in/train.csv")
    XCTAssertThrowsError(
      try WalmartImporter.run(directory: directory.path("in"), out: directory.path("out"))
    ) { error in
      XCTAssertEqual(
        error as? ImportError,
        .missingColumn(
          file: "train.csv", column: "store", header: "Store;Dept;Date;Weekly_Sales;IsHoliday",
          hint: "the header is separated by semicolons; ShelfCast reads comma-separated files"))
      XCTAssertEqual(
        "\(error)",
        "train.csv:1: the header has no column 'store' (header: "
          + "Store;Dept;Date;Weekly_Sales;IsHoliday); the header is separated by semicolons; "
          + "ShelfCast reads comma-separated files.")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("out")))
  }

  /// Pieces cut anywhere still give every record once, with the file's own line numbers, for
  /// LF, CRLF and CR-only endings and a quoted field holding a line break.
  func testChunkedReaderKeepsLineNumbersAcrossPieces() throws {
    for ending in ["\n", "\r\n", "\r"] {
      let text =
        ["a,b", "1,2", "", "\"x" + ending + "y\",3", "4,5"].joined(separator: ending)
        + ending
      for pieceBytes in [1, 2, 3, 7, 1 << 16] {
        var bytes = Array(text.utf8)[...]
        let reader = ChunkedCSVReader(pieceBytes: pieceBytes) { buffer, maximum in
          let take = bytes.prefix(maximum)
          bytes = bytes.dropFirst(take.count)
          buffer.append(contentsOf: take)
          return !take.isEmpty
        }
        var seen: [String] = []
        try reader.forEachRecord { record, base in
          seen.append("\(record.line + base):" + record.strings.joined(separator: "|"))
        }
        XCTAssertEqual(
          seen, ["1:a|b", "2:1|2", "4:x\(ending)y|3", "6:4|5"],
          "ending \(Array(ending.utf8)), pieces of \(pieceBytes)")
      }
    }
  }
}
