import Foundation
import Inventory
import Monitoring
import Pipeline
import XCTest

final class ConfigurationFileTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func file(_ text: String) throws -> String {
    let path = directory.appendingPathComponent("inventory.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private func message(_ text: String) throws -> String {
    do {
      _ = try ConfigurationFile.inventorySettings(path: try file(text))
      return "no error"
    } catch PipelineError.invalidArgument(let message) { return message }
  }

  func testMissingKeysKeepTheirDefaultsAndCategoriesOverride() throws {
    let settings = try ConfigurationFile.inventorySettings(
      path: try file(
        """
        review_days: 5
        service_levels: {B: 0.97}
        categories:
          dairy:
            review_days: 2
            service_levels: {A: 0.995}
        """))
    XCTAssertEqual(settings.reviewDays, 5)
    XCTAssertEqual(settings.serviceLevels, .init(a: 0.98, b: 0.97, c: 0.90))
    XCTAssertEqual(settings.holdingCostRate, 0.25)
    XCTAssertEqual(settings.reviewDays(category: "dairy"), 2)
    XCTAssertEqual(settings.reviewDays(category: "bakery"), 5)
    XCTAssertEqual(settings.serviceLevel(.a, category: "dairy"), 0.995)
    XCTAssertEqual(settings.serviceLevel(.b, category: "dairy"), 0.97)
    XCTAssertEqual(try ConfigurationFile.inventorySettings(path: try file("")), InventorySettings())
  }

  /// Ordering on Tuesdays: from a Tuesday order 0 days to the review, from a Wednesday 6, from a
  /// Monday 1; without a weekday every day is a review.
  func testReviewWeekdayGivesTheDaysToTheNextReview() throws {
    let settings = try ConfigurationFile.inventorySettings(
      path: try file("review_weekday: Tuesday\n"))
    XCTAssertEqual(settings.daysUntilReview(weekdayIndex: 1), 0)
    XCTAssertEqual(settings.daysUntilReview(weekdayIndex: 2), 6)
    XCTAssertEqual(settings.daysUntilReview(weekdayIndex: 0), 1)
    XCTAssertEqual(InventorySettings().daysUntilReview(weekdayIndex: 4), 0)
  }

  /// `currency` is an ISO 4217 code or nothing: `EUR` and an empty value pass, `euro` does not.
  func testCurrencyIsAThreeLetterCode() throws {
    XCTAssertNoThrow(try InventorySettings(currency: "EUR").validate())
    XCTAssertNoThrow(try InventorySettings().validate())
    XCTAssertThrowsError(try InventorySettings(currency: "euro").validate())
  }

  func testUnknownKeysAreRefusedWithTheirPosition() throws {
    XCTAssertEqual(
      try message("review_days: 5\nservice_level: {A: 0.99}\n").components(separatedBy: ": ")
        .dropFirst().joined(separator: ": "),
      "unknown setting service_level; known: categories, cover_correlation, currency, "
        + "holding_cost_rate, overstock_days, review_days, review_weekday, service_levels, "
        + "stockout_penalty.")
    XCTAssertTrue(try message("review_days: 5\nservice_level: 1\n").contains("(line 2, column 1)"))
    XCTAssertTrue(
      try message("categories:\n  dairy:\n    service_levels: {D: 0.9}\n").contains(
        "unknown setting categories.dairy.service_levels.D"))
  }

  func testOutOfRangeAndMistypedValuesNameTheSetting() throws {
    XCTAssertTrue(
      try message("service_levels: {A: 98}\n").hasSuffix(
        "service_levels.A is 98.0; expected between 0 and 1, e.g. 0.95."))
    // With the setting's line and column in the file (the value 1.2 on line 3, column 6).
    XCTAssertTrue(
      try message("review_days: 7\nservice_levels:\n  A: 1.2\n").hasSuffix(
        " (line 3, column 6): service_levels.A is 1.2; expected between 0 and 1, e.g. 0.95."))
    XCTAssertTrue(
      try message("categories:\n  dairy:\n    review_days: 0\n").hasSuffix(
        "categories.dairy.review_days is 0; expected 1 … 91 days."))
    XCTAssertTrue(try message("review_days: weekly\n").contains("review_days"))
    XCTAssertTrue(
      try message("review_weekday: someday\n").hasSuffix(
        "review_weekday is someday; expected monday … sunday."))
    XCTAssertTrue(try message("review_days: [\n").contains("not valid YAML"))
  }

  /// A value of the wrong kind names the setting as written, where it is and what it needs,
  /// not the decoder's wording ("Expected to decode Int but found Scalar instead").
  func testAValueOfTheWrongKindSaysWhereAndWhatItNeeds() throws {
    func nightly(_ text: String) throws -> String {
      let path = try file(text)
      do {
        _ = try ConfigurationFile.nightly(path: path)
        return "no error"
      } catch PipelineError.invalidArgument(let message) {
        return String(message.dropFirst(path.count))
      }
    }
    XCTAssertEqual(
      try nightly("training:\n  horizon_days: abc\n"),
      " (line 2, column 17): training.horizon_days needs a whole number (it is 'abc').")
    XCTAssertEqual(
      try nightly("explain_items: 2.5\n"),
      " (line 1, column 16): explain_items needs a whole number (it is '2.5').")
    XCTAssertEqual(
      try nightly("expected_inputs: [sales, bananas]\n"),
      " (line 1, column 26): expected_inputs[1] 'bananas' is not an accepted value.")
    XCTAssertEqual(
      try nightly("drift:\n  alpha: x\n"),
      " (line 2, column 10): drift.alpha needs a number (it is 'x').")
    XCTAssertEqual(
      try message("review_days: weekly\n").split(separator: ":", maxSplits: 1).last.map(
        String.init),
      " review_days needs a whole number (it is 'weekly').")
    let missing = directory.appendingPathComponent("nosuch.yaml").path
    XCTAssertThrowsError(try ConfigurationFile.nightly(path: missing)) { error in
      XCTAssertEqual(
        error as? PipelineError, .invalidArgument("\(missing): no such configuration file."))
    }
  }

  // MARK: - Monitoring settings

  func monitoringMessage(_ text: String) throws -> String {
    do {
      _ = try ConfigurationFile.monitoringSettings(path: try file(text))
      return "no error"
    } catch PipelineError.invalidArgument(let message) { return message }
  }

  func testMonitoringSettingsKeepTheirDefaultsAndTakeWhatTheFileNames() throws {
    let settings = try ConfigurationFile.monitoringSettings(
      path: try file("accuracy_tolerance: 0.2\nbias_limit_pct: 15\nsubgroup_minimum_points: 50\n"))
    XCTAssertEqual(
      settings,
      MonitoringSettings(
        windowDays: 28, accuracyTolerance: 0.2, biasLimitPercent: 15, subgroupMargin: 0.25,
        subgroupMinimumPoints: 50, scaleHistoryDays: 364))
    XCTAssertEqual(
      try ConfigurationFile.monitoringSettings(path: try file("")), MonitoringSettings())
    XCTAssertEqual(
      try ConfigurationFile.monitoringSettings(
        path: try file("window_days: 14\nsubgroup_margin: 0.5\nscale_history_days: 182\n")),
      MonitoringSettings(windowDays: 14, subgroupMargin: 0.5, scaleHistoryDays: 182))
  }

  func testMonitoringSettingsRefuseUnknownKeysAndValuesOutOfRange() throws {
    let unknown = try monitoringMessage("window_days: 28\nbias_limit: 5\n")
    XCTAssertTrue(
      unknown.contains("(line 2, column 1): unknown setting bias_limit; known: "), unknown)
    XCTAssertTrue(
      unknown.hasSuffix(
        "accuracy_tolerance, bias_limit_pct, detail_horizons, drift, scale_history_days, "
          + "subgroup_margin, subgroup_minimum_points, window_days."), unknown)
    XCTAssertTrue(
      try monitoringMessage("bias_limit_pct: 0\n").hasSuffix(
        "bias_limit_pct is 0.0; expected percent above 0, e.g. 10."))
    XCTAssertTrue(
      try monitoringMessage("window_days: 3\n").hasSuffix(
        "window_days is 3; expected 7 … 366 days."))
    XCTAssertTrue(try monitoringMessage("subgroup_margin: wide\n").contains("subgroup_margin"))
    XCTAssertTrue(try monitoringMessage("- 1\n").contains("must be a mapping"))
  }
}

extension ConfigurationFileTests {
  /// The monitoring file's `drift:` section: what it names replaces the default, unknown keys
  /// are refused with their position.
  func testDriftSectionOfTheMonitoringConfiguration() throws {
    let path = try file("bias_limit_pct: 15\ndrift:\n  alpha: 0.01\n")
    XCTAssertEqual(try ConfigurationFile.monitoringSettings(path: path).biasLimitPercent, 15)
    var expected = DriftSettings()
    expected.alpha = 0.01
    XCTAssertEqual(try ConfigurationFile.driftSettings(path: path), expected)
    XCTAssertEqual(
      try ConfigurationFile.driftSettings(path: try file("window_days: 28\n")), DriftSettings())
    let unknown = try monitoringMessage("drift:\n  alfa: 0.01\n")
    XCTAssertTrue(unknown.contains("(line 2, column 3): unknown setting drift.alfa"), unknown)
  }
}
