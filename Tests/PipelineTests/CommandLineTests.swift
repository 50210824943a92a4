import Foundation
import XCTest
import _TestSupport

/// Runs the built `shelfcast` binary, as operations would, and checks output and exit codes.
final class CommandLineTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func testHelpListsEveryCommand() throws {
    let result = try run(["--help"])
    XCTAssertEqual(result.status, 0)
    for command in [
      "ingest", "history", "status", "version", "generate", "train", "forecast", "backtest",
      "recommend", "explain", "monitor", "registry", "audit",
    ] {
      XCTAssertTrue(result.output.contains(command), "help does not mention \(command)")
    }
    XCTAssertTrue(result.output.contains("Exit codes"))
  }

  func testEverySubcommandHasHelp() throws {
    for command in [
      "ingest", "history", "status", "version", "generate", "train", "forecast", "backtest",
      "recommend", "explain", "monitor", "registry", "audit",
    ] {
      let result = try run([command, "--help"])
      XCTAssertEqual(result.status, 0, "\(command) --help failed")
      XCTAssertTrue(result.output.contains("USAGE: shelfcast \(command)"), result.output)
    }
  }

  func testRejectShareOutsideRangeIsAUsageError() throws {
    let result = try run([
      "ingest", "--workspace", directory.path, "--max-reject-share", "5", directory.path,
    ])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.error.contains("Please give --max-reject-share between 0 and 1"), result.error)
  }

  func testIngestThenHistoryAndExitCodes() throws {
    let inbox = directory.appendingPathComponent("in")
    try write(
      "store_id,name,region,format,open_date\nS001,Store 1,North,supermarket,2020-01-01\n",
      to: inbox.appendingPathComponent("stores.csv"))
    try write(
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        + "P00001,Milk,dairy,0.5,1.2,12,2,0\n",
      to: inbox.appendingPathComponent("skus.csv"))
    try write(
      "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n"
        + "2026-01-05,S001,P00001,2,1.20,0,T1\n2026-01-05,S001,P00001,-1,1.20,0,T2\n"
        + "2026-01-07,S001,P00001,3,1.00,1,T3\n",
      to: inbox.appendingPathComponent("transactions_2026-01-05.csv"))
    let workspace = directory.appendingPathComponent("ws").path
    let first = try run(["ingest", "--workspace", workspace, "--as-of", "2026-02-01", inbox.path])
    XCTAssertEqual(first.status, 0, first.error)
    XCTAssertTrue(
      first.output.contains("3 files, 5 rows read, 5 stored, 0 quarantined"), first.output)

    let history = try run([
      "history", "--workspace", workspace, "--store", "S001", "--sku", "P00001",
    ])
    XCTAssertEqual(history.status, 0, history.error)
    // Hand-computed: day 5 sold 2, returned 1, revenue 2×1.20 − 1×1.20; day 6 zero-filled;
    // day 7 sold 3 at 1.00, both of its one line on promotion.
    XCTAssertEqual(
      history.output,
      """
      date,units_sold,units_returned,revenue,lines,promo_share,stockout,on_hand,on_order
      2026-01-05,2,1,1.20,2,0.00,0,,
      2026-01-06,0,0,0.00,0,0.00,0,,
      2026-01-07,3,0,3.00,1,1.00,0,,

      """)
    // The comment line only when asked for, counting the days shown.
    let commented = try run([
      "history", "--workspace", workspace, "--store", "S001", "--sku", "P00001", "--comment",
      "--from", "2026-01-06",
    ])
    XCTAssertEqual(commented.status, 0, commented.error)
    XCTAssertEqual(
      commented.output,
      """
      # S001 / P00001: 2 days (2026-01-06 … 2026-01-07)
      date,units_sold,units_returned,revenue,lines,promo_share,stockout,on_hand,on_order
      2026-01-06,0,0,0.00,0,0.00,0,,
      2026-01-07,3,0,3.00,1,1.00,0,,

      """)

    // A file that is all bad rows is refused: exit code 2, nothing stored.
    try write(
      "date,store_id,sku_id,quantity\n2026-01-08,S999,P00001,1\n",
      to: inbox.appendingPathComponent("transactions_2026-01-08.csv"))
    let refused = try run(["ingest", "--workspace", workspace, "--as-of", "2026-02-01", inbox.path])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.output.contains("refused"), refused.output)
    XCTAssertTrue(refused.output.contains("store 'S999' is not in the master data"), refused.output)

    // Asking for a store the master data does not have is a usage error, not a crash or exit 1.
    let unknown = try run([
      "history", "--workspace", workspace, "--store", "S999", "--sku", "P00001",
    ])
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.error.contains("Store 'S999' is not in the master data"), unknown.error)
  }

  func testReadingCommandsNeedAnExistingWorkspace() throws {
    let missing = directory.appendingPathComponent("no/such/workspace").path
    for arguments in [
      ["status", "--workspace", missing],
      ["history", "--workspace", missing, "--store", "S001", "--sku", "P00001"],
    ] {
      let result = try run(arguments)
      XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
      XCTAssertTrue(result.error.contains("is not a ShelfCast workspace"), result.error)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a read created the workspace")
  }

  func testGenerateRefusesANonEmptyFolder() throws {
    let out = directory.appendingPathComponent("chain")
    try write("keep me\n", to: out.appendingPathComponent("notes.txt"))
    let result = try run([
      "generate", "--stores", "2", "--skus", "5", "--start", "2026-01-01", "--days", "10",
      "--transaction-days", "2", "--out", out.path,
    ])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.error.contains("already contains files"), result.error)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out.path), ["notes.txt"])
  }

  func testGenerateTakesTheRealisticProfileAndRefusesAnUnknownOne() throws {
    let chain = directory.appendingPathComponent("realistic")
    let arguments = [
      "generate", "--stores", "2", "--skus", "5", "--start", "2026-01-01", "--days", "30",
      "--transaction-days", "2", "--quiet", "--out",
    ]
    let generated = try run(arguments + [chain.path, "--profile", "realistic"])
    XCTAssertEqual(generated.status, 0, generated.error)
    let json = try String(
      contentsOfFile: chain.appendingPathComponent("chain.json").path, encoding: .utf8)
    XCTAssertTrue(json.contains("\"profile\" : \"realistic\""), json)
    let truth = try String(
      contentsOfFile: chain.appendingPathComponent("truth/expected_demand.csv").path,
      encoding: .utf8)
    XCTAssertTrue(truth.hasPrefix("store_id,sku_id,date,expected_units,p10,p50,p90\n"))
    let unknown = try run(
      arguments + [directory.appendingPathComponent("other").path, "--profile", "fancy"])
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.error.contains("fancy"), unknown.error)
  }

  func testTrainForecastAndBacktestOnAGeneratedChain() throws {
    let chain = directory.appendingPathComponent("chain")
    let workspace = directory.appendingPathComponent("ws").path
    let generated = try run([
      "generate", "--stores", "2", "--skus", "6", "--start", "2026-01-01", "--days", "150",
      "--transaction-days", "0", "--seed", "3", "--out", chain.path,
    ])
    XCTAssertEqual(generated.status, 0, generated.error)
    let early = try run(["forecast", "--workspace", workspace, "--date", "2026-05-30"])
    XCTAssertNotEqual(early.status, 0)
    let ingested = try run([
      "ingest", "--workspace", workspace, "--as-of", "2026-12-31",
      chain.appendingPathComponent("master").path,
      chain.appendingPathComponent("history").path,
    ])
    XCTAssertEqual(ingested.status, 0, ingested.error)
    let untrained = try run(["forecast", "--workspace", workspace, "--date", "2026-05-30"])
    XCTAssertEqual(untrained.status, 1)
    XCTAssertTrue(untrained.error.contains("Run `shelfcast train"), untrained.error)

    let trained = try run(["train", "--workspace", workspace, "--horizon", "14", "--quiet"])
    XCTAssertEqual(trained.status, 0, trained.error)
    XCTAssertTrue(trained.output.contains("through 2026-05-30"), trained.output)
    let selection = try String(contentsOfFile: workspace + "/models/selection.csv", encoding: .utf8)
    XCTAssertTrue(
      selection.hasPrefix("store_id,sku_id,kind,model,backtest_rmse,reason\nS001,"), selection)
    XCTAssertEqual(selection.split(separator: "\n").count, 1 + 12, "one row per series")
    // Without --horizon, the horizon the set was trained for (14), not 28.
    let forecast = try run(["forecast", "--workspace", workspace, "--date", "2026-05-30"])
    XCTAssertEqual(forecast.status, 0, forecast.error)
    XCTAssertTrue(forecast.output.contains("2026-05-31 … 2026-06-13"), forecast.output)
    let csv = try String(
      contentsOfFile: workspace + "/reports/2026-05-30/forecast.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n")
    XCTAssertEqual(lines.first, "store_id,sku_id,date,p10,p50,p90,mean,model")
    XCTAssertTrue(lines.dropFirst().first?.hasPrefix("S001,") ?? false)
    XCTAssertTrue(lines.dropFirst().first?.contains(",2026-05-31,") ?? false)
    let future = try run([
      "forecast", "--workspace", workspace, "--date", "2026-06-02", "--horizon", "14",
    ])
    XCTAssertEqual(future.status, 64)
    XCTAssertTrue(
      future.error.contains("--date 2026-06-02 is after the last day with demand"), future.error)
    let tooFar = try run([
      "forecast", "--workspace", workspace, "--date", "2026-05-30", "--horizon", "28",
    ])
    XCTAssertEqual(tooFar.status, 64)
    XCTAssertTrue(tooFar.error.contains("the horizon the models were trained for"), tooFar.error)

    // A forecast issued ten days earlier is scored by monitor; an impossible bias limit makes
    // a critical alert, which fails the run only with --fail-on.
    let earlier = try run([
      "forecast", "--workspace", workspace, "--date", "2026-05-20", "--horizon", "14", "--quiet",
    ])
    XCTAssertEqual(earlier.status, 0, earlier.error)
    let strict = directory.appendingPathComponent("monitor.yaml")
    try write("bias_limit_pct: 0.000001\n", to: strict)
    let monitor = try run([
      "monitor", "--workspace", workspace, "--date", "2026-05-30", "--config", strict.path,
    ])
    XCTAssertEqual(monitor.status, 0, monitor.error)
    XCTAssertTrue(
      monitor.output.contains("Monitored 2026-05-03 … 2026-05-30: 120 forecasts of 12 series"),
      monitor.output)
    XCTAssertTrue(monitor.output.contains("[critical] chain: bias"), monitor.output)
    let summary = try String(
      contentsOfFile: workspace + "/reports/2026-05-30/accuracy_summary.csv", encoding: .utf8)
    XCTAssertTrue(
      summary.hasPrefix(
        "level,segment,wape,mae,rmse,mase,bias_ratio,coverage_80,n,flagged\nchain,chain,"),
      summary)
    let failing = try run([
      "monitor", "--workspace", workspace, "--date", "2026-05-30", "--config", strict.path,
      "--fail-on", "critical",
    ])
    XCTAssertEqual(failing.status, 3, failing.error)
    let badLevel = try run(["monitor", "--workspace", workspace, "--fail-on", "severe"])
    XCTAssertEqual(badLevel.status, 64)
    try write("bias_limit: 5\n", to: strict)
    let unknownKey = try run(["monitor", "--workspace", workspace, "--config", strict.path])
    XCTAssertEqual(unknownKey.status, 64)
    XCTAssertTrue(unknownKey.error.contains("unknown setting bias_limit"), unknownKey.error)

    let recommend = try run(["recommend", "--workspace", workspace, "--date", "2026-05-30"])
    XCTAssertEqual(recommend.status, 0, recommend.error)
    let recommendations = try String(
      contentsOfFile: workspace + "/reports/2026-05-30/recommendations.csv", encoding: .utf8)
    let rows = recommendations.split(separator: "\n")
    XCTAssertTrue(rows.first?.hasPrefix("store_id,store_name,sku_id,sku_name,category") ?? false)
    XCTAssertEqual(rows.count, 1 + 12, "one row per store/SKU")
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: workspace + "/reports/2026-05-30/store_summary.csv"))

    let backtest = try run([
      "backtest", "--workspace", workspace, "--holdout-days", "14", "--truth",
      chain.appendingPathComponent("truth/expected_demand.csv").path,
    ])
    XCTAssertEqual(backtest.status, 0, backtest.error)
    for model in ["selected", "oracle", "seasonal_naive"] {
      XCTAssertTrue(backtest.output.contains(model), backtest.output)
    }
    let metrics = try String(
      contentsOfFile: workspace + "/reports/backtest/metrics.csv", encoding: .utf8)
    XCTAssertTrue(
      metrics.hasPrefix(
        "model,scope,n_points,n_series,wape,mae,rmse,mase,rmsse,bias_ratio,coverage_80,wape_mean\n")
    )
  }

  // MARK: - Helpers

  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  private func run(_ arguments: [String]) throws -> ShelfCastProcess.Result {
    try ShelfCastProcess.run(arguments)
  }
}
