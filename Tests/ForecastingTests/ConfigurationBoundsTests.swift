import Forecasting
import XCTest

/// The day counts of a configuration are bounded above too: a history of 3,000,000,000 days
/// passed validation and then trapped in day arithmetic (SIGILL) in training.
final class ConfigurationBoundsTests: XCTestCase {
  func testDayCountsBeyondACenturyAreRefusedByTheirName() {
    let cases: [(ForecastConfiguration, String, String)] = [
      (
        ForecastConfiguration(historyWindowDays: 3_000_000_000), "history_days",
        "84 ... 36500 (at least 56 training days and the 28-day horizon)"
      ),
      (
        ForecastConfiguration(historyWindowDays: 83), "history_days",
        "84 ... 36500 (at least 56 training days and the 28-day horizon)"
      ),
      (ForecastConfiguration(newItemDays: 40_000), "new_item_days", "1 ... 36500"),
    ]
    for (configuration, setting, expected) in cases {
      XCTAssertThrowsError(try configuration.validate()) { error in
        guard case .invalidConfiguration(let name, _, let accepted) = error as? ForecastError else {
          return XCTFail("\(error)")
        }
        XCTAssertEqual(name, setting)
        XCTAssertEqual(accepted, expected)
      }
    }
    XCTAssertNoThrow(try ForecastConfiguration(historyWindowDays: 36_500).validate())
    XCTAssertNoThrow(try ForecastConfiguration(historyWindowDays: 84).validate())
  }
}
