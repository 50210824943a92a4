import DemandCore
import Monitoring
import XCTest

/// Which archived forecasts meet which actuals, worked out by hand.
final class ForecastActualJoinTests: XCTestCase {
  let a = SeriesKey(store: StoreID("S1"), sku: SKUID("P1"))
  let b = SeriesKey(store: StoreID("S1"), sku: SKUID("P2"))
  func day(_ text: String) -> Day { Day(iso: text)! }

  /// Window 10-13 … 10-15. F1 (issued 10-12, targets 10-13 … 10-15) and F2 (issued 10-14,
  /// targets 10-15 … 10-16) of series A; actuals of A 10-12 … 10-16 = 9, 6, 2, 7, 1 with 10-14
  /// not arrived and 10-15 a stock-out. Series B has a forecast but no actuals.
  ///
  /// | date | issued | h | point | actual | error | why |
  /// |---|---|---|---|---|---|---|
  /// | 10-13 | 10-12 | 1 | mean 5.0004 → 5.000 | 6 | 1 | |
  /// | 10-14 | 10-12 | 2 | — | — | — | not arrived: no row |
  /// | 10-15 | 10-12 | 3 | mean nan → p50 4 | 7 | 3 | stock-out: row kept, flagged |
  /// | 10-15 | 10-14 | 1 | mean 3.5 | 7 | 3.5 | stock-out |
  /// | 10-16 | 10-14 | 2 | — | — | — | after the window |
  func testEveryIssueOfADayInTheWindowIsJoinedAtItsOwnHorizon() {
    let f1 = IssuedForecast(
      key: a, issuedOn: day("2026-10-12"), firstTargetDay: day("2026-10-13"), p10: [1, 1, 1],
      p50: [4, 4, 4], p90: [8.0006, 8, 8], mean: [5.0004, 5, .nan], model: "M1",
      modelVersion: "v1")
    let f2 = IssuedForecast(
      key: a, issuedOn: day("2026-10-14"), firstTargetDay: day("2026-10-15"), p10: [0, 0],
      p50: [3, 3], p90: [6, 6], mean: [3.5, 3.5], model: "M2", modelVersion: "v2")
    let f3 = IssuedForecast(
      key: b, issuedOn: day("2026-10-12"), firstTargetDay: day("2026-10-13"), p10: [0],
      p50: [0], p90: [0], mean: [0], model: "M1", modelVersion: "v1")
    let actual = ObservedDemand(
      start: day("2026-10-12"), units: [9, 6, 2, 7, 1],
      stockout: [false, false, false, true, false],
      recorded: [true, true, false, true, true])
    let rows = ForecastActualJoin.rows(
      forecasts: [f2, f3, f1], actuals: [a: actual],
      window: day("2026-10-13")...day("2026-10-15"))
    XCTAssertEqual(
      rows.map(NaNEqualRow.init),
      [
        ForecastActualRow(
          key: a, date: day("2026-10-13"), issuedOn: day("2026-10-12"), p10: 1, p50: 4,
          p90: 8.001, mean: 5, actual: 6, stockout: false, model: "M1", modelVersion: "v1"),
        ForecastActualRow(
          key: a, date: day("2026-10-15"), issuedOn: day("2026-10-12"), p10: 1, p50: 4, p90: 8,
          mean: .nan, actual: 7, stockout: true, model: "M1", modelVersion: "v1"),
        ForecastActualRow(
          key: a, date: day("2026-10-15"), issuedOn: day("2026-10-14"), p10: 0, p50: 3, p90: 6,
          mean: 3.5, actual: 7, stockout: true, model: "M2", modelVersion: "v2"),
      ].map(NaNEqualRow.init)
    )
    XCTAssertEqual(rows.map(\.horizonDays), [1, 3, 1])
    XCTAssertEqual(rows.map(\.pointForecast), [5, 4, 3.5])
    XCTAssertEqual(rows.map(\.error), [1, 3, 3.5])
  }
}

/// Compares rows with NaN means equal when both are NaN.
private struct NaNEqualRow: Equatable {
  let row: ForecastActualRow
  init(_ row: ForecastActualRow) { self.row = row }
  static func == (l: NaNEqualRow, r: NaNEqualRow) -> Bool {
    var left = l.row
    var right = r.row
    if left.mean.isNaN && right.mean.isNaN {
      left.mean = 0
      right.mean = 0
    }
    return left == right
  }
}
