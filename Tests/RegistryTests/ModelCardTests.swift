import DemandCore
import Forecasting
import History
import Registry
import XCTest

/// Model cards and the metrics they show.
final class ModelCardTests: XCTestCase {
  private func tally(points: Int, actual: Double, absolute: Double) -> BacktestTally {
    var tally = BacktestTally()
    tally.series = 1
    tally.points = points
    tally.sumActual = actual
    tally.sumAbsoluteError = absolute
    tally.sumSquaredError = absolute * absolute
    return tally
  }

  /// Stores' tallies are added up by their master-data region and format.
  func testMetricsGroupStoresByRegionAndFormat() {
    var backtest = TrainingBacktest()
    backtest.byStore = [
      "S1": tally(points: 10, actual: 100, absolute: 20),
      "S2": tally(points: 5, actual: 50, absolute: 25),
      "S3": tally(points: 1, actual: 10, absolute: 1),
      "S9": tally(points: 2, actual: 4, absolute: 4),
    ]
    let stores = [
      StoreRecord(id: StoreID("S1"), name: "a", region: "North", format: "super", openDay: nil),
      StoreRecord(id: StoreID("S2"), name: "b", region: "North", format: "corner", openDay: nil),
      StoreRecord(id: StoreID("S3"), name: "c", region: "South", format: "super", openDay: nil),
    ]
    let metrics = ModelMetrics(backtest: backtest, stores: stores)
    XCTAssertEqual(metrics.byRegion.keys.sorted(), ["North", "South", "unknown"])
    let north = try! XCTUnwrap(metrics.byRegion["North"])
    XCTAssertEqual(north.points, 15)
    XCTAssertEqual(north.series, 2)
    // (20 + 25) / (100 + 50)
    XCTAssertEqual(north.wape!, 0.3, accuracy: 1e-15)
    XCTAssertEqual(metrics.byFormat["super"]?.sumAbsoluteError, 21)
    XCTAssertEqual(metrics.byFormat["unknown"]?.points, 2, "a store missing from master data")
  }

  func testTheCardHasEverySectionAndTheFigures() throws {
    let fixture = try RegistryFixture()
    let id = try fixture.registry.register(fixture.candidate(horizon: 14, reason: "weekly")).id
    _ = try fixture.registry.promote(id, reason: "first model")
    let card = ModelCard.markdown(version: try fixture.registry.show(id))
    for section in [
      "# Model card: v0001", "## Intended use", "## Data window", "## Features and models",
      "## Metrics", "### Overall", "### By region", "### By format", "### By model family",
      "## Known limitations", "## Status and approval", "## Configuration",
    ] {
      XCTAssertTrue(card.contains(section), "missing \(section)")
    }
    XCTAssertTrue(card.contains("next 14 days"), card)
    XCTAssertTrue(
      card.contains("History window from 2025-04-01 through 2026-03-31 (365 days)"), card)
    // The fixture's tally: 10 days, Σy 50, Σ|e| 14, Σe² 196 → WAPE 28.0 %, MAE 1.400,
    // RMSE √19.6 = 4.427.
    XCTAssertTrue(card.contains("| North | 1 | 10 | 28.0 % | 1.400 | 4.427 | 0.0 % |"), card)
    XCTAssertTrue(card.contains("| supermarket | 1 | 10 | 28.0 % |"), card)
    XCTAssertTrue(card.contains("Status: **champion**."), card)
    XCTAssertTrue(
      card.contains(
        "Promoted to champion by ana@shop-01 at 2026-01-02T03:04:05.250Z: first model."), card)
    XCTAssertTrue(card.contains("`0123abc`"), "code version")
    XCTAssertTrue(card.contains("| Trigger | manual: weekly |"), card)
  }

  func testACandidatesCardSaysItWasNeverPromoted() throws {
    let fixture = try RegistryFixture()
    let id = try fixture.registry.register(fixture.candidate(horizon: 7)).id
    let card = ModelCard.markdown(version: try fixture.registry.show(id))
    XCTAssertTrue(card.contains("Status: **candidate**."))
    XCTAssertTrue(card.contains("Never promoted."))
  }

  /// A weekly set's card says its selection kept a whole season before each origin; a daily
  /// one's does not mention it.
  func testAWeeklyCardNamesTheSeasonKeptBeforeTheOrigins() throws {
    let fixture = try RegistryFixture()
    var weekly = ForecastConfiguration(horizonDays: 13, minimumTrainingDays: 26)
    weekly.grain = .weekly(endingOn: .friday)
    weekly.seasonalTrainingDays = 52
    let weeklyID = try fixture.registry.register(
      fixture.candidate(horizon: 13, configuration: weekly)
    ).id
    let weeklyCard = ModelCard.markdown(version: try fixture.registry.show(weeklyID))
    XCTAssertTrue(
      weeklyCard.contains(
        "too young to keep 26 weeks before each, and only those that keep 52 weeks, a whole "
          + "season, before them when a series can); "), weeklyCard)
    let dailyID = try fixture.registry.register(fixture.candidate(horizon: 7)).id
    let dailyCard = ModelCard.markdown(version: try fixture.registry.show(dailyID))
    XCTAssertTrue(dailyCard.contains("too young to keep 56 days before each); "), dailyCard)
  }
}
