import DemandCore
import Forecasting
import Models
import XCTest
import _TestSupport

final class BacktesterTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!

  func testScoresEveryFamilyTheSelectionAndTheOracleOnTheHeldOutDaysOnly() throws {
    // 100 days at 5 a day with a 100-unit spike on the last held-out day, censored: the spike
    // must not reach any metric.
    var values = [Double](repeating: 5, count: 100)
    var censored = [Bool](repeating: false, count: 100)
    values[99] = 100
    censored[99] = true
    let source = MemorySource.oneStore(
      [values, [Double](repeating: 1, count: 100)], lastDay: lastDay,
      censored: [censored, [Bool](repeating: false, count: 100)])
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 2, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 120, ensembleSize: 1)
    let trainer = Trainer(
      catalog: TrainerTests.catalog(), configuration: configuration, ridgeSettings: nil)
    let result = try Backtester(trainer: trainer).run(
      source: source, lastDay: lastDay, holdoutDays: 7,
      truth: { key in key.sku == SKUID("P0") ? [Double](repeating: 5, count: 7) : nil })
    XCTAssertEqual(result.lastTrainingDay, lastDay.adding(days: -7))
    func row(_ model: String, _ scope: Backtester.Scope) -> AccuracyMetrics? {
      result.metrics.first { $0.model == model && $0.scope == scope }?.metrics
    }
    // The window mean is exact on both series: 6 + 7 scored days, zero error.
    let selected = try XCTUnwrap(row("selected", .all))
    XCTAssertEqual(selected.points, 13)
    XCTAssertEqual(selected.wape, 0)
    XCTAssertEqual(selected.biasPercent, 0)
    // The constant 50 (filed under seasonal naive) has a mean that misses by 45 and 49 a day.
    // Its p50 is the count median of its mean with its backtest variance (45² and 49²):
    // φ = (V − 50) / 50², scipy.stats.nbinom.ppf(0.5, 1/φ, (1/φ) / (1/φ + 50)) = 37 and 35.
    // The median reads the mean's bias, it does not repair it (a per-series shift by the
    // residuals' median did, and was noisier on real-sized chains: docs/forecasting.md).
    let constant = try XCTUnwrap(row(ModelFamily.seasonalNaive.rawValue, .all))
    let squaredErrorMean: Double = (6 * 45 * 45 + 7 * 49 * 49) / 13
    let absoluteErrorMean: Double = (6 * 32 + 7 * 34) / 13
    assertClose(
      [constant.rmse, constant.mae], [squaredErrorMean.squareRoot(), absoluteErrorMean],
      relativeTolerance: 1e-12)
    // Fast movers average ≥ 1 unit a day: both series here.
    XCTAssertEqual(row("selected", .fast)?.points, 13)
    XCTAssertNil(row("selected", .slow))
    // The oracle is scored only where the truth is known: series P0's 6 uncensored days.
    XCTAssertEqual(row("oracle", .all)?.points, 6)
    XCTAssertEqual(row("oracle", .all)?.wape, 0)
    XCTAssertEqual(result.holdout.count, 14)
    XCTAssertEqual(result.holdout.filter(\.censored).count, 1)
    XCTAssertEqual(result.series.map(\.model), ["WindowMean(7)", "WindowMean(7)"])
  }

  func testWindowsForecastFromLaterOriginsWithTheModelsTrainedBeforeTheFirst() throws {
    // 120 days: a level of 5, then 9 from 9 days before the last day (day 110 of 0 … 119).
    let values = (0..<120).map { $0 < 110 ? 5.0 : 9.0 }
    let source = MemorySource.oneStore(
      [values, (0..<120).map { Double($0 % 3) }], lastDay: lastDay)
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 2, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 120, ensembleSize: 1)
    let backtester = Backtester(
      trainer: Trainer(
        catalog: TrainerTests.catalog(), configuration: configuration, ridgeSettings: nil))
    let result = try backtester.run(
      source: source, lastDay: lastDay, holdoutDays: 7, windows: 3, stepDays: 2,
      truth: { _ in [Double](repeating: 5, count: 11) })
    // Trained through the day before the first window's held-out days: 7 + 2 × 2 days back.
    let trainedThrough = lastDay.adding(days: -11)
    XCTAssertEqual(result.lastTrainingDay, trainedThrough)
    XCTAssertEqual(result.windows.map(\.origin), [0, 2, 4].map { trainedThrough.adding(days: $0) })
    XCTAssertEqual(result.holdout.count, 3 * 2 * 7)
    for row in result.holdout {
      // No score uses a forecast whose models saw the scored day, and every forecast reads
      // only history up to its origin.
      XCTAssertGreaterThan(row.day, trainedThrough)
      XCTAssertTrue((1...7).contains(row.origin.days(to: row.day)), "\(row)")
    }
    // Handed to a sink, the same rows come store by store and are not kept in the result.
    var streamed: [Backtester.HoldoutRow] = []
    let sunk = try backtester.run(
      source: source, lastDay: lastDay, holdoutDays: 7, windows: 3, stepDays: 2,
      truth: { _ in [Double](repeating: 5, count: 11) },
      holdoutSink: { streamed.append(contentsOf: $0) })
    XCTAssertEqual(streamed, result.holdout)
    XCTAssertTrue(sunk.holdout.isEmpty)
    XCTAssertEqual(sunk.metrics, result.metrics)
    // The first window is exactly a one-window backtest ending 4 days earlier.
    let first = try backtester.run(
      source: source, lastDay: lastDay.adding(days: -4), holdoutDays: 7,
      truth: { _ in [Double](repeating: 5, count: 7) })
    XCTAssertEqual(
      result.holdout.filter { $0.origin == trainedThrough }, first.holdout)
    // Later windows re-read the history up to their origin (days 108, 110, 112): the last
    // one's 7-day mean has seen three days at 9, the first one's none.
    let p0 = result.holdout.filter { $0.key.sku == SKUID("P0") }
    let lastOrigin = trainedThrough.adding(days: 4)
    let fromFirst = try XCTUnwrap(p0.first { $0.origin == trainedThrough }).mean
    let fromLast = try XCTUnwrap(p0.first { $0.origin == lastOrigin }).mean
    XCTAssertEqual(fromFirst, 5, accuracy: 1e-12)
    let lastOriginMean: Double = (4 * 5 + 3 * 9) / 7
    XCTAssertEqual(fromLast, lastOriginMean, accuracy: 1e-12)
    // Per-day and per-week rows cover the same points as the selected mix overall.
    let selected = try XCTUnwrap(
      result.metrics.first { $0.model == "selected" && $0.scope == .all }?.metrics)
    let days = result.horizons.filter { $0.horizonDays.count == 1 }
    XCTAssertEqual(days.map(\.horizonDays.lowerBound), Array(1...7))
    XCTAssertEqual(days.map(\.metrics.points).reduce(0, +), selected.points)
    XCTAssertEqual(result.horizons.last?.horizonDays, 1...7)
    XCTAssertEqual(result.horizons.last?.metrics.points, selected.points)
    XCTAssertEqual(result.windows.map(\.metrics.points).reduce(0, +), selected.points)
    // The oracle reads its truth window by window from the 11 days it is given.
    XCTAssertEqual(
      result.metrics.first { $0.model == "oracle" && $0.scope == .all }?.metrics.points,
      selected.points)
  }

  /// With the truth's quantiles the oracle's median is the true p50 (absolute errors score it)
  /// while its mean stays the expected units (squared errors and bias score that).
  func testTheOracleForecastsTheTruthsQuantilesWhenGiven() throws {
    let source = MemorySource.oneStore(
      [[Double](repeating: 5, count: 100)], lastDay: lastDay,
      censored: [[Bool](repeating: false, count: 100)])
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 2, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 120, ensembleSize: 1)
    let trainer = Trainer(
      catalog: TrainerTests.catalog(), configuration: configuration, ridgeSettings: nil)
    let result = try Backtester(trainer: trainer).run(
      source: source, lastDay: lastDay, holdoutDays: 7,
      truth: { _ in [Double](repeating: 5, count: 7) },
      truthQuantiles: { _ in
        [
          [Double](repeating: 2, count: 7), [Double](repeating: 4, count: 7),
          [Double](repeating: 6, count: 7),
        ]
      })
    let oracle = try XCTUnwrap(
      result.metrics.first { $0.model == "oracle" && $0.scope == .all }?.metrics)
    XCTAssertEqual(oracle.points, 7)
    XCTAssertEqual(oracle.mae, 1, accuracy: 1e-12, "|5 − p50 4| a day")
    XCTAssertEqual(oracle.wape, 0.2, accuracy: 1e-12)
    XCTAssertEqual(oracle.rmse, 0, accuracy: 1e-12, "the mean is exact")
    XCTAssertEqual(oracle.coverage80, 1, accuracy: 1e-12, "5 lies in 2...6 every day")
  }
}
