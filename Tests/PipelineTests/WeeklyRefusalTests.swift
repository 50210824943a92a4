import DemandCore
import Foundation
import XCTest
import _TestSupport

/// A weekly workspace is refused with exit 64 and a message by every command that forecasts
/// day by day today, instead of reading its weeks as days; init, ingest, backtest, train,
/// forecast, recommend, explain and monitor take it (`WeeklyEndToEndTests`).
final class WeeklyRefusalTests: XCTestCase {
  func testCommandsThatDoNotReadWeeksRefuseAWeeklyWorkspace() throws {
    let directory = try TemporaryDirectory()
    let workspace = directory.path("ws")
    let initialised = try ShelfCastProcess.run([
      "init", "--workspace", workspace, "--grain", "weekly-friday",
    ])
    XCTAssertEqual(initialised.status, 0, initialised.error)
    let commands: [[String]] = [
      ["retrain"],
      ["nightly", "--date", "2025-01-03"],
      ["simulate", "--truth", directory.path("none")],
      ["intraday", directory.path("none.csv")],
    ]
    for command in commands {
      let result = try ShelfCastProcess.run(
        [command[0], "--workspace", workspace] + command.dropFirst())
      XCTAssertEqual(result.status, 64, "\(command): \(result.error)")
      XCTAssertTrue(
        result.error.contains("is a weekly ending friday workspace"), "\(command): \(result.error)"
      )
    }
  }
}

/// The weekly backtest's text counts weeks, not days.
final class WeeklyBacktestTextTests: XCTestCase {
  func testBacktestTextSpeaksInWeeks() throws {
    let directory = try TemporaryDirectory()
    let workspace = directory.path("ws")
    try WeeklyMasterData.write(in: directory)
    // 80 Fridays from 2023-01-06, a yearly wave around 1,000.
    var demand = "store_id,sku_id,date,units\n"
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    let first = try XCTUnwrap(formatter.date(from: "2023-01-06"))
    for week in 0..<80 {
      let date = formatter.string(from: first.addingTimeInterval(Double(week) * 7 * 86_400))
      let units = 1000 + 200 * sin(2 * Double.pi * Double(week) / 52)
      demand += "1,1,\(date),\(String(format: "%.2f", units))\n"
    }
    try demand.write(toFile: directory.path("demand.csv"), atomically: true, encoding: .utf8)
    for arguments in [
      ["init", "--workspace", workspace, "--grain", "weekly-friday"],
      [
        "ingest", "--quiet", "--workspace", workspace, directory.path("stores.csv"),
        directory.path("skus.csv"), directory.path("demand.csv"),
      ],
      ["backtest", "--quiet", "--workspace", workspace, "--holdout-days", "4"],
    ] {
      let result = try ShelfCastProcess.run(arguments)
      XCTAssertEqual(result.status, 0, "\(arguments[0]): \(result.error)")
      if arguments[0] == "backtest" {
        XCTAssertTrue(result.output.contains("held out 4 weeks;"), result.output)
        XCTAssertTrue(result.output.contains("weeks ahead"), result.output)
        XCTAssertFalse(result.output.contains("days"), result.output)
      }
    }
  }
}

/// A weekly workspace too short for its holdout names the week-ending date its training would
/// end on, not the week's position read as a day (which printed dates in 1977).
final class WeeklyTooShortTests: XCTestCase {
  func testTheMessageNamesTheWeekEndingDate() throws {
    let directory = try TemporaryDirectory()
    let workspace = directory.path("ws")
    try WeeklyMasterData.write(in: directory)
    // Ten Fridays, 2023-01-06 … 2023-03-10.
    let fridays = (0..<10).map { Day(iso: "2023-01-06")!.adding(days: 7 * $0).iso }
    let demand = "store_id,sku_id,date,units\n" + fridays.map { "1,1,\($0),50\n" }.joined()
    try demand.write(toFile: directory.path("demand.csv"), atomically: true, encoding: .utf8)
    for arguments in [
      ["init", "--workspace", workspace, "--grain", "weekly-friday"],
      [
        "ingest", "--quiet", "--workspace", workspace, directory.path("stores.csv"),
        directory.path("skus.csv"), directory.path("demand.csv"),
      ],
    ] {
      let result = try ShelfCastProcess.run(arguments)
      XCTAssertEqual(result.status, 0, "\(arguments[0]): \(result.error)")
    }
    // 13 weeks held out before 2023-03-10: the training would end on Friday 2022-12-09.
    let result = try ShelfCastProcess.run([
      "backtest", "--quiet", "--workspace", workspace, "--holdout-days", "13",
    ])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(
      result.error.contains("no store/SKU has sales up to the week ending 2022-12-09"),
      result.error)
  }
}

/// One store and one SKU of category d1, the master data of the weekly command tests.
enum WeeklyMasterData {
  static func write(in directory: TemporaryDirectory) throws {
    try "store_id,open_date,name,format,size\n1,2023-01-01,Store 1,A,1000\n".write(
      toFile: directory.path("stores.csv"), atomically: true, encoding: .utf8)
    try "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days\n1,D1,d1,0,1,1,7\n"
      .write(toFile: directory.path("skus.csv"), atomically: true, encoding: .utf8)
  }
}
