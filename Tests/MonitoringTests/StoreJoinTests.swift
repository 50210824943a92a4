import DemandCore
import History
import Monitoring
import Tabular
import XCTest

/// One store's flat join and the summary made from it, worked out by hand, and the same rows
/// as the row-by-row reference join (`ForecastActualJoin`).
final class StoreJoinTests: XCTestCase {
  let store = StoreRecord(
    id: StoreID("S1"), name: "One", region: "North", format: "mall", openDay: nil)
  let p1 = SKUID("P1")
  let p2 = SKUID("P2")
  let p3 = SKUID("P3")
  func day(_ text: String) -> Day { Day(iso: text)! }
  var window: ClosedRange<Day> { day("2026-10-13")...day("2026-10-15") }

  /// Window 10-13 … 10-15 (10-14 not arrived), with 8 days of scale history from 10-05.
  ///
  /// - P1 sold 2 on 10-05 and 5 on 10-12 (one pair a week apart: scale |5 − 2| = 3), then 6,
  ///   2 and 7 in the window, 10-15 a stock-out.
  /// - P2 is not in the panel: it sold nothing, so zeros and no scale.
  /// - P3 is in the panel but has no forecast: not joined.
  /// - Block A (issued 10-12, targets 10-13 … 10-15): P1 p10/p50/p90 1/4/8, mean 5, 5, nan;
  ///   P2 0/1/2, mean 1. Block B (issued 10-14, targets 10-15 … 10-16): P1 0/3/6, mean 3.5.
  ///
  /// | series | date | issued | h | point | actual | e | scored |
  /// |---|---|---|---|---|---|---|---|
  /// | P1 | 10-13 | 10-12 | 1 | 5 | 6 | 1 | yes, covered |
  /// | P1 | 10-15 | 10-12 | 3 | p50 4 | 7 | 3 | stock-out |
  /// | P1 | 10-15 | 10-14 | 1 | 3.5 | 7 | 3.5 | stock-out |
  /// | P2 | 10-13 | 10-12 | 1 | 1 | 0 | −1 | yes, covered |
  /// | P2 | 10-15 | 10-12 | 3 | 1 | 0 | −1 | yes, covered |
  func makeJoin() -> StoreJoin {
    var a = ForecastBlock(
      store: store.id, issuedOn: day("2026-10-12"), firstTargetDay: day("2026-10-13"),
      dayCount: 3, modelVersion: "v1")
    a.append(
      sku: p1, model: "M1", p10: [1, 1, 1], p50: [4, 4, 4], p90: [8, 8, 8], mean: [5, 5, .nan])
    a.append(
      sku: p2, model: "M2", p10: [0, 0, 0], p50: [1, 1, 1], p90: [2, 2, 2], mean: [1, 1, 1])
    var b = ForecastBlock(
      store: store.id, issuedOn: day("2026-10-14"), firstTargetDay: day("2026-10-15"),
      dayCount: 2, modelVersion: "=v2")
    b.append(
      sku: p1, model: "M3, tuned", p10: [0, 0], p50: [3, 3], p90: [6, 6], mean: [3.5, 3.5])
    var panel = SeriesPanel(
      keys: [SeriesKey(store: store.id, sku: p1), SeriesKey(store: store.id, sku: p3)],
      start: day("2026-10-05"), dayCount: 11)
    panel.values[0..<11] = [2, 0, 0, 0, 0, 0, 0, 5, 6, 2, 7]
    panel.censored[10] = true
    panel.values[11 + 8] = 4
    return StoreJoin(
      store: store, window: window, blocks: [b, a], panel: panel,
      recordedDays: [day("2026-10-13"), day("2026-10-15")])
  }

  func testRowsByHand() {
    XCTAssertEqual(MemoryLayout<StoreJoin.Row>.stride, 64, "the size the type's comment states")
    let join = makeJoin()
    XCTAssertEqual(join.skus, [p1, p2])
    XCTAssertEqual(join.scales, [3, nil])
    XCTAssertEqual(join.seriesJoined, 2)
    let rows = join.rows.map(join.forecastActualRow)
    XCTAssertEqual(rows.map(\.key.sku), [p1, p1, p1, p2, p2])
    XCTAssertEqual(
      rows.map(\.date.iso), ["2026-10-13", "2026-10-15", "2026-10-15", "2026-10-13", "2026-10-15"])
    XCTAssertEqual(rows.map(\.horizonDays), [1, 3, 1, 1, 3])
    XCTAssertEqual(rows.map(\.pointForecast), [5, 4, 3.5, 1, 1])
    XCTAssertEqual(rows.map(\.actual), [6, 7, 7, 0, 0])
    XCTAssertEqual(rows.map(\.stockout), [false, true, true, false, false])
    XCTAssertEqual(rows.map(\.model), ["M1", "M1", "M3, tuned", "M2", "M2"])
    XCTAssertEqual(rows.map(\.modelVersion), ["v1", "v1", "=v2", "v1", "v1"])
  }

  /// Chain (and store, region, format, the 1–7 day bucket): n = 3 scored rows, Σy = 6,
  /// Σ|e| = 3, Σe² = 3, Σ(ŷ − y) = 1: WAPE 0.5, MAE 1, RMSE 1, bias 100 · 1 / 6 %, all three
  /// covered, MASE over the one scored row of a series with a scale: (1 / 3) / 1. Category
  /// Dairy (P1): n = 1, WAPE 1 / 6. Category Bakery (P2): n = 2 and nothing sold, so WAPE and
  /// bias are undefined (`nan`, an empty cell), MAE 1.
  func testSummaryByHand() throws {
    let join = makeJoin()
    var summary = AccuracySummary()
    summary.add(join, categories: ["Dairy", "Bakery"])
    for segment in [
      AccuracySegment.chain, AccuracySegment(level: .store, name: "S1"),
      AccuracySegment(level: .region, name: "North"),
      AccuracySegment(level: .storeFormat, name: "mall"),
      AccuracySegment(level: .horizon, name: "01-07 days"),
      AccuracySegment(level: .week, name: "2026-W42"),
    ] {
      let score = try XCTUnwrap(summary.score(of: segment), "\(segment)")
      XCTAssertEqual(score.points, 3, "\(segment)")
      XCTAssertEqual(score.wape, 0.5, "\(segment)")
      XCTAssertEqual(score.mae, 1, "\(segment)")
      XCTAssertEqual(score.rmse, 1, "\(segment)")
      XCTAssertEqual(score.biasPercent, 100.0 / 6, accuracy: 1e-12, "\(segment)")
      XCTAssertEqual(score.coverage80Percent, 100, "\(segment)")
      XCTAssertEqual(score.mase, 1.0 / 3, accuracy: 1e-15, "\(segment)")
    }
    let dairy = try XCTUnwrap(summary.score(of: AccuracySegment(level: .category, name: "Dairy")))
    XCTAssertEqual(dairy.points, 1)
    XCTAssertEqual(dairy.wape, 1.0 / 6, accuracy: 1e-15)
    let bakery = try XCTUnwrap(
      summary.score(of: AccuracySegment(level: .category, name: "Bakery")))
    XCTAssertEqual(bakery.points, 2)
    XCTAssertTrue(bakery.wape.isNaN)
    XCTAssertTrue(bakery.biasPercent.isNaN)
    XCTAssertEqual(bakery.mae, 1)
    XCTAssertTrue(bakery.mase.isNaN)
    // Only the segments a row reached: no other week, no other horizon bucket.
    XCTAssertEqual(summary.lines(check: SubgroupCheck(margin: 0.25, minimumPoints: 1)).count, 8)
  }

  /// The flat join and the summary made from it equal the row-by-row reference: the rows of
  /// `ForecastActualJoin` of the same forecasts and actuals, added one by one.
  func testEqualsTheRowByRowReference() {
    let join = makeJoin()
    let a1 = IssuedForecast(
      key: SeriesKey(store: store.id, sku: p1), issuedOn: day("2026-10-12"),
      firstTargetDay: day("2026-10-13"), p10: [1, 1, 1], p50: [4, 4, 4], p90: [8, 8, 8],
      mean: [5, 5, .nan], model: "M1", modelVersion: "v1")
    let a2 = IssuedForecast(
      key: SeriesKey(store: store.id, sku: p2), issuedOn: day("2026-10-12"),
      firstTargetDay: day("2026-10-13"), p10: [0, 0, 0], p50: [1, 1, 1], p90: [2, 2, 2],
      mean: [1, 1, 1], model: "M2", modelVersion: "v1")
    let b1 = IssuedForecast(
      key: SeriesKey(store: store.id, sku: p1), issuedOn: day("2026-10-14"),
      firstTargetDay: day("2026-10-15"), p10: [0, 0], p50: [3, 3], p90: [6, 6],
      mean: [3.5, 3.5], model: "M3, tuned", modelVersion: "=v2")
    let recorded = [true, false, true]
    let reference = ForecastActualJoin.rows(
      forecasts: [b1, a2, a1],
      actuals: [
        SeriesKey(store: store.id, sku: p1): ObservedDemand(
          start: window.lowerBound, units: [6, 2, 7], stockout: [false, false, true],
          recorded: recorded),
        SeriesKey(store: store.id, sku: p2): ObservedDemand(
          start: window.lowerBound, units: [0, 0, 0], stockout: [false, false, false],
          recorded: recorded),
      ], window: window)
    let flat = join.rows.map(join.forecastActualRow)
    XCTAssertEqual(flat.map { "\($0)" }, reference.map { "\($0)" })

    var summary = AccuracySummary()
    summary.add(join, categories: ["Dairy", "Bakery"])
    var byRow = AccuracySummary()
    for row in reference {
      byRow.add(
        row,
        segments: SeriesSegments(
          category: row.key.sku == p1 ? "Dairy" : "Bakery", region: "North", storeFormat: "mall"),
        scale: row.key.sku == p1 ? 3 : nil)
    }
    XCTAssertEqual(summary, byRow)

    let file = ByteSinkText.of { AccuracyFiles.appendForecastVsActual(join, to: $0) }
    let scales = [SeriesKey(store: store.id, sku: p1): 3.0]
    let referenceFile = ByteSinkText.of {
      AccuracyFiles.appendForecastVsActual(reference, scales: scales, to: $0)
    }
    XCTAssertEqual(file, referenceFile)
    // A label with a comma is quoted and one a spreadsheet would run is defused (by hand).
    XCTAssertTrue(file.contains(",2026-10-15,2026-10-14,1,"), file)
    XCTAssertTrue(file.contains(",\"M3, tuned\",'=v2\n"), file)
    let oneDay = ByteSinkText.of {
      AccuracyFiles.appendForecastVsActual(join, horizons: [3], to: $0)
    }
    XCTAssertEqual(
      oneDay,
      ByteSinkText.of {
        AccuracyFiles.appendForecastVsActual(
          reference.filter { $0.horizonDays == 3 }, scales: scales, to: $0)
      })
    XCTAssertEqual(oneDay.split(separator: "\n").count, 2)
  }
}

/// The text a `ByteSink` holds after `body` (spreadsheet-safe, as the monitor writes).
private enum ByteSinkText {
  static func of(_ body: (ByteSink) -> Void) -> String {
    let sink = ByteSink(spreadsheetSafe: true)
    body(sink)
    return sink.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
  }
}
