import Foundation
import XCTest
import _TestSupport

@testable import Serving

/// The per-series index of a night's large files and the CSV line reader, on hand-written
/// files whose expected rows are read off the text.
final class SeriesRowsTests: XCTestCase {
  private func file(_ text: String) throws -> (TemporaryDirectory, SeriesRows) {
    let directory = try TemporaryDirectory(prefix: "series-rows")
    let path = directory.path("forecast.csv")
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return (directory, try SeriesRows(path: path))
  }

  func testEachSeriesRowsAreFoundInTheFilesOrder() throws {
    let (directory, rows) = try file(
      """
      store_id,sku_id,date,p50
      S001,P00001,2026-01-02,1.5
      S001,P00001,2026-01-03,2.5
      S001,P00002,2026-01-02,3
      S002,P00001,2026-01-02,4
      S002,P00001,2026-01-03,5
      S002,P00001,2026-01-04,6

      """)
    _ = directory
    XCTAssertEqual(rows.seriesCount, 3)
    XCTAssertEqual(rows.rows(store: "S001", sku: "P00001").map { $0["p50"] }, ["1.5", "2.5"])
    XCTAssertEqual(rows.rows(store: "S001", sku: "P00002").map { $0["date"] }, ["2026-01-02"])
    XCTAssertEqual(rows.rows(store: "S002", sku: "P00001").map { $0["p50"] }, ["4", "5", "6"])
    XCTAssertEqual(rows.rows(store: "S002", sku: "P00002").count, 0)
    XCTAssertEqual(rows.rows(store: "S00", sku: "1,P00001").count, 0, "the key is two fields")
  }

  func testQuotedIdsByteOrderMarkCarriageReturnsAndSeriesThatComeBack() throws {
    let (directory, rows) = try file(
      "\u{FEFF}store_id,sku_id,p50\r\n"
        + "\"S,1\",P1,1\r\n"
        + "\"S,1\",P1,2\r\n"
        + "S2,\"P\"\"2\",3\r\n"
        + "S3,P3,4\r\n"
        + "\"S,1\",P1,5\r\n"
        + "S3,P3,6")
    _ = directory
    XCTAssertEqual(rows.columns["store_id"], 0, "the byte-order mark is not part of the name")
    XCTAssertEqual(rows.rows(store: "S,1", sku: "P1").map { $0["p50"] }, ["1", "2", "5"])
    XCTAssertEqual(rows.rows(store: "S2", sku: "P\"2").map { $0["p50"] }, ["3"])
    XCTAssertEqual(rows.rows(store: "S3", sku: "P3").map { $0["p50"] }, ["4", "6"])
  }

  func testForecastDaysAreReadFromEachLinesFields() throws {
    let (directory, rows) = try file(
      "store_id,sku_id,date,p10,p50,p90,mean,model\r\n"
        + "S1,P1,2026-01-02,0.000,1.500,3.250,1.625,Ridge(dairy)\r\n"
        + "S1,P1,2026-01-03,0.5,2,4,,Ridge(dairy)\r\n"
        + "S1,P2,2026-01-02,1,2,3,2.5,\"Croston(a, b)\"\r\n")
    _ = directory
    let (model, days) = try XCTUnwrap(ForecastDays.read(rows, store: "S1", sku: "P1"))
    XCTAssertEqual(model, "Ridge(dairy)")
    XCTAssertEqual(
      days,
      [
        .init(date: "2026-01-02", p10: 0, p50: 1.5, p90: 3.25, mean: 1.625),
        .init(date: "2026-01-03", p10: 0.5, p50: 2, p90: 4, mean: nil),
      ])
    let quoted = try XCTUnwrap(ForecastDays.read(rows, store: "S1", sku: "P2"))
    XCTAssertEqual(quoted.model, "Croston(a, b)")
    XCTAssertEqual(quoted.days, [.init(date: "2026-01-02", p10: 1, p50: 2, p90: 3, mean: 2.5)])
    XCTAssertNil(ForecastDays.read(rows, store: "S2", sku: "P1"))
  }

  func testTheLineReaderSplitsAsRFC4180() {
    XCTAssertEqual(CSVLine.fields("a,b,c"), ["a", "b", "c"])
    XCTAssertEqual(CSVLine.fields(",x,"), ["", "x", ""])
    XCTAssertEqual(CSVLine.fields(""), [""])
    XCTAssertEqual(CSVLine.fields("\"a,b\",\"say \"\"hi\"\"\",c\r"), ["a,b", "say \"hi\"", "c"])
    XCTAssertEqual(CSVLine.fields("\"\",1"), ["", "1"])
  }
}
