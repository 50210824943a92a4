import Foundation
import Monitoring
import Tabular
import XCTest
import _TestSupport

/// `metrics.prom`: golden text, validity under the test reader, order and escaping.
final class MetricsFileTests: XCTestCase {
  static let drift = RunMetrics.DriftKey(segment: "chain", feature: "price", test: "psi")

  /// A run with every field set; values are binary-exact so the golden text is plain.
  static let full = RunMetrics(
    stageDurationSeconds: ["ingest": 3.25, "train": 40, "forecast": 12.5],
    runDurationSeconds: 55.75, rowsIngested: 1200, rowsQuarantined: 7, seriesForecast: 300,
    wapeBySegment: ["chain": 0.3125, "S002": 0.5], biasPercentBySegment: ["chain": -2.5],
    driftStatistics: [
      drift: 0.125, RunMetrics.DriftKey(segment: "S001", feature: "units", test: "ks"): 0.0625,
    ],
    alertCounts: [.warning: 2, .critical: 1], lastSuccessTimestampSeconds: 1_764_201_600,
    lastRunSucceeded: true, modelVersion: "ets-2025-11-27")

  // Written by hand from the naming rules in `MetricFamily` (families sorted by name, samples by
  // label values, alerts in severity order) and Swift's `Double.description` for the values.
  // Checked once with promtool from Debian's prometheus 2.42.0 (`apt-get download prometheus`,
  // `dpkg -x`, then `promtool check metrics < golden.prom`): exit 0, no lint findings.
  static let fullText = """
    # HELP shelfcast_alerts Alerts raised by the last run, by severity.
    # TYPE shelfcast_alerts gauge
    shelfcast_alerts{severity="info"} 0.0
    shelfcast_alerts{severity="warning"} 2.0
    shelfcast_alerts{severity="critical"} 1.0
    # HELP shelfcast_bias_percent Forecast bias of the last run, 100 * sum(forecast - actual) / sum(actual), by segment.
    # TYPE shelfcast_bias_percent gauge
    shelfcast_bias_percent{segment="chain"} -2.5
    # HELP shelfcast_drift_statistic Drift statistic of an input feature in the last run, by segment, feature and test.
    # TYPE shelfcast_drift_statistic gauge
    shelfcast_drift_statistic{segment="S001",feature="units",test="ks"} 0.0625
    shelfcast_drift_statistic{segment="chain",feature="price",test="psi"} 0.125
    # HELP shelfcast_forecast_series Store/SKU series forecast by the last run.
    # TYPE shelfcast_forecast_series gauge
    shelfcast_forecast_series 300.0
    # HELP shelfcast_ingested_rows Rows ingested and stored by the last run.
    # TYPE shelfcast_ingested_rows gauge
    shelfcast_ingested_rows 1200.0
    # HELP shelfcast_last_run_success 1 if the last run succeeded, 0 if it failed.
    # TYPE shelfcast_last_run_success gauge
    shelfcast_last_run_success 1.0
    # HELP shelfcast_last_success_timestamp_seconds Unix time of the last successful run.
    # TYPE shelfcast_last_success_timestamp_seconds gauge
    shelfcast_last_success_timestamp_seconds 1764201600.0
    # HELP shelfcast_model_info The model version that made the last forecasts (always 1).
    # TYPE shelfcast_model_info gauge
    shelfcast_model_info{model_version="ets-2025-11-27"} 1.0
    # HELP shelfcast_quarantined_rows Rows sent to quarantine by the last run.
    # TYPE shelfcast_quarantined_rows gauge
    shelfcast_quarantined_rows 7.0
    # HELP shelfcast_run_duration_seconds Wall-clock duration of the last run.
    # TYPE shelfcast_run_duration_seconds gauge
    shelfcast_run_duration_seconds 55.75
    # HELP shelfcast_stage_duration_seconds Wall-clock duration of each stage of the last run.
    # TYPE shelfcast_stage_duration_seconds gauge
    shelfcast_stage_duration_seconds{stage="forecast"} 12.5
    shelfcast_stage_duration_seconds{stage="ingest"} 3.25
    shelfcast_stage_duration_seconds{stage="train"} 40.0
    # HELP shelfcast_wape_ratio Weighted absolute percentage error of the last run, sum|error| / sum(actual), by segment.
    # TYPE shelfcast_wape_ratio gauge
    shelfcast_wape_ratio{segment="S002"} 0.5
    shelfcast_wape_ratio{segment="chain"} 0.3125

    """

  func testRendersTheGoldenText() {
    XCTAssertEqual(MetricsFile.renderText(Self.full), Self.fullText)
  }

  func testEveryLineParsesAndEveryFamilyIsAGaugeWithHelp() throws {
    let families = try PrometheusText.parse(MetricsFile.render(Self.full))
    XCTAssertEqual(families.count, 12)
    for family in families {
      XCTAssertTrue(family.name.hasPrefix("shelfcast_"), family.name)
      XCTAssertEqual(family.type, "gauge", family.name)
      XCTAssertFalse(family.help?.isEmpty ?? true, family.name)
      XCTAssertFalse(family.samples.isEmpty, family.name)
    }
    let stages = try XCTUnwrap(families.first { $0.name == "shelfcast_stage_duration_seconds" })
    XCTAssertEqual(stages.samples.map(\.labels.first?.value), ["forecast", "ingest", "train"])
    XCTAssertEqual(stages.samples.map(\.value), [12.5, 3.25, 40])
    let drift = try XCTUnwrap(families.first { $0.name == "shelfcast_drift_statistic" })
    XCTAssertEqual(
      drift.samples[1].labels,
      [
        .init(name: "segment", value: "chain"), .init(name: "feature", value: "price"),
        .init(name: "test", value: "psi"),
      ])
  }

  func testSameMetricsGiveSameBytesWhateverTheInsertionOrder() {
    var reordered = RunMetrics()
    for stage in ["train", "forecast", "ingest"] {
      reordered.stageDurationSeconds[stage] = Self.full.stageDurationSeconds[stage]
    }
    reordered.runDurationSeconds = 55.75
    reordered.rowsIngested = 1200
    reordered.rowsQuarantined = 7
    reordered.seriesForecast = 300
    reordered.wapeBySegment = ["S002": 0.5]
    reordered.wapeBySegment["chain"] = 0.3125
    reordered.biasPercentBySegment = ["chain": -2.5]
    for (key, value) in Self.full.driftStatistics.sorted(by: { $0.key > $1.key }) {
      reordered.driftStatistics[key] = value
    }
    reordered.countAlerts(
      [alert(.critical), alert(.warning), alert(.warning)])
    reordered.lastSuccessTimestampSeconds = 1_764_201_600
    reordered.lastRunSucceeded = true
    reordered.modelVersion = "ets-2025-11-27"
    XCTAssertEqual(reordered, Self.full.withAlertCounts([.info: 0, .warning: 2, .critical: 1]))
    XCTAssertEqual(MetricsFile.render(reordered), MetricsFile.render(Self.full))
  }

  func testEmptyRunHasOnlyTheAlertCounts() throws {
    let text = MetricsFile.renderText(RunMetrics())
    let families = try PrometheusText.parse(Array(text.utf8))
    XCTAssertEqual(families.map(\.name), ["shelfcast_alerts"])
    XCTAssertEqual(families[0].samples.map(\.value), [0, 0, 0])
  }

  func testNonFiniteValuesAreLeftOut() throws {
    let metrics = RunMetrics(
      stageDurationSeconds: ["ingest": .nan, "train": 2], runDurationSeconds: .infinity,
      wapeBySegment: ["chain": .nan])
    let families = try PrometheusText.parse(MetricsFile.render(metrics))
    XCTAssertEqual(families.map(\.name), ["shelfcast_alerts", "shelfcast_stage_duration_seconds"])
    XCTAssertEqual(families[1].samples.map(\.labels.first?.value), ["train"])
  }

  func testLabelValuesAreEscaped() throws {
    let awkward = "Store \"7\" \\ Riverside\nNorth"
    let metrics = RunMetrics(wapeBySegment: [awkward: 0.25], modelVersion: "v1 \"beta\"")
    let text = MetricsFile.renderText(metrics)
    XCTAssertTrue(
      text.contains(#"shelfcast_wape_ratio{segment="Store \"7\" \\ Riverside\nNorth"} 0.25"#),
      text)
    let families = try PrometheusText.parse(Array(text.utf8))
    let wape = try XCTUnwrap(families.first { $0.name == "shelfcast_wape_ratio" })
    XCTAssertEqual(wape.samples.first?.labels.first?.value, awkward)
    let model = try XCTUnwrap(families.first { $0.name == "shelfcast_model_info" })
    XCTAssertEqual(model.samples.first?.labels.first?.value, "v1 \"beta\"")
  }

  func testWritesAtomicallyAndReadsTheLastSuccessBack() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("reports/metrics.prom")
    try MetricsFile.write(Self.full, to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), Self.fullText)
    XCTAssertEqual(try directory.contents(of: "reports"), ["metrics.prom"])
    XCTAssertEqual(
      MetricsFile.lastSuccessTimestampSeconds(inText: Self.fullText), 1_764_201_600)
    XCTAssertNil(MetricsFile.lastSuccessTimestampSeconds(inText: "shelfcast_alerts 1\n"))
  }

  func alert(_ severity: Alert.Severity) -> Alert {
    Alert(
      severity: severity, kind: .bias, segment: "chain", value: 1, threshold: 1,
      suggestedAction: "", message: "")
  }
}

extension RunMetrics {
  fileprivate func withAlertCounts(_ counts: [Alert.Severity: Int]) -> RunMetrics {
    var copy = self
    copy.alertCounts = counts
    return copy
  }
}
