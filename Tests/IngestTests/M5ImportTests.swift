import DemandCore
import Foundation
import Ingest
import XCTest
import _TestSupport

/// `shelfcast import m5` on a hand-made five-day M5 set: every output file against what the
/// M5 layout means, worked out by hand.
final class M5ImportTests: XCTestCase {
  let calendar = """
    date,wm_yr_wk,weekday,wday,month,year,d,event_name_1,event_type_1,event_name_2,event_type_2,snap_CA,snap_TX
    2011-01-29,11101,Saturday,1,1,2011,d_1,,,,,0,1
    2011-01-30,11101,Sunday,2,1,2011,d_2,SuperBowl,Sporting,,,1,0
    2011-01-31,11101,Monday,3,1,2011,d_3,,,,,1,0
    2011-02-01,11101,Tuesday,4,2,2011,d_4,Valentines,Cultural,Chanukah,Religious,0,0
    2011-02-02,11101,Wednesday,5,2,2011,d_5,,,,,0,1
    2011-02-03,11102,Thursday,6,2,2011,d_6,,,,,0,0

    """
  let sales = """
    id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3
    A_CA_1,A,A_1,FOODS,CA_1,CA,0,3,1
    B_TX_1,B,B_1,HOBBIES,TX_1,TX,2,0,0
    C_WI_1,C,C_1,FOODS,WI_1,WI,1,x,0

    """
  let actuals = "id,d_4,d_5\nA_CA_1,0,4\nB_TX_1,1,0\n"

  func testTheImportWritesShelfCastFiles() throws {
    let (directory, input) = try inputFolder(sales: sales, actuals: actuals)
    let out = directory.path + "/out"
    let report = try M5Importer.run(directory: input, out: out)
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: out + "/" + name, encoding: .utf8)
    }
    XCTAssertEqual(report.series, 2)
    XCTAssertEqual(
      report.dropped,
      [
        "sales_train_validation.csv:4: column 8 'd_2': 'x' is not a whole number ≥ 0; "
          + "the series is dropped"
      ])
    XCTAssertEqual(report.days, 5, "d_1 … d_5; d_6 has no sales column")
    XCTAssertEqual(
      try read("master/stores.csv"),
      "store_id,name,region,format,open_date\nCA_1,M5 store CA_1,CA,,2011-01-29\n"
        + "TX_1,M5 store TX_1,TX,,2011-01-29\n")
    XCTAssertEqual(
      try read("master/calendar.csv"),
      "date,holiday\n2011-01-29,\n2011-01-30,SuperBowl\n2011-01-31,\n"
        + "2011-02-01,Valentines / Chanukah\n2011-02-02,\n2011-02-03,\n")
    // Days with sales only, by date then store: a day without a row sold 0.
    XCTAssertEqual(
      try read("history/demand_2011-01.csv"),
      "store_id,sku_id,date,units,stockout\nTX_1,B,2011-01-29,2,0\nCA_1,A,2011-01-30,3,0\n"
        + "CA_1,A,2011-01-31,1,0\n")
    XCTAssertEqual(
      try read("history/demand_2011-02.csv"),
      "store_id,sku_id,date,units,stockout\nTX_1,B,2011-02-01,1,0\nCA_1,A,2011-02-02,4,0\n")
    let covariates = try read("master/covariates.csv").split(separator: "\n").map(String.init)
    XCTAssertEqual(covariates[0], "date,store_id,name,value,known_in_advance")
    // SNAP of each store's state on all six calendar days (the future too), then each event
    // type chain-wide.
    XCTAssertEqual(
      covariates.filter { $0.contains(",snap,") }.map { $0.split(separator: ",")[3] },
      ["0", "1", "1", "0", "0", "0", "1", "0", "0", "0", "1", "0"])
    XCTAssertEqual(
      covariates.filter { $0.contains("event_") && $0.hasSuffix(",1,1") },
      [
        "2011-02-01,,event_cultural,1,1", "2011-02-01,,event_religious,1,1",
        "2011-01-30,,event_sporting,1,1",
      ])
    XCTAssertEqual(covariates.count, 1 + 12 + 3 * 6)
    XCTAssertEqual(
      try read("quarantine/sales.csv"),
      "line,column,reason\n4,8,'x' is not a whole number ≥ 0; the series is dropped\n")
  }

  func testAnImportNeverWritesIntoAFolderThatHoldsFiles() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path + "/out", withIntermediateDirectories: true)
    try "x".write(toFile: directory.path + "/out/keep.txt", atomically: true, encoding: .utf8)
    XCTAssertThrowsError(
      try M5Importer.run(directory: directory.path, out: directory.path + "/out")
    ) {
      XCTAssertEqual($0 as? ImportError, .outputNotEmpty(path: directory.path + "/out"))
    }
    XCTAssertEqual(
      try String(contentsOfFile: directory.path + "/out/keep.txt", encoding: .utf8), "x")
  }

  /// Writes `calendar` (six days), the sales text and any actuals into a new input folder.
  func inputFolder(sales: String, actuals: String? = nil) throws -> (TemporaryDirectory, String) {
    let directory = try TemporaryDirectory()
    let input = directory.path + "/m5"
    try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
    try calendar.write(toFile: input + "/calendar.csv", atomically: true, encoding: .utf8)
    try sales.write(
      toFile: input + "/sales_train_validation.csv", atomically: true, encoding: .utf8)
    if let actuals {
      try actuals.write(toFile: input + "/actuals_1.csv", atomically: true, encoding: .utf8)
    }
    return (directory, input)
  }

  /// A header whose day columns repeat, skip or go back a day is refused, naming the file and
  /// the column; nothing is written.
  func testDayColumnsThatRepeatOrSkipADayAreRefused() throws {
    let row = "A_CA_1,A,A_1,FOODS,CA_1,CA"
    let cases: [(days: String, values: String, expected: ImportError, text: String)] = [
      (
        "d_1,d_2,d_2,d_4", "5,6,7,8",
        .dayColumnOutOfSequence(
          file: "sales_train_validation.csv", column: 9, name: "d_2", day: 2, previousDay: 2),
        "sales_train_validation.csv:1: column 9 'd_2': repeats d_2, the day of the day column "
          + "before it. The day columns must name consecutive days, each once: a repeated day "
          + "would overwrite a day's sales and a missing one would read as a day without sales. "
          + "Please fix the header."
      ),
      (
        "d_1,d_2,d_4", "5,6,8",
        .dayColumnOutOfSequence(
          file: "sales_train_validation.csv", column: 9, name: "d_4", day: 4, previousDay: 2),
        "sales_train_validation.csv:1: column 9 'd_4': follows d_2, so d_3 has no column."
      ),
      (
        "d_1,d_5", "5,8",
        .dayColumnOutOfSequence(
          file: "sales_train_validation.csv", column: 8, name: "d_5", day: 5, previousDay: 1),
        "sales_train_validation.csv:1: column 8 'd_5': follows d_1, so d_2 … d_4 have no column."
      ),
      (
        "d_2,d_1", "5,8",
        .dayColumnOutOfSequence(
          file: "sales_train_validation.csv", column: 8, name: "d_1", day: 1, previousDay: 2),
        "sales_train_validation.csv:1: column 8 'd_1': comes after d_2, but the days must rise."
      ),
    ]
    for (days, values, expected, text) in cases {
      let (directory, input) = try inputFolder(
        sales: "id,item_id,dept_id,cat_id,store_id,state_id,\(days)\n\(row),\(values)\n")
      let out = directory.path + "/out"
      XCTAssertThrowsError(try M5Importer.run(directory: input, out: out), days) { error in
        XCTAssertEqual(error as? ImportError, expected, days)
        XCTAssertTrue("\(error)".hasPrefix(text), "\(error)")
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: out), days)
    }
  }

  /// An appended file's header follows the same rule.
  func testAnAppendedFileWithARepeatedDayIsRefused() throws {
    let (directory, input) = try inputFolder(
      sales:
        "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2\nA_CA_1,A,A_1,FOODS,CA_1,CA,1,2\n",
      actuals: "id,d_3,d_3\nA_CA_1,3,4\n")
    XCTAssertThrowsError(try M5Importer.run(directory: input, out: directory.path + "/out")) {
      XCTAssertEqual(
        $0 as? ImportError,
        .dayColumnOutOfSequence(
          file: "actuals_1.csv", column: 3, name: "d_3", day: 3, previousDay: 3))
    }
  }

  /// An appended file must start the day after the sales file ends: a gap (d_3 missing) would
  /// read as a day without sales, an overlap (d_2 again) would overwrite a day; both refused.
  func testAnAppendedFileThatDoesNotGoOnIsRefused() throws {
    let sales =
      "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2\nA_CA_1,A,A_1,FOODS,CA_1,CA,1,2\n"
    let cases: [(actuals: String, expected: ImportError, text: String)] = [
      (
        "id,d_4\nA_CA_1,3\n",
        .daysNotContinued(
          file: "actuals_1.csv", column: 2, name: "d_4", day: 4, lastDay: 2,
          previousFile: "sales_train_validation.csv"),
        "actuals_1.csv:1: column 2 'd_4': the days before it end at d_2 "
          + "(sales_train_validation.csv), so d_3 has no column. An appended file must start the "
          + "day after the files before it end. Please fix the files."
      ),
      (
        "id,d_2,d_3\nA_CA_1,3,4\n",
        .daysNotContinued(
          file: "actuals_1.csv", column: 2, name: "d_2", day: 2, lastDay: 2,
          previousFile: "sales_train_validation.csv"),
        "actuals_1.csv:1: column 2 'd_2': the days before it already reach d_2 "
          + "(sales_train_validation.csv): it would overwrite them. An appended file must start "
          + "the day after the files before it end. Please fix the files."
      ),
    ]
    for (actuals, expected, text) in cases {
      let (directory, input) = try inputFolder(sales: sales, actuals: actuals)
      XCTAssertThrowsError(try M5Importer.run(directory: input, out: directory.path + "/out")) {
        XCTAssertEqual($0 as? ImportError, expected)
        XCTAssertEqual("\($0)", text)
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path + "/out"))
    }
    // d_3 after d_1 … d_2 is taken.
    let (directory, input) = try inputFolder(sales: sales, actuals: "id,d_3\nA_CA_1,3\n")
    XCTAssertEqual(try M5Importer.run(directory: input, out: directory.path + "/out").series, 1)
  }

  /// A row with an empty id, item, department, category, store or state is dropped and
  /// quarantined with its line and column, and never reaches the output files.
  func testARowWithAnEmptyNameFieldIsDropped() throws {
    let (directory, input) = try inputFolder(
      sales: """
        id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2
        A_CA_1,A,A_1,FOODS,CA_1,CA,5,6
        B__validation,B,B_1,FOODS,,CA,1,1
        ,C,C_1,FOODS,CA_1,CA,1,1
        D_CA_1,D, ,FOODS,CA_1,CA,1,1
        E_CA_1,E,E_1,FOODS,CA_1,,1,1
        F_CA_1,,F_1,FOODS,CA_1,CA,1,1
        G_CA_1,G,G_1,,CA_1,CA,1,1

        """)
    let out = directory.path + "/out"
    let report = try M5Importer.run(directory: input, out: out)
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: out + "/" + name, encoding: .utf8)
    }
    XCTAssertEqual(report.series, 1)
    XCTAssertEqual(report.stores, 1)
    XCTAssertEqual(report.skus, 1)
    XCTAssertEqual(
      report.dropped,
      [
        "sales_train_validation.csv:3: column 5 'store_id': empty; the series is dropped",
        "sales_train_validation.csv:4: column 1 'id': empty; the series is dropped",
        "sales_train_validation.csv:5: column 3 'dept_id': empty; the series is dropped",
        "sales_train_validation.csv:6: column 6 'state_id': empty; the series is dropped",
        "sales_train_validation.csv:7: column 2 'item_id': empty; the series is dropped",
        "sales_train_validation.csv:8: column 4 'cat_id': empty; the series is dropped",
      ])
    XCTAssertTrue(report.text.contains("series:       1 kept, 6 dropped"), report.text)
    XCTAssertEqual(
      try read("quarantine/sales.csv"),
      "line,column,reason\n3,5,empty; the series is dropped\n4,1,empty; the series is dropped\n"
        + "5,3,empty; the series is dropped\n6,6,empty; the series is dropped\n"
        + "7,2,empty; the series is dropped\n8,4,empty; the series is dropped\n")
    XCTAssertEqual(
      try read("master/stores.csv"),
      "store_id,name,region,format,open_date\nCA_1,M5 store CA_1,CA,,2011-01-29\n")
    XCTAssertEqual(
      try read("master/skus.csv"),
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        + "A,A,FOODS,0,0,1,1,0\n")
    XCTAssertEqual(
      try read("history/demand_2011-01.csv"),
      "store_id,sku_id,date,units,stockout\nCA_1,A,2011-01-29,5,0\nCA_1,A,2011-01-30,6,0\n")
  }
}
