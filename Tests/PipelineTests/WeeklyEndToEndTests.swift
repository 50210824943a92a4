import DemandCore
import Foundation
import XCTest
import _TestSupport

/// A weekly workspace through the commands, as a user runs them: `init --grain weekly-friday`,
/// `ingest`, `train`, `forecast`, `recommend`, on 120 weeks of constant weekly demand whose
/// forecast and order are known by hand.
final class WeeklyEndToEndTests: XCTestCase {
  /// The last week-ending date of the history, a Friday.
  static let lastFriday = Day(iso: "2025-06-27")!
  static let weeks = 120
  /// Units per week of each SKU, the same in both stores and every week.
  static let unitsPerWeek = ["P1": 50, "P2": 12]

  /// Writes the chain's files into `folder`: 2 stores × 2 SKUs, 120 weeks, and a stock
  /// snapshot on the last Friday. `perturbAfter`: weeks after this date get other values
  /// (the look-ahead check).
  static func writeChain(into folder: String, perturbAfter: Day? = nil) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    func write(_ name: String, _ lines: [String]) throws {
      try (lines.joined(separator: "\n") + "\n").write(
        toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    try write(
      "stores.csv",
      ["store_id,open_date,name", "S1,2020-01-01,North", "S2,2020-01-01,South"])
    try write(
      "skus.csv",
      [
        "sku_id,category,unit_cost,unit_price,case_pack,lead_time_days",
        "P1,pantry,2.00,3.00,1,10", "P2,pantry,1.00,2.00,1,3",
      ])
    var demand = ["store_id,sku_id,date,units"]
    for store in ["S1", "S2"] {
      for sku in ["P1", "P2"] {
        for week in 0..<weeks {
          let date = lastFriday.adding(days: -7 * (weeks - 1 - week))
          var units = unitsPerWeek[sku]!
          if let perturbAfter, date > perturbAfter { units = units * 3 + week % 5 }
          demand.append("\(store),\(sku),\(date.iso),\(units)")
        }
      }
    }
    try write("demand.csv", demand)
    try write(
      "stock.csv",
      [
        "store_id,sku_id,on_hand,on_order,date",
        "S1,P1,30,0,\(lastFriday.iso)", "S1,P2,5,0,\(lastFriday.iso)",
        "S2,P1,400,0,\(lastFriday.iso)", "S2,P2,40,0,\(lastFriday.iso)",
      ])
  }

  /// A weekly workspace with the chain ingested.
  static func ingestedWorkspace(_ directory: TemporaryDirectory, _ name: String, perturbAfter: Day?)
    throws -> String
  {
    let workspace = directory.path(name)
    let files = directory.path(name + "-files")
    try writeChain(into: files, perturbAfter: perturbAfter)
    let initialised = try ShelfCastProcess.run([
      "init", "--workspace", workspace, "--grain", "weekly-friday",
    ])
    XCTAssertEqual(initialised.status, 0, initialised.error)
    let ingested = try ShelfCastProcess.run(["ingest", "--workspace", workspace, "--quiet", files])
    XCTAssertEqual(ingested.status, 0, ingested.error + ingested.output)
    return workspace
  }

  /// Rows of a CSV as dictionaries by header name.
  static func rows(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      // The fields tested here hold no commas (the reason column may; it is read last).
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(
        zip(header, fields).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }
  }

  /// The smallest k with P(Poisson(mean) ≤ k) ≥ level, summed term by term.
  static func poissonQuantile(mean: Double, level: Double) -> Int {
    var term = exp(-mean)
    var total = term
    var k = 0
    while total < level {
      k += 1
      term *= mean / Double(k)
      total += term
    }
    return k
  }

  func testTrainForecastAndRecommendOnAWeeklyWorkspace() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Self.ingestedWorkspace(directory, "ws", perturbAfter: nil)
    let trained = try ShelfCastProcess.run(["train", "--workspace", workspace, "--quiet"])
    XCTAssertEqual(trained.status, 0, trained.error)
    // The model card speaks of weeks.
    let card = try String(contentsOfFile: workspace + "/reports/models/v0001.md", encoding: .utf8)
    XCTAssertTrue(card.contains("for the next 13 weeks after a week-ending run date"), card)
    XCTAssertTrue(card.contains("3 rolling origins × 13 weeks"), card)

    let forecast = try ShelfCastProcess.run(["forecast", "--workspace", workspace, "--quiet"])
    XCTAssertEqual(forecast.status, 0, forecast.error)
    let forecastPath = workspace + "/reports/\(Self.lastFriday.iso)/forecast.csv"
    let rows = try Self.rows(forecastPath)
    // 4 series × 13 weeks (the default horizon), every date a Friday after the last one.
    XCTAssertEqual(rows.count, 4 * 13)
    let expectedDates = (1...13).map { Self.lastFriday.adding(days: 7 * $0).iso }
    for store in ["S1", "S2"] {
      for sku in ["P1", "P2"] {
        let series = rows.filter { $0["store_id"] == store && $0["sku_id"] == sku }
        XCTAssertEqual(series.map { $0["date"] ?? "" }, expectedDates, "\(store)/\(sku)")
        for row in series {
          let p50 = try XCTUnwrap(row["p50"].flatMap(Double.init))
          XCTAssertEqual(p50, Double(Self.unitsPerWeek[sku]!), accuracy: 0.5, "\(row)")
          XCTAssertNotNil(row["p10"].flatMap(Double.init))
          XCTAssertNotNil(row["p90"].flatMap(Double.init))
        }
      }
    }
    for date in expectedDates {
      XCTAssertEqual(Day(iso: date)?.weekdayIndex, 4, "\(date) is not a Friday")
    }

    let recommended = try ShelfCastProcess.run(["recommend", "--workspace", workspace, "--quiet"])
    XCTAssertEqual(recommended.status, 0, recommended.error)
    let recommendations = try Self.rows(
      workspace + "/reports/\(Self.lastFriday.iso)/recommendations.csv")
    XCTAssertEqual(recommendations.count, 4)
    let row = try XCTUnwrap(
      recommendations.first { $0["store_id"] == "S1" && $0["sku_id"] == "P1" })
    // Lead time 10 days → 2 weeks, review 7 days → 1 week: the cover is 3 weeks of 50 units,
    // a count of mean 150 whose spread is the Poisson floor (constant history: no error).
    let level = try XCTUnwrap(row["service_level"].flatMap(Double.init))
    let orderUpTo = Self.poissonQuantile(mean: 150, level: level)
    XCTAssertEqual(row["order_up_to"].flatMap(Double.init), Double(orderUpTo), "\(row)")
    XCTAssertEqual(
      row["recommended_order_qty"].flatMap(Double.init), Double(orderUpTo - 30), "\(row)")
    XCTAssertEqual(row["order_date"], "2025-06-28")
    XCTAssertEqual(row["expected_delivery_date"], "2025-07-08")
    // On hand 30 against 50 a week: 4.2 days of cover.
    XCTAssertEqual(row["days_of_cover"].flatMap(Double.init) ?? 0, 4.2, accuracy: 0.05)

    // explain decomposes the same weeks, dated as the forecast.
    let explained = try ShelfCastProcess.run([
      "explain", "--workspace", workspace, "--store", "S1", "--sku", "P1", "--days", "2",
    ])
    XCTAssertEqual(explained.status, 0, explained.error)
    XCTAssertTrue(
      explained.output.contains(
        "forecast issued on 2025-06-27 for 2025-07-04 … \(expectedDates[12])"),
      explained.output)
    XCTAssertTrue(
      explained.output.contains("\n2025-07-04 Fri: issued mean 50.000"), explained.output)
    XCTAssertTrue(
      explained.output.contains("\n2025-07-11 Fri: issued mean 50.000"), explained.output)
    XCTAssertFalse(explained.output.contains("2025-07-18 Fri:"), explained.output)
    // Every week of the history sold 50: the value a year ago is 50, and it is what was issued.
    XCTAssertTrue(
      explained.output.contains(
        "\n2025-07-04 Fri: issued mean 50.000, p50 50.000\n"
          + "  SeasonalNaive(52) 50.000 = same week last year 50.000 [issued]\n"),
      explained.output)
    XCTAssertTrue(explained.output.contains("Each week lists the models"), explained.output)
  }

  /// The forecast made at week t by a set trained through week t is the same whatever the
  /// weeks after t hold.
  func testTheForecastAtAWeekIgnoresTheWeeksAfterIt() throws {
    let directory = try TemporaryDirectory()
    let cutOff = Self.lastFriday.adding(days: -7 * 10)
    var files: [Data] = []
    for (name, perturb) in [("plain", false), ("perturbed", true)] {
      let workspace = try Self.ingestedWorkspace(
        directory, name, perturbAfter: perturb ? cutOff : nil)
      let trained = try ShelfCastProcess.run([
        "train", "--workspace", workspace, "--quiet", "--as-of", cutOff.iso,
        "--horizon-weeks", "4",
      ])
      XCTAssertEqual(trained.status, 0, trained.error)
      let forecast = try ShelfCastProcess.run([
        "forecast", "--workspace", workspace, "--quiet", "--date", cutOff.iso,
      ])
      XCTAssertEqual(forecast.status, 0, forecast.error)
      files.append(
        try Data(
          contentsOf: URL(fileURLWithPath: workspace + "/reports/\(cutOff.iso)/forecast.csv")))
    }
    XCTAssertEqual(files[0], files[1])
    XCTAssertEqual(
      String(decoding: files[0], as: UTF8.self).split(separator: "\n").count, 1 + 4 * 4)
  }

  /// `monitor` on a weekly workspace: the forecasts archived 4 weeks before the last Friday,
  /// against weeks that sold 3 × the history (plus week % 5), at the default detail horizons
  /// (7, 14 and 28 days: weeks 1, 2 and 4). The weeks before the cut-off are constant, so no
  /// series has a MASE scale; the drift tests, which read days, are skipped.
  func testMonitorScoresTheArchivedWeeks() throws {
    let directory = try TemporaryDirectory()
    let cutOff = Self.lastFriday.adding(days: -28)
    let workspace = try Self.ingestedWorkspace(directory, "ws", perturbAfter: cutOff)
    for arguments in [
      ["train", "--workspace", workspace, "--quiet", "--as-of", cutOff.iso],
      ["forecast", "--workspace", workspace, "--quiet", "--date", cutOff.iso],
    ] {
      let result = try ShelfCastProcess.run(arguments)
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.error)")
    }
    let thursday = Self.lastFriday.adding(days: -1).iso
    let refused = try ShelfCastProcess.run([
      "monitor", "--workspace", workspace, "--date", thursday,
    ])
    XCTAssertEqual(refused.status, 64, refused.error)
    XCTAssertTrue(refused.error.contains("is a thursday"), refused.error)
    let monitored = try ShelfCastProcess.run(["monitor", "--workspace", workspace])
    XCTAssertEqual(monitored.status, 0, monitored.error)
    XCTAssertTrue(monitored.error.contains("drift tests read days"), monitored.error)
    let night = workspace + "/reports/\(Self.lastFriday.iso)"
    XCTAssertFalse(FileManager.default.fileExists(atPath: night + "/drift.csv"))
    let rows = try Self.rows(night + "/forecast_vs_actual.csv")
    XCTAssertEqual(rows.count, 4 * 3)
    for store in ["S1", "S2"] {
      for sku in ["P1", "P2"] {
        let series = rows.filter { $0["store_id"] == store && $0["sku_id"] == sku }
        XCTAssertEqual(series.map { $0["horizon_days"] ?? "" }, ["7", "14", "28"])
        for row in series {
          let date = try XCTUnwrap(row["date"].flatMap { Day(iso: $0) })
          XCTAssertEqual(row["issued_on"], cutOff.iso)
          XCTAssertEqual(cutOff.days(to: date), Int(row["horizon_days"] ?? ""))
          // The week's index in the chain file, and what it sold.
          let week = Self.weeks - 1 - date.days(to: Self.lastFriday) / 7
          let sold = Self.unitsPerWeek[sku]! * 3 + week % 5
          XCTAssertEqual(row["actual"].flatMap(Double.init), Double(sold), "\(row)")
          let mean = try XCTUnwrap(row["mean"].flatMap(Double.init))
          XCTAssertEqual(mean, Double(Self.unitsPerWeek[sku]!), accuracy: 0.5, "\(row)")
          let error = try XCTUnwrap(row["error"].flatMap(Double.init))
          XCTAssertEqual(error, Double(sold) - mean, accuracy: 0.0015, "\(row)")
          XCTAssertEqual(row["mase_scale"], "", "constant weeks before the window: no scale")
        }
      }
    }
  }

  /// A horizon in days on a weekly workspace, and a run date that is no week end, are refused.
  func testDaysAndOtherWeekdaysAreRefused() throws {
    let directory = try TemporaryDirectory()
    let workspace = try Self.ingestedWorkspace(directory, "ws", perturbAfter: nil)
    let trained = try ShelfCastProcess.run([
      "train", "--workspace", workspace, "--quiet", "--horizon-weeks", "2",
    ])
    XCTAssertEqual(trained.status, 0, trained.error)
    let days = try ShelfCastProcess.run([
      "forecast", "--workspace", workspace, "--quiet", "--horizon", "14",
    ])
    XCTAssertEqual(days.status, 64)
    XCTAssertTrue(days.error.contains("--horizon-weeks"), days.error)
    let thursday = try ShelfCastProcess.run([
      "forecast", "--workspace", workspace, "--quiet", "--date",
      Self.lastFriday.adding(days: -1).iso,
    ])
    XCTAssertEqual(thursday.status, 64)
    XCTAssertTrue(thursday.error.contains("week-ending"), thursday.error)
  }
}
