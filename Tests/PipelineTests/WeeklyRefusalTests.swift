import XCTest
import _TestSupport

/// A weekly workspace is refused with exit 64 and a message by every command that forecasts
/// day by day today, instead of reading its weeks as days; init, ingest, backtest, train,
/// forecast, recommend and explain take it (`WeeklyEndToEndTests`).
final class WeeklyRefusalTests: XCTestCase {
  func testCommandsThatDoNotReadWeeksRefuseAWeeklyWorkspace() throws {
    let directory = try TemporaryDirectory()
    let workspace = directory.path("ws")
    let initialised = try ShelfCastProcess.run([
      "init", "--workspace", workspace, "--grain", "weekly-friday",
    ])
    XCTAssertEqual(initialised.status, 0, initialised.error)
    let commands: [[String]] = [
      ["monitor"], ["retrain"],
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
