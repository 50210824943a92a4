import DemandCore
import Forecasting
import Pipeline
import XCTest

/// A fitted set records the grain it was trained at, and is refused at the other grain: its
/// models and its day counts mean other periods there.
final class FittedSetGrainTests: XCTestCase {
  func testAWeeklySetIsRefusedByADailyWorkspaceAndTheReverse() throws {
    let grain = Grain.weekly(endingOn: .friday)
    let weekly = ForecastConfiguration.weekly(
      from: ForecastConfiguration(), horizon: 13, grain: grain)
    XCTAssertEqual(weekly.grain, grain)
    XCTAssertEqual(weekly.horizonDays, 13)
    let weeklySet = try FittedSet(
      configuration: weekly, lastTrainingDay: Day(iso: "2025-06-27")!, series: []
    ).encoded()
    let dailySet = try FittedSet(
      configuration: ForecastConfiguration(), lastTrainingDay: Day(iso: "2025-06-27")!,
      series: []
    ).encoded()
    XCTAssertEqual(
      try FittedSet.decode(
        weeklySet, catalog: StandardModels.catalog(for: grain), path: "w"
      ).configuration.grain, grain)
    XCTAssertNil(
      try FittedSet.decode(dailySet, catalog: StandardModels.catalog, path: "d")
        .configuration.grain)
    XCTAssertThrowsError(
      try FittedSet.decode(weeklySet, catalog: StandardModels.catalog(for: .daily), path: "w")
    ) { error in
      XCTAssertTrue(
        "\(error)".contains(
          "trained on a weekly ending friday workspace and this workspace is daily"),
        "\(error)")
    }
    XCTAssertThrowsError(
      try FittedSet.decode(dailySet, catalog: StandardModels.catalog(for: grain), path: "d")
    ) { error in
      XCTAssertTrue(
        "\(error)".contains("trained on a daily workspace and this workspace is weekly"),
        "\(error)")
    }
  }
}
