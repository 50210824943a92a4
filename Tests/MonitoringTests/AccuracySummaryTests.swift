import DemandCore
import Monitoring
import Tabular
import XCTest

/// Segments, the subgroup check, the alerts and the two accuracy files on one hand-made window.
final class AccuracySummaryTests: XCTestCase {
  let monday = Day(iso: "2026-10-19")!  // ISO week 43; 2026-10-15 is a Thursday of week 42
  let thursday = Day(iso: "2026-10-15")!

  /// Store S1 (region N, hyper) and S2 (region S, super), 10 rows each, sold 10 a row:
  /// S1 forecasts 8 (error +2, inside its 5 … 12 band, MASE scale 2), S2 forecasts 5 (error +5,
  /// outside 0 … 9, no scale). SKUs P1 (dairy) on rows 0–4, P2 (bakery) on rows 5–9; rows 0–4
  /// target the Thursday, 5–9 the Monday; horizons 1, 7, 8, 14, 15, 28, 29, 3, 10, 20 (so 3, 3,
  /// 3 and 1 a store in the four buckets). S3 (region W, super) has one stock-out row only.
  ///
  /// Chain: n 20, Σy 200, Σ|e| 20 + 50 = 70 → WAPE 0.35, MAE 3.5, RMSE √((10·4 + 10·25) / 20)
  /// = √14.5; bias 100 · (−70) / 200 = −35 %; coverage 10 / 20 = 50 %; MASE over S1's 10 scaled
  /// rows 2 / 2 = 1. Every segment mixing the stores half and half has the chain's ratios.
  func summary() -> AccuracySummary {
    var summary = AccuracySummary()
    let horizons = [1, 7, 8, 14, 15, 28, 29, 3, 10, 20]
    for (store, region, format, mean, p90, scale) in [
      ("S1", "N", "hyper", 8.0, 12.0, 2.0 as Double?), ("S2", "S", "super", 5.0, 9.0, nil),
    ] {
      for i in 0..<10 {
        let sku = i < 5 ? "P1" : "P2"
        let row = AccuracyMetricsTests.row(
          sku, actual: 10, mean: mean, p10: store == "S1" ? 5 : 0, p90: p90, store: store,
          issuedDaysBefore: horizons[i], date: i < 5 ? thursday : monday)
        summary.add(
          row,
          segments: SeriesSegments(
            category: sku == "P1" ? "dairy" : "bakery", region: region, storeFormat: format),
          scale: scale)
      }
    }
    summary.add(
      AccuracyMetricsTests.row(
        "P1", actual: 0, mean: 3, p10: 0, p90: 5, stockout: true, store: "S3",
        issuedDaysBefore: 2, date: thursday),
      segments: SeriesSegments(category: "dairy", region: "W", storeFormat: "super"), scale: 1)
    return summary
  }

  /// S: 0.5 > 0.35 · 1.25 = 0.4375 (warning; critical above 0.35 · 1.5 = 0.525), so region S and
  /// format super are flagged; N and hyper (0.2) are judged and fine; W has no scored row and is
  /// not judged, nor are the other levels.
  func testTheSummaryFileListsEverySegmentWithTheSubgroupVerdict() {
    let lines = summary().lines(check: SubgroupCheck(margin: 0.25, minimumPoints: 10))
    let text = String(decoding: AccuracyFiles.summaryCSV(lines), as: UTF8.self)
    let half = "0.350000,3.500000,3.807887,1.000000,-0.350000,0.500000"
    let s1 = "0.200000,2.000000,2.000000,1.000000,-0.200000,1.000000"
    let s2 = "0.500000,5.000000,5.000000,,-0.500000,0.000000"
    XCTAssertEqual(
      text,
      """
      level,segment,wape,mae,rmse,mase,bias_ratio,coverage_80,n,flagged
      chain,chain,\(half),20,
      store,S1,\(s1),10,
      store,S2,\(s2),10,
      store,S3,,,,,,,0,
      category,bakery,\(half),10,
      category,dairy,\(half),10,
      region,N,\(s1),10,0
      region,S,\(s2),10,1
      region,W,,,,,,,0,
      store_format,hyper,\(s1),10,0
      store_format,super,\(s2),10,1
      horizon,01-07 days,\(half),6,
      horizon,08-14 days,\(half),6,
      horizon,15-28 days,\(half),6,
      horizon,29+ days,\(half),2,
      week,2026-W42,\(half),10,
      week,2026-W43,\(half),10,

      """)
    // With more rows required than a region has, nothing is judged.
    let strict = summary().lines(check: SubgroupCheck(margin: 0.25, minimumPoints: 11))
    XCTAssertTrue(strict.allSatisfy { $0.flagged == nil && $0.subgroupAlert == nil })
  }

  /// Backtest WAPE 0.3, tolerance 10 %: 0.35 > 0.33 warns (critical above 0.36). Bias −35 %
  /// is beyond −2 · 10 %: critical, threshold −20. The two flagged subgroups warn. Report order:
  /// critical first, then by kind and segment.
  func testTheReviewRaisesDegradationBiasAndSubgroupAlerts() {
    let settings = MonitoringSettings(
      accuracyTolerance: 0.10, biasLimitPercent: 10, subgroupMargin: 0.25,
      subgroupMinimumPoints: 10)
    let alerts = AccuracyReview.alerts(
      summary: summary(), backtestWAPE: 0.3, settings: settings)
    XCTAssertEqual(alerts.map(\.kind), [.bias, .accuracyDegraded, .subgroupGap, .subgroupGap])
    XCTAssertEqual(alerts.map(\.severity), [.critical, .warning, .warning, .warning])
    XCTAssertEqual(alerts.map(\.segment), ["chain", "chain", "region=S", "store_format=super"])
    XCTAssertEqual(alerts[0].value, -0.35, accuracy: 1e-14)
    XCTAssertEqual(alerts[0].threshold, -0.2)
    XCTAssertEqual(alerts[1].value, 0.35, accuracy: 1e-15)
    XCTAssertEqual(alerts[1].threshold, 0.33, accuracy: 1e-15)
    XCTAssertEqual(alerts[2].threshold, 0.4375, accuracy: 1e-15)
    // Without a backtest WAPE there is no degradation check; a wide margin flags nothing.
    let relaxed = AccuracyReview.alerts(
      summary: summary(), backtestWAPE: nil,
      settings: MonitoringSettings(
        biasLimitPercent: 50, subgroupMargin: 1, subgroupMinimumPoints: 10))
    XCTAssertEqual(relaxed, [])
  }

  /// The row file: units with 3 decimals, the mean (empty when none was archived) and the point
  /// forecast's error, the MASE scale, stock-outs flagged, spreadsheet-safe text.
  func testTheForecastVersusActualFile() {
    let rows = [
      AccuracyMetricsTests.row("P1", actual: 10, mean: 8.25, p50: 8, p10: 5, p90: 12),
      ForecastActualRow(
        key: SeriesKey(store: StoreID("S1"), sku: SKUID("P2")), date: thursday,
        issuedOn: thursday.adding(days: -15), p10: 1, p50: 4.5, p90: 7.125, mean: .nan,
        actual: 3, stockout: true, model: "=HYPERLINK(x)", modelVersion: "0123456789ab"),
    ]
    XCTAssertEqual(
      String(
        decoding: AccuracyFiles.forecastVsActualCSV(
          rows, scales: [SeriesKey(store: StoreID("S1"), sku: SKUID("P1")): 2.5]),
        as: UTF8.self),
      """
      store_id,sku_id,date,issued_on,horizon_days,p10,p50,p90,mean,actual,stockout,error,abs_error,mase_scale,model,model_version
      S1,P1,2026-10-15,2026-10-14,1,5.000,8.000,12.000,8.250,10.000,0,1.750,1.750,2.500000,M,v
      S1,P2,2026-10-15,2026-09-30,15,1.000,4.500,7.125,,3.000,1,-1.500,1.500,,'=HYPERLINK(x),0123456789ab

      """)
  }
}
