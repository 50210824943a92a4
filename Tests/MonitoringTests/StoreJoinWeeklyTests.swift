import DemandCore
import History
import Monitoring
import XCTest

/// A weekly store's join, worked out by hand: the targets of weekly blocks are week-ending days
/// 7 days apart, and the MASE scale is read from the week-ending days before the window.
final class StoreJoinWeeklyTests: XCTestCase {
  let store = StoreRecord(
    id: StoreID("S1"), name: "One", region: "North", format: "mall", openDay: nil)
  let p1 = SKUID("P1")
  func day(_ text: String) -> Day { Day(iso: text)! }

  /// Window: the 28 days ending on Friday 2026-10-30, with its Fridays 10-09, 10-16, 10-23 and
  /// 10-30 recorded. The panel starts on Friday 09-18 (offset 0), so the window starts at
  /// offset 15 and the Fridays before it are 09-18, 09-25 and 10-02 (offsets 0, 7, 14).
  ///
  /// - P1 sold 10, 14 and 11 in the weeks ending before the window: the naive scale is
  ///   (|14 − 10| + |11 − 14|) / 2 = 3.5. A stray 99 on Monday 09-21 is not a week and is not
  ///   read (read as days, it would change the scale).
  /// - In the window P1 sold 12, 9, 15 and 13.
  /// - Block A, issued 10-02: 4 weeks from 10-09, means 11, 11.5, 12, 12.5.
  /// - Block B, issued 10-16: 2 weeks from 10-23, means 14 and 16.
  ///
  /// | date | issued | horizon_days | point | actual |
  /// |---|---|---|---|---|
  /// | 10-09 | 10-02 | 7 | 11 | 12 |
  /// | 10-16 | 10-02 | 14 | 11.5 | 9 |
  /// | 10-23 | 10-02 | 21 | 12 | 15 |
  /// | 10-23 | 10-16 | 7 | 14 | 15 |
  /// | 10-30 | 10-02 | 28 | 12.5 | 13 |
  /// | 10-30 | 10-16 | 14 | 16 | 13 |
  func testWeeklyRowsAndScaleByHand() {
    var a = ForecastBlock(
      store: store.id, issuedOn: day("2026-10-02"), firstTargetDay: day("2026-10-09"),
      dayCount: 4, modelVersion: "v1", daysPerTarget: 7)
    let meansA: [Double] = [11, 11.5, 12, 12.5]
    a.append(
      sku: p1, model: "SeasonalETS", p10: meansA.map { $0 - 3 }, p50: meansA,
      p90: meansA.map { $0 + 3 }, mean: meansA)
    var b = ForecastBlock(
      store: store.id, issuedOn: day("2026-10-16"), firstTargetDay: day("2026-10-23"),
      dayCount: 2, modelVersion: "v1", daysPerTarget: 7)
    b.append(
      sku: p1, model: "SeasonalETS", p10: [10, 12], p50: [14, 16], p90: [18, 20], mean: [14, 16])
    var panel = SeriesPanel(
      keys: [SeriesKey(store: store.id, sku: p1)], start: day("2026-09-18"), dayCount: 43)
    for (offset, units) in [
      (0, 10.0), (3, 99), (7, 14), (14, 11), (21, 12), (28, 9), (35, 15), (42, 13),
    ] {
      panel.values[offset] = units
    }
    let window = day("2026-10-03")...day("2026-10-30")
    let fridays = ["2026-10-09", "2026-10-16", "2026-10-23", "2026-10-30"].map(day)
    let join = StoreJoin(
      store: store, window: window, blocks: [b, a], panel: panel, recordedDays: fridays,
      daysPerPeriod: 7)
    XCTAssertEqual(join.skus, [p1])
    XCTAssertEqual(join.scales, [3.5])
    let rows = join.rows.map(join.forecastActualRow)
    XCTAssertEqual(
      rows.map(\.date.iso),
      ["2026-10-09", "2026-10-16", "2026-10-23", "2026-10-23", "2026-10-30", "2026-10-30"])
    XCTAssertEqual(
      rows.map(\.issuedOn.iso),
      ["2026-10-02", "2026-10-02", "2026-10-02", "2026-10-16", "2026-10-02", "2026-10-16"])
    XCTAssertEqual(rows.map(\.horizonDays), [7, 14, 21, 7, 28, 14])
    XCTAssertEqual(rows.map(\.pointForecast), [11, 11.5, 12, 14, 12.5, 16])
    XCTAssertEqual(rows.map(\.actual), [12, 9, 15, 15, 13, 13])
  }

  /// The daily reading of the same panel takes the stray Monday and lag-7 pairs of days: the
  /// scale differs, which is what the weekly reading avoids.
  func testTheDailyScaleReadsDays() {
    let units: [Double] = [10, 0, 0, 99, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 11]
    // Lag 7 from the first sale (offset 0): pairs (0,7) |14 − 10| = 4, (3,10) |0 − 99| = 99,
    // (7,14) |11 − 14| = 3, the other five 0: (4 + 99 + 3) / 8 = 13.25.
    XCTAssertEqual(
      SeasonalNaiveScale.scale(units: units, stockout: [Bool](repeating: false, count: 15)),
      13.25)
    XCTAssertEqual(
      SeasonalNaiveScale.scale(weeklyUnits: [10, 14, 11], stockout: [false, false, false]), 3.5)
    XCTAssertNil(
      SeasonalNaiveScale.scale(weeklyUnits: [10, 10, 10], stockout: [false, false, false]),
      "no change from week to week: no scale")
  }
}
