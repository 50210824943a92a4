import Foundation
import Monitoring
import Tabular
import XCTest
import _TestSupport

/// `metrics.prom`: golden text, validity under the test reader, order and escaping.
final class MetricsFileTests: XCTestCase {
  static let drift = RunMetrics.DriftKey(segment: .chain, feature: "price", test: "psi")
  static let dairyKS = RunMetrics.DriftKey(
    segment: MetricSegment(.category, "dairy"), feature: "price", test: "ks")

  /// A run with every field set; values are binary-exact so the golden text is plain.
  static let full = RunMetrics(
    stageDurationSeconds: ["ingest": 3.25, "train": 40, "forecast": 12.5],
    runDurationSeconds: 55.75, rowsIngested: 1200, rowsQuarantined: 7, seriesForecast: 300,
    wapeBySegment: [.chain: 0.3125, MetricSegment(.region, "West"): 0.5],
    biasRatioBySegment: [.chain: -0.025],
    driftStatistics: [drift: 0.125, dairyKS: 0.0625], driftPValues: [dairyKS: 0.000244140625],
    alertCounts: [.warning: 2, .critical: 1], lastSuccessTimestampSeconds: 1_764_201_600,
    lastRunSucceeded: true, modelVersion: "ets-2025-11-27")

  // Written by hand from the naming rules in `MetricFamily` (families sorted by name, samples by
  // label values, alerts in severity order) and Swift's `Double.description` for the values.
  // Checked with promtool from Debian's prometheus 2.42.0 (`promtool check metrics <
  // golden.prom`): exit 0, no lint findings (rechecked for the per-dimension families of
  // issue 19).
  static let fullText = """
    # HELP shelfcast_alerts Alerts raised by the last run, by severity.
    # TYPE shelfcast_alerts gauge
    shelfcast_alerts{severity="info"} 0.0
    shelfcast_alerts{severity="warning"} 2.0
    shelfcast_alerts{severity="critical"} 1.0
    # HELP shelfcast_bias_ratio Forecast bias of the last run's monitoring window, sum(forecast - actual) / sum(actual), for the whole chain.
    # TYPE shelfcast_bias_ratio gauge
    shelfcast_bias_ratio -0.025
    # HELP shelfcast_category_drift_p_value P-value of each drift test of the last run, by category.
    # TYPE shelfcast_category_drift_p_value gauge
    shelfcast_category_drift_p_value{category="dairy",feature="price",test="ks"} 0.000244140625
    # HELP shelfcast_category_drift_statistic Effect size of each drift test of the last run, by category.
    # TYPE shelfcast_category_drift_statistic gauge
    shelfcast_category_drift_statistic{category="dairy",feature="price",test="ks"} 0.0625
    # HELP shelfcast_drift_statistic Effect size of each drift test of the last run, for the whole chain.
    # TYPE shelfcast_drift_statistic gauge
    shelfcast_drift_statistic{feature="price",test="psi"} 0.125
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
    # HELP shelfcast_region_wape_ratio WAPE of the last run's monitoring window, sum|actual - forecast| / sum(actual), by region.
    # TYPE shelfcast_region_wape_ratio gauge
    shelfcast_region_wape_ratio{region="West"} 0.5
    # HELP shelfcast_run_duration_seconds Wall-clock duration of the last run.
    # TYPE shelfcast_run_duration_seconds gauge
    shelfcast_run_duration_seconds 55.75
    # HELP shelfcast_stage_duration_seconds Wall-clock duration of each stage of the last run.
    # TYPE shelfcast_stage_duration_seconds gauge
    shelfcast_stage_duration_seconds{stage="forecast"} 12.5
    shelfcast_stage_duration_seconds{stage="ingest"} 3.25
    shelfcast_stage_duration_seconds{stage="train"} 40.0
    # HELP shelfcast_wape_ratio WAPE of the last run's monitoring window, sum|actual - forecast| / sum(actual), for the whole chain.
    # TYPE shelfcast_wape_ratio gauge
    shelfcast_wape_ratio 0.3125

    """

  func testRendersTheGoldenText() {
    XCTAssertEqual(MetricsFile.renderText(Self.full), Self.fullText)
  }

  func testEveryLineParsesAndEveryFamilyIsAGaugeWithHelp() throws {
    let families = try PrometheusText.parse(MetricsFile.render(Self.full))
    XCTAssertEqual(families.count, 15)
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
      drift.samples[0].labels,
      [.init(name: "feature", value: "price"), .init(name: "test", value: "psi")])
    let dairy = try XCTUnwrap(
      families.first { $0.name == "shelfcast_category_drift_p_value" })
    XCTAssertEqual(
      dairy.samples[0].labels,
      [
        .init(name: "category", value: "dairy"), .init(name: "feature", value: "price"),
        .init(name: "test", value: "ks"),
      ])
    XCTAssertEqual(dairy.samples[0].value, 0.000244140625)
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
    reordered.wapeBySegment = [MetricSegment(.region, "West"): 0.5]
    reordered.wapeBySegment[.chain] = 0.3125
    reordered.biasRatioBySegment = [.chain: -0.025]
    reordered.driftPValues = Self.full.driftPValues
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
      wapeBySegment: [.chain: .nan])
    let families = try PrometheusText.parse(MetricsFile.render(metrics))
    XCTAssertEqual(families.map(\.name), ["shelfcast_alerts", "shelfcast_stage_duration_seconds"])
    XCTAssertEqual(families[1].samples.map(\.labels.first?.value), ["train"])
  }

  func testLabelValuesAreEscaped() throws {
    let awkward = "Store \"7\" \\ Riverside\nNorth"
    let metrics = RunMetrics(
      wapeBySegment: [MetricSegment(.region, awkward): 0.25], modelVersion: "v1 \"beta\"")
    let text = MetricsFile.renderText(metrics)
    XCTAssertTrue(
      text.contains(
        #"shelfcast_region_wape_ratio{region="Store \"7\" \\ Riverside\nNorth"} 0.25"#),
      text)
    let families = try PrometheusText.parse(Array(text.utf8))
    let wape = try XCTUnwrap(families.first { $0.name == "shelfcast_region_wape_ratio" })
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

  /// Prometheus: the series of one family share one label set. The chain, the regions, the
  /// store formats and the categories are four families, each labelled by its own dimension.
  func testEachDimensionIsAFamilyWithOneLabelSet() throws {
    let metrics = RunMetrics(
      wapeBySegment: [
        .chain: 0.25, MetricSegment(.region, "West"): 0.5, MetricSegment(.region, "East"): 0.125,
        MetricSegment(.storeFormat, "hyper"): 0.375,
      ],
      biasRatioBySegment: [.chain: 0.0625, MetricSegment(.storeFormat, "hyper"): -0.125])
    let families = try PrometheusText.parse(MetricsFile.render(metrics))
    let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
    XCTAssertEqual(
      families.map(\.name),
      [
        "shelfcast_alerts", "shelfcast_bias_ratio", "shelfcast_region_wape_ratio",
        "shelfcast_store_format_bias_ratio", "shelfcast_store_format_wape_ratio",
        "shelfcast_wape_ratio",
      ])
    XCTAssertEqual(byName["shelfcast_wape_ratio"]?.samples.map(\.labels), [[]])
    XCTAssertEqual(byName["shelfcast_wape_ratio"]?.samples.map(\.value), [0.25])
    XCTAssertEqual(
      byName["shelfcast_region_wape_ratio"]?.samples.map(\.labels),
      [[.init(name: "region", value: "East")], [.init(name: "region", value: "West")]])
    XCTAssertEqual(byName["shelfcast_region_wape_ratio"]?.samples.map(\.value), [0.125, 0.5])
    XCTAssertEqual(
      byName["shelfcast_store_format_bias_ratio"]?.samples.first?.labels,
      [.init(name: "store_format", value: "hyper")])
    XCTAssertEqual(byName["shelfcast_store_format_bias_ratio"]?.samples.first?.value, -0.125)
    XCTAssertFalse(MetricsFile.renderText(metrics).contains("segment="))
  }

  func testSegmentsAreReadFromTheirDescriptions() {
    XCTAssertEqual(MetricSegment(description: "chain"), .chain)
    XCTAssertEqual(MetricSegment(description: "region=West"), MetricSegment(.region, "West"))
    XCTAssertEqual(
      MetricSegment(description: "store_format=hyper"), MetricSegment(.storeFormat, "hyper"))
    XCTAssertEqual(
      MetricSegment(description: "category=a=b"), MetricSegment(.category, "a=b"))
    XCTAssertNil(MetricSegment(description: "store=S001"))
    XCTAssertNil(MetricSegment(description: "West"))
    XCTAssertEqual(MetricSegment(.storeFormat, "hyper").description, "store_format=hyper")
  }

  /// The nightly rewrites metrics.prom with its own families; those of the last intraday run
  /// stay until the next intraday run replaces them.
  func testANightlyRewriteKeepsTheLastIntradayRunsFamilies() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("reports/metrics.prom")
    try MetricsFile.write(Self.full, to: path)
    let intraday = RunMetrics.IntradayMetrics(
      linesCounted: 40, linesDuplicate: 2, linesQuarantined: 1, seriesNowcast: 12,
      expediteAlerts: 3, cutoffTimestampSeconds: 1_764_248_400)
    let before = try String(contentsOfFile: path, encoding: .utf8)
    try AtomicFile.write(MetricsFile.mergingIntraday(intraday, into: before), to: path)

    var night = Self.full
    night.rowsIngested = 1300
    try MetricsFile.write(night, to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let families = try PrometheusText.parse(Array(text.utf8))
    let names = families.map(\.name)
    XCTAssertEqual(names, names.sorted())
    let counted = try XCTUnwrap(families.first { $0.name == "shelfcast_intraday_lines" })
    XCTAssertEqual(counted.samples.map(\.value), [40, 2, 1])
    XCTAssertEqual(
      families.first { $0.name == "shelfcast_intraday_expedite_alerts" }?.samples.first?.value, 3)
    XCTAssertEqual(
      families.first { $0.name == "shelfcast_intraday_nowcast_series" }?.samples.first?.value,
      12)
    XCTAssertEqual(
      families.first { $0.name == "shelfcast_intraday_cutoff_timestamp_seconds" }?.samples
        .first?.value, 1_764_248_400)
    XCTAssertEqual(
      families.first { $0.name == "shelfcast_ingested_rows" }?.samples.first?.value, 1300)
    // Apart from the kept intraday families, the file is the nightly's own text.
    let withoutIntraday = text.split(separator: "\n").filter {
      !$0.contains("shelfcast_intraday_")
    }
    XCTAssertEqual(
      withoutIntraday.joined(separator: "\n") + "\n", MetricsFile.renderText(night))

    // The next intraday run replaces them: no family twice.
    let next = RunMetrics.IntradayMetrics(
      linesCounted: 50, linesDuplicate: 0, linesQuarantined: 0, seriesNowcast: 12,
      expediteAlerts: 1, cutoffTimestampSeconds: 1_764_252_000)
    let merged = String(decoding: MetricsFile.mergingIntraday(next, into: text), as: UTF8.self)
    let again = try PrometheusText.parse(Array(merged.utf8))
    XCTAssertEqual(again.map(\.name), Array(Set(again.map(\.name))).sorted())
    XCTAssertEqual(
      again.first { $0.name == "shelfcast_intraday_lines" }?.samples.map(\.value), [50, 0, 0])
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
