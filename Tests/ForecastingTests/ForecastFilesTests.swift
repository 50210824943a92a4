import DemandCore
import Models
import XCTest

@testable import Forecasting

final class ForecastFilesTests: XCTestCase {
  func testForecastCSVHasPlainHeadersISODatesAndNeutralisedText() throws {
    let start = try XCTUnwrap(Day(iso: "2026-07-01"))
    let key = SeriesKey(store: StoreID("S1"), sku: SKUID("=P1"))
    let series = SeriesForecast(
      key: key, start: start, mean: [1.5, 2],
      quantiles: [
        QuantilePath(level: 0.1, values: [0, 1]), QuantilePath(level: 0.5, values: [1, 2]),
        QuantilePath(level: 0.9, values: [3.25, 4]),
      ], model: "ETS(A,N,A)", isNewItem: false)
    let bytes = try ForecastFiles.forecastCSV(
      [Forecaster.StoreForecast(store: key.store, series: [series])], levels: [0.9, 0.1, 0.5])
    XCTAssertEqual(
      String(decoding: bytes, as: UTF8.self),
      """
      store_id,sku_id,date,p10,p50,p90,mean,model
      S1,'=P1,2026-07-01,0.000,1.000,3.250,1.500,"ETS(A,N,A)"
      S1,'=P1,2026-07-02,1.000,2.000,4.000,2.000,"ETS(A,N,A)"

      """)
  }

  /// A range of days with no demand has no WAPE, no bias and (without a scale) no MASE or
  /// RMSSE: empty cells, never `nan`, which a spreadsheet reads as text.
  func testUndefinedMetricsAreEmptyCells() throws {
    var accumulator = AccuracyAccumulator()
    accumulator.add(
      actual: [0, 0], censored: [false, false], median: [1, 0], mean: [1, 0.5], lower: [0, 0],
      upper: [2, 1], scale: SeriesScale(seasonalAbsolute: nil, squaredDifference: nil))
    let text = String(
      decoding: ForecastFiles.horizonsCSV([
        Backtester.HorizonRow(horizonDays: 1...2, metrics: accumulator.metrics)
      ]), as: UTF8.self)
    XCTAssertFalse(text.contains("nan"), text)
    // n_points 2, n_series 1, WAPE empty, MAE 0.5, RMSE √(1.25 / 2), MASE and RMSSE empty, bias
    // empty, coverage 1, WAPE of the mean empty.
    XCTAssertEqual(
      text.split(separator: "\n").last.map(String.init),
      "1,2,2,1,,0.500000,0.790569,,,,1.000000,")
  }

  func testColumnNamesOfQuantileLevels() {
    XCTAssertEqual(
      [0.05, 0.1, 0.5, 0.9, 0.975, 0.025].map(ForecastFiles.columnName),
      ["p05", "p10", "p50", "p90", "p975", "p025"])
  }
}
