import Foundation
import XCTest
import _TestSupport

/// `shelfcast intraday` end to end on a small generated chain with timestamps: the outputs agree
/// with each other, the metrics file keeps what was there (and a later monitoring run keeps the
/// intraday families), and the same inputs give the same bytes.
final class IntradayCommandTests: XCTestCase {
  func testDropsGiveNowcastsAlertsAndMetricsAndAreDeterministic() throws {
    let directory = try TemporaryDirectory()
    let chain = directory.path("chain")
    let day = "2026-02-27"
    func run(_ arguments: [String]) throws -> ShelfCastProcess.Result {
      let result = try ShelfCastProcess.run(arguments + ["--quiet"])
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.error)")
      return result
    }
    _ = try run([
      "generate", "--stores", "3", "--skus", "30", "--start", "2025-09-01", "--days", "180",
      "--transaction-days", "8", "--seed", "5", "--out", chain, "--timestamps",
    ])
    let inbox = try FileManager.default.contentsOfDirectory(atPath: chain + "/inbox").sorted()
    let earlier = inbox.filter { !$0.contains(day) }
    var outputs: [[String: Data]] = []
    for copy in ["a", "b"] {
      let ws = directory.path("ws-" + copy)
      _ = try run(
        [
          "ingest", "--workspace", ws, "--as-of", "2026-02-26", chain + "/master",
          chain + "/history",
        ]
          + earlier.map { chain + "/inbox/" + $0 }
          + earlier.map {
            chain + "/inventory/on_hand_" + $0.dropFirst("transactions_".count)
          })
      _ = try run(["train", "--workspace", ws])
      _ = try run(["forecast", "--workspace", ws, "--date", "2026-02-26"])
      // A drop of the morning, then a cumulative one to 14:00 (the morning's lines again).
      let lines = try String(
        contentsOfFile: chain + "/inbox/transactions_\(day).csv", encoding: .utf8
      ).split(separator: "\n")
      let header = String(lines[0])
      func drop(before time: String) -> String {
        ([header]
          + lines.dropFirst().filter { ($0.split(separator: ",").last ?? "") < time }
          .map(String.init)).joined(separator: "\n") + "\n"
      }
      try directory.write(drop(before: "10:00"), to: "drops-\(copy)/1000.csv")
      try directory.write(drop(before: "14:00"), to: "drops-\(copy)/1400.csv")
      _ = try run([
        "intraday", "--workspace", ws, "--date", day, "--at", "10:00",
        directory.path("drops-\(copy)/1000.csv"),
      ])
      let morning = try Data(
        contentsOf: URL(fileURLWithPath: ws + "/reports/\(day)/intraday/1000/nowcast.csv"))
      _ = try run([
        "intraday", "--workspace", ws, "--date", day, "--at", "14:00",
        directory.path("drops-\(copy)/1400.csv"),
      ])
      // Run again at 10:00 after the 14:00 drop, the morning is what it was: the sales so far
      // are those of the drops taken by 10:00, not the afternoon's too.
      _ = try run(["intraday", "--workspace", ws, "--date", day, "--at", "10:00"])
      XCTAssertEqual(
        try Data(
          contentsOf: URL(fileURLWithPath: ws + "/reports/\(day)/intraday/1000/nowcast.csv")),
        morning)
      let folder = ws + "/reports/\(day)/intraday/1400"
      var files: [String: Data] = [:]
      for name in ["nowcast.csv", "expedite.csv", "alerts.json"] {
        files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
      }
      outputs.append(files)

      // expedite.csv is the rows of nowcast.csv at or above the alert probability (0.3), in
      // order (at 14:00 the elapsed share is past 0.15 everywhere).
      let nowcast = ReferenceCSV.parse(
        String(decoding: try XCTUnwrap(files["nowcast.csv"]), as: UTF8.self)
      ).map(\.fields)
      let expedite = ReferenceCSV.parse(
        String(decoding: try XCTUnwrap(files["expedite.csv"]), as: UTF8.self)
      ).map(\.fields)
      let probability = try XCTUnwrap(nowcast.first?.firstIndex(of: "stockout_probability"))
      XCTAssertEqual(
        Array(expedite.dropFirst()),
        nowcast.dropFirst().filter { (Double($0[probability]) ?? 0) >= 0.3 })
      XCTAssertGreaterThan(nowcast.count, 1)
      let json = try JSONSerialization.jsonObject(with: try XCTUnwrap(files["alerts.json"]))
      let alerts = (json as? [String: Any])?["alerts"] as? [[String: Any]]
      XCTAssertEqual(alerts?.count, expedite.count - 1)
      let sold = try XCTUnwrap(nowcast.first?.firstIndex(of: "sold_so_far"))
      XCTAssertFalse(nowcast.dropFirst().allSatisfy { Double($0[sold]) == 0 })
      let metrics = try String(contentsOfFile: ws + "/reports/metrics.prom", encoding: .utf8)
      XCTAssertTrue(metrics.contains("shelfcast_intraday_lines{outcome=\"duplicate\"} "))
      XCTAssertEqual(
        metrics.components(separatedBy: "# TYPE shelfcast_intraday_lines gauge").count, 2,
        "one family, replaced by the second run")
    }
    XCTAssertEqual(outputs[0], outputs[1], "the same inputs give the same bytes")

    // A monitoring run rewrites metrics.prom (as the nightly does) and keeps the intraday
    // families of the last intraday run, once each.
    let ws = directory.path("ws-a")
    let before = try String(contentsOfFile: ws + "/reports/metrics.prom", encoding: .utf8)
    _ = try run(["monitor", "--workspace", ws, "--date", "2026-02-26"])
    let after = try String(contentsOfFile: ws + "/reports/metrics.prom", encoding: .utf8)
    XCTAssertTrue(after.contains("shelfcast_stage_duration_seconds{stage=\"monitor\"} "), after)
    let intraday = { (text: String) in
      text.split(separator: "\n").filter { $0.contains("shelfcast_intraday_") }
    }
    XCTAssertFalse(intraday(before).isEmpty)
    XCTAssertEqual(intraday(after), intraday(before))

    // A drop refused whole (no txn_id column) is refused input, exit 2, as for ingest.
    try directory.write(
      "date,store_id,sku_id,quantity\n\(day),S001,P00001,1\n", to: "drops-a/no-ids.csv")
    let refused = try ShelfCastProcess.run([
      "intraday", "--workspace", ws, "--date", day, "--at", "15:00", "--quiet",
      directory.path("drops-a/no-ids.csv"),
    ])
    XCTAssertEqual(refused.status, 2, refused.error)
    // Once the night has taken the day's sales, drops for that day are refused (exit 64)
    // rather than nowcast with no sales so far.
    _ = try run([
      "ingest", "--workspace", ws, "--as-of", day, chain + "/inbox/transactions_\(day).csv",
    ])
    let late = try ShelfCastProcess.run([
      "intraday", "--workspace", ws, "--date", day, "--at", "16:00", "--quiet",
      directory.path("drops-a/1400.csv"),
    ])
    XCTAssertEqual(late.status, 64, late.error)
    XCTAssertTrue(late.error.contains("already in the daily history"), late.error)
  }
}
