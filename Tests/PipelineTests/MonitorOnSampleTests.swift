import DemandCore
import Forecasting
import Foundation
import History
import Monitoring
import Tabular
import XCTest

@testable import Pipeline

/// `shelfcast monitor` on the committed sample chain: forecasts archived on a few nights, then
/// scored against the actuals that followed. Every metric of `accuracy_summary.csv` is recomputed
/// here from `forecast_vs_actual.csv` alone (the error from its `mean`, MASE from its
/// `mase_scale`), and MASE of one store again from the history read through another path
/// (`dailySeries`).
final class MonitorOnSampleTests: XCTestCase {
  private var directory: URL!
  private let trainedOn = Day(iso: "2026-09-30")!
  private let nights = ["2026-09-30", "2026-10-02", "2026-10-04"].map { Day(iso: $0)! }
  private let monitored = Day(iso: "2026-10-14")!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-monitor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func testMonitoringTheSampleChain() throws {
    // Master data and the daily history (with its stock-out flags) through 2026-10-31; the
    // transaction days (from 10-18) are after the monitored window and not needed.
    let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
    let history = SampleChainTests.sample.appendingPathComponent("history")
    let months = try FileManager.default.contentsOfDirectory(atPath: history.path)
      .filter { $0 >= "demand_2025-09.csv" }.sorted()
    _ = try IngestStage.run(
      workspace: workspace,
      paths: [SampleChainTests.sample.appendingPathComponent("master").path]
        + months.map { history.appendingPathComponent($0).path },
      asOf: Day(iso: "2026-11-01")!, logger: .init(label: "test"))
    let trained = try TrainStage.run(
      workspace: workspace, asOf: trainedOn,
      configuration: ForecastConfiguration(horizonDays: 14, historyWindowDays: 200),
      logger: .init(label: "t"))
    let backtestWAPE = try XCTUnwrap(trained.report.backtestWAPE)

    var seriesPerNight: [Day: Int] = [:]
    var version = ""
    for night in nights {
      let outcome = try ForecastStage.run(
        workspace: workspace, date: night, horizon: 14, outDirectory: nil,
        logger: .init(label: "t"))
      seriesPerNight[night] = outcome.series
      XCTAssertEqual(outcome.archive.series, outcome.series)
      XCTAssertEqual(outcome.archive.replaced, 0)
      version = outcome.modelVersion
    }
    // Re-running a night replaces its issue: one block per store, no duplicate rows below.
    let again = try ForecastStage.run(
      workspace: workspace, date: nights[1], horizon: 14, outDirectory: nil,
      logger: .init(label: "t"))
    XCTAssertEqual(again.archive.replaced, again.archive.blocks)
    XCTAssertEqual(again.archive.blocks, 10)
    // The first training was promoted as champion, so the version is its registry id; its
    // artifact is byte for byte the file in service.
    XCTAssertEqual(version, "v0001")
    XCTAssertEqual(trained.version.id, "v0001")
    XCTAssertEqual(
      trained.version.artifactSHA256, try sha256Prefix(of: workspace.fittedSetPath, length: 64))

    let settings = MonitoringSettings(subgroupMinimumPoints: 100, detailHorizons: [])
    let outcome = try MonitorStage.run(
      workspace: workspace, date: monitored, settings: settings, outDirectory: nil,
      logger: .init(label: "t"), now: { Date(timeIntervalSince1970: 1_800_000_000) })
    let accuracy = outcome.accuracy
    XCTAssertEqual(accuracy.window, Day(iso: "2026-09-17")!...monitored)
    // The champion's backtest WAPE, from the registry (the same sums as the report's).
    XCTAssertEqual(try XCTUnwrap(accuracy.backtestWAPE), backtestWAPE, accuracy: 1e-12)
    XCTAssertEqual(accuracy.modelVersion, version)

    // forecast_vs_actual.csv: the promised columns; every archived day in the window once per
    // issue (09-30 → 10-01 … 10-14, 14 days; 10-02 → 12; 10-04 → 10; every store has sales
    // every day of the window).
    let rows = try csv(accuracy.forecastVsActualPath)
    XCTAssertEqual(
      rows.first,
      [
        "store_id", "sku_id", "date", "issued_on", "horizon_days", "p10", "p50", "p90", "mean",
        "actual", "stockout", "error", "abs_error", "mase_scale", "model", "model_version",
      ])
    let body = rows.dropFirst().map(Row.init)
    let expectedRows = zip(nights, [14, 12, 10]).reduce(0) { $0 + seriesPerNight[$1.0]! * $1.1 }
    XCTAssertEqual(body.count, expectedRows)
    XCTAssertEqual(accuracy.rows, expectedRows)
    XCTAssertEqual(Set(body.map(\.identity)).count, body.count, "a forecast joined twice")
    for row in body.prefix(2000) {
      XCTAssertEqual(row.issuedOn.days(to: row.date), row.horizon)
      XCTAssertTrue(accuracy.window.contains(row.date))
      XCTAssertTrue(nights.contains(row.issuedOn))
      XCTAssertEqual(row.modelVersion, version)
      XCTAssertEqual(abs(row.error), row.absError, accuracy: 1e-9)
    }
    // The error is recomputable: actual − mean, to the file's 3 decimals, on every row.
    for row in body {
      let mean = try XCTUnwrap(row.mean, "the archive holds every forecast's mean")
      XCTAssertEqual(row.error, row.actual - mean, accuracy: 1e-9, row.identity)
    }

    // Stock-out days are shown but scored nowhere.
    let censored = body.filter(\.stockout).count
    XCTAssertGreaterThan(censored, 0, "the sample window should hold stock-out days")
    XCTAssertEqual(accuracy.summary.chain.points, body.count - censored)

    // accuracy_summary.csv against a recomputation from the rows.
    let master = try workspace.openDatabase().masterIndex()
    let stores = Dictionary(
      uniqueKeysWithValues: master.stores.map { ($0.record.id.rawValue, $0.record) })
    let categories = Dictionary(
      uniqueKeysWithValues: master.skus.map { ($0.record.id.rawValue, $0.record.category) })
    var sums: [String: Sums] = [:]
    for row in body where !row.stockout {
      let store = try XCTUnwrap(stores[row.store])
      for segment in [
        "chain,chain", "store,\(row.store)", "category,\(categories[row.sku] ?? "")",
        "region,\(store.region)", "store_format,\(store.format)",
        "horizon,\(HorizonBucket.name(horizonDays: row.horizon))", "week,\(row.date.isoWeek)",
      ] {
        sums[segment, default: Sums()].add(row)
      }
    }
    let summary = try csv(accuracy.summaryPath)
    XCTAssertEqual(
      summary.first,
      [
        "level", "segment", "wape", "mae", "rmse", "mase", "bias_ratio", "coverage_80", "n",
        "flagged",
      ])
    XCTAssertEqual(summary.count - 1, sums.count, "one line per segment")
    let chainMASE = try XCTUnwrap(Double(try XCTUnwrap(summary.first { $0[0] == "chain" })[5]))
    for line in summary.dropFirst() {
      let segment = line[0] + "," + line[1]
      let expected = try XCTUnwrap(sums[segment], segment)
      XCTAssertEqual(Int(line[8]), expected.n, segment)
      XCTAssertEqual(Double(line[2])!, expected.wape, accuracy: 1e-6, segment)
      XCTAssertEqual(Double(line[3])!, expected.mae, accuracy: 1e-6, segment)
      XCTAssertEqual(Double(line[4])!, expected.rmse, accuracy: 1e-6, segment)
      XCTAssertEqual(Double(line[6])!, expected.biasPercent / 100, accuracy: 1e-6, segment)
      XCTAssertEqual(Double(line[7])!, expected.coveragePercent / 100, accuracy: 1e-6, segment)
      // MASE from the file's own scale (written with 6 decimals; the summary used the
      // unrounded one, so the tolerance is relative).
      if let mase = Double(line[5]) {
        XCTAssertEqual(mase, expected.mase, accuracy: 1e-5 * max(1, mase), segment)
      } else {
        XCTAssertEqual(expected.scaledCount, 0, segment)
      }
      let judged = (line[0] == "region" || line[0] == "store_format") && expected.n >= 100
      // Judged on MASE (the segment's, as written, against the chain's; S001's is checked
      // below): its volume is allowed for.
      let mase = try XCTUnwrap(Double(line[5]), segment)
      let flagged = judged ? (mase > chainMASE * 1.25 ? "1" : "0") : ""
      XCTAssertEqual(line[9], flagged, segment)
    }
    try checkMASE(store: "S001", rows: body, summary: summary, workspace: workspace)

    // The alerts, in both files, and the metrics.
    let alertsCSV = try String(contentsOfFile: outcome.alertsCSVPath, encoding: .utf8)
    XCTAssertTrue(alertsCSV.hasPrefix(AlertFiles.csvHeader))
    XCTAssertEqual(alertsCSV.split(separator: "\n").count, 1 + outcome.alerts.count)
    let json = try XCTUnwrap(FileManager.default.contents(atPath: outcome.alertsJSONPath))
    XCTAssertEqual(try AlertFiles.alerts(fromJSON: [UInt8](json)), outcome.alerts)
    // The analysts' report: one chart per promised panel (the chain, accuracy by week and by
    // horizon, each region of the sample, six top movers, subgroups, drift), and drift.csv.
    let html = try String(contentsOfFile: outcome.reportPath, encoding: .utf8)
    func charts(_ panel: String) -> Int {
      html.components(separatedBy: "data-panel=\"\(panel)").count - 1
    }
    XCTAssertEqual(charts("chain\""), 1)
    XCTAssertEqual(charts("accuracy-week\""), 1)
    XCTAssertEqual(charts("accuracy-horizon\""), 1)
    XCTAssertEqual(charts("subgroup\""), 1)
    XCTAssertEqual(charts("top-mover:"), 6)
    XCTAssertGreaterThanOrEqual(charts("region:"), 2)
    XCTAssertEqual(charts("drift\""), 1)
    let driftCSV = try String(
      contentsOfFile: accuracy.directory + "/drift.csv", encoding: .utf8)
    XCTAssertTrue(driftCSV.hasPrefix("segment,feature,test,statistic,p_value,threshold,drifted\n"))
    XCTAssertTrue(driftCSV.contains("\nchain,accuracy,"), "concept drift against the backtest")
    let chain = accuracy.summary.chain
    let degraded = chain.wape > backtestWAPE * (1 + settings.accuracyTolerance)
    XCTAssertEqual(outcome.alerts.contains { $0.kind == .accuracyDegraded }, degraded)
    XCTAssertEqual(
      outcome.alerts.contains { $0.kind == .bias }, abs(chain.biasPercent) > 10)
    let prom = try String(contentsOfFile: outcome.metricsPath, encoding: .utf8)
    XCTAssertEqual(outcome.metricsPath, workspace.reportDirectory + "/metrics.prom")
    for expected in [
      "shelfcast_monitored_series \(Double(accuracy.seriesMonitored))",
      "shelfcast_last_run_success 1.0",
      "shelfcast_model_info{model_version=\"\(version)\"} 1.0",
      "shelfcast_stage_duration_seconds{stage=\"monitor\"} ",
      "shelfcast_wape_ratio \(chain.wape)\n",
      "shelfcast_bias_ratio \(chain.biasPercent / 100)\n",
      "shelfcast_region_bias_ratio{region=\"",
      "shelfcast_drift_p_value{feature=\"",
      "shelfcast_alerts{severity=\"critical\"} ",
    ] {
      XCTAssertTrue(prom.contains(expected), "metrics.prom lacks \(expected):\n\(prom)")
    }
    XCTAssertEqual(MetricsFile.lastSuccessTimestampSeconds(inText: prom), 1_800_000_000)

    // A failed run still writes the metrics, says so and keeps the last success.
    XCTAssertThrowsError(
      try MonitorStage.run(
        workspace: workspace, date: Day(iso: "2026-12-01")!, outDirectory: nil,
        logger: .init(label: "t"), now: { Date(timeIntervalSince1970: 1_900_000_000) }))
    let failed = try String(contentsOfFile: outcome.metricsPath, encoding: .utf8)
    XCTAssertTrue(failed.contains("shelfcast_last_run_success 0.0"), failed)
    XCTAssertEqual(MetricsFile.lastSuccessTimestampSeconds(inText: failed), 1_800_000_000)

    try checkParallelEqualsSerial(workspace: workspace, settings: settings)
  }

  // MARK: - Stores on all cores against one at a time

  /// The accuracy step with its stores joined on all cores and one at a time on this thread:
  /// the same files to the byte and the same sums to the bit (they are added in store order
  /// either way), with and without the drift step's reduction of the same panels; and the
  /// drift findings made from those panels equal the drift stage's own reading.
  private func checkParallelEqualsSerial(workspace: Workspace, settings: MonitoringSettings)
    throws
  {
    let detailed = MonitoringSettings(subgroupMinimumPoints: 100, detailHorizons: [1, 3, 14])
    var runs: [MonitorStage.Accuracy] = []
    for (name, parallel, drift) in [
      ("serial", false, DriftSettings?.none), ("parallel", true, nil),
      ("parallel-drift", true, DriftSettings()), ("serial-drift", false, DriftSettings()),
    ] {
      for wanted in [settings, detailed] {
        let out = directory.appendingPathComponent("\(name)-\(wanted.detailHorizons.count)").path
        runs.append(
          try MonitorStage.measureAccuracy(
            workspace: workspace, date: monitored, settings: wanted, outDirectory: out,
            logger: .init(label: "t"), drift: drift, parallel: parallel))
      }
    }
    for (index, run) in runs.enumerated() {
      let reference = runs[index % 2]
      XCTAssertEqual(run.summary, reference.summary)
      XCTAssertEqual(run.rows, reference.rows)
      XCTAssertEqual(run.seriesMonitored, reference.seriesMonitored)
      for file in ["forecast_vs_actual.csv", "accuracy_summary.csv"] {
        XCTAssertEqual(
          FileManager.default.contents(atPath: run.directory + "/" + file),
          FileManager.default.contents(atPath: reference.directory + "/" + file), file)
      }
      let report = MonitorStage.reportData(accuracy: run, alerts: [])
      let expected = MonitorStage.reportData(accuracy: reference, alerts: [])
      XCTAssertEqual(report.chain, expected.chain)
      XCTAssertEqual(report.regions, expected.regions)
      XCTAssertEqual(report.topMovers, expected.topMovers)
    }
    XCTAssertGreaterThan(
      try csv(runs[1].forecastVsActualPath).count, 1, "the detail horizons are in the file")

    // NaN statistics (tests without enough data) compare by their text.
    let fromOwnReading = try MonitorStage.measureDrift(
      accuracy: runs[0], workspace: workspace, settings: DriftSettings(),
      logger: .init(label: "t"))
    XCTAssertFalse(fromOwnReading.panel.rows.isEmpty)
    for run in runs[4...] {
      XCTAssertNotNil(run.drift, "the drift step's reading was made with the join")
      let fromPanels = try MonitorStage.measureDrift(
        accuracy: run, workspace: workspace, settings: DriftSettings(),
        logger: .init(label: "t"))
      XCTAssertEqual(
        fromPanels.panel.rows.map { "\($0)" }, fromOwnReading.panel.rows.map { "\($0)" })
      XCTAssertEqual(fromPanels.panel.distributions, fromOwnReading.panel.distributions)
    }
  }

  // MARK: - MASE of one store, from `dailySeries`

  /// The store's MASE: the mean over its scored rows of |error| / s, s the mean |yₜ − yₜ₋₇| over
  /// the 364 days before the window from the series' first uncensored sale, pairs with both
  /// days uncensored (series without such a pair, or with s = 0, left out).
  private func checkMASE(store: String, rows: [Row], summary: [[String]], workspace: Workspace)
    throws
  {
    let database = try workspace.openDatabase()
    let windowStart = monitored.adding(days: -27)
    let scaleStart = windowStart.adding(days: -364)
    var scales: [String: Double?] = [:]
    var total = 0.0
    var count = 0
    for row in rows where row.store == store && !row.stockout {
      if scales[row.sku] == nil {
        let daily = try database.dailySeries(store: StoreID(store), sku: SKUID(row.sku))
        var units = [Double](repeating: 0, count: 364)
        var out = [Bool](repeating: false, count: 364)
        for entry in daily where entry.day >= scaleStart && entry.day < windowStart {
          units[scaleStart.days(to: entry.day)] = entry.unitsSold
          out[scaleStart.days(to: entry.day)] = entry.stockout
        }
        var scale: Double?
        if let first = units.indices.first(where: { units[$0] > 0 && !out[$0] }) {
          let pairs = (first + 7..<364).filter { !out[$0] && !out[$0 - 7] }
          let sum = pairs.reduce(0.0) { $0 + abs(units[$1] - units[$1 - 7]) }
          scale = pairs.isEmpty || sum == 0 ? nil : sum / Double(pairs.count)
        }
        scales[row.sku] = .some(scale)
      }
      guard let scale = scales[row.sku] ?? nil else { continue }
      total += row.absError / scale
      count += 1
    }
    let line = try XCTUnwrap(summary.first { $0[0] == "store" && $0[1] == store })
    XCTAssertGreaterThan(count, 0)
    XCTAssertEqual(Double(line[5])!, total / Double(count), accuracy: 1e-6)
  }

  // MARK: - Reading the files back

  private struct Row {
    var store: String
    var sku: String
    var date: Day
    var issuedOn: Day
    var horizon: Int
    var p10: Double
    var p90: Double
    var mean: Double?
    var actual: Double
    var stockout: Bool
    var error: Double
    var absError: Double
    var scale: Double?
    var modelVersion: String

    init(_ fields: [String]) {
      store = fields[0]
      sku = fields[1]
      date = Day(iso: fields[2])!
      issuedOn = Day(iso: fields[3])!
      horizon = Int(fields[4])!
      p10 = Double(fields[5])!
      p90 = Double(fields[7])!
      mean = Double(fields[8])
      actual = Double(fields[9])!
      stockout = fields[10] == "1"
      error = Double(fields[11])!
      absError = Double(fields[12])!
      scale = Double(fields[13])
      modelVersion = fields[15]
    }

    var identity: String { "\(store)/\(sku)/\(date.iso)/\(issuedOn.iso)" }
  }

  /// Sums for WAPE, MAE, RMSE, MASE, bias and coverage, from the file's columns only.
  private struct Sums {
    var n = 0
    var actual = 0.0
    var absolute = 0.0
    var squared = 0.0
    var excess = 0.0
    var covered = 0
    var scaledSum = 0.0
    var scaledCount = 0

    mutating func add(_ row: Row) {
      if let scale = row.scale, scale > 0 {
        scaledSum += row.absError / scale
        scaledCount += 1
      }
      n += 1
      actual += row.actual
      absolute += row.absError
      squared += row.error * row.error
      excess -= row.error
      if row.p10 <= row.actual && row.actual <= row.p90 { covered += 1 }
    }

    var wape: Double { absolute / actual }
    var mae: Double { absolute / Double(n) }
    var rmse: Double { (squared / Double(n)).squareRoot() }
    var biasPercent: Double { 100 * excess / actual }
    var coveragePercent: Double { 100 * Double(covered) / Double(n) }
    var mase: Double { scaledSum / Double(scaledCount) }
  }

  /// Every record of a CSV file as strings (RFC 4180 quoting undone).
  private func csv(_ path: String) throws -> [[String]] {
    let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
    return [UInt8](bytes).withUnsafeBufferPointer { buffer in
      let scanner = CSVScanner(bytes: buffer)
      var records: [[String]] = []
      while let record = scanner.next() {
        records.append((0..<record.fieldCount).map { record.string($0) })
      }
      return records
    }
  }

  /// The first 12 hex digits of the file's SHA-256, by `sha256sum`.
  private func sha256Prefix(of path: String, length: Int = 12) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return String(output.prefix(length))
  }
}
