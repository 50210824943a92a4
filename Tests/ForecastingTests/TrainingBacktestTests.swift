import DemandCore
import Forecasting
import Models
import XCTest
import _TestSupport

/// The training report's backtest sums: what the registry's metrics and model cards are made of.
final class TrainingBacktestTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!

  /// One series, one candidate (a constant 4): the backtest is the last 3 × 7 days, a
  /// censored day among them is skipped, and the sums are those of |y − 4| written out here.
  func testSumsAreTheChosenForecastsErrorsOverUncensoredBacktestDays() throws {
    var random = SplitMix64(seed: 5)
    let values = (0..<80).map { _ in Double(random.next() % 9) }
    var censored = [Bool](repeating: false, count: 80)
    censored[70] = true
    let source = MemorySource.oneStore([values], lastDay: lastDay, censored: [censored])
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 120, ensembleSize: 1)
    let trainer = Trainer(
      catalog: MethodCatalog([.init(kind: "constant", Constant(value: 4))]),
      configuration: configuration, ridgeSettings: nil)
    let backtest = try trainer.train(source: source, lastDay: lastDay).report.backtest

    // By hand: days 59 … 79 of the series, without day 70.
    let scored = (59..<80).filter { $0 != 70 }
    let actual = scored.map { values[$0] }
    var expected = BacktestTally()
    expected.series = 1
    expected.points = 20
    expected.sumActual = actual.reduce(0, +)
    expected.sumAbsoluteError = actual.map { abs($0 - 4) }.reduce(0, +)
    expected.sumSquaredError = actual.map { ($0 - 4) * ($0 - 4) }.reduce(0, +)
    expected.sumError = actual.map { 4 - $0 }.reduce(0, +)
    XCTAssertEqual(backtest.selected, expected)
    XCTAssertEqual(backtest.byStore, ["S1": expected])
    XCTAssertEqual(backtest.byFamily, [ModelFamily.seasonalNaive.rawValue: expected])
    // About 4 units a day: a fast mover (threshold 1).
    XCTAssertEqual(
      backtest.bySegment,
      ["movers:fast": expected, "choice:single": expected, "category:dairy": expected])
    let rmse = try XCTUnwrap(expected.rmse)
    XCTAssertEqual(
      rmse, (expected.sumSquaredError / 20).squareRoot(), accuracy: 1e-12)
  }

  /// A new item has no backtest and adds nothing.
  func testSeriesWithoutABacktestAreInNoTally() throws {
    let source = MemorySource.oneStore([[3, 4, 5]], lastDay: lastDay)
    let trainer = Trainer(
      catalog: MethodCatalog([.init(kind: "constant", Constant(value: 4))]),
      configuration: ForecastConfiguration(
        horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
        historyWindowDays: 120),
      ridgeSettings: nil)
    let report = try trainer.train(source: source, lastDay: lastDay).report
    XCTAssertEqual(report.seriesByKind, ["new_item": 1])
    XCTAssertEqual(report.backtest, TrainingBacktest())
  }
}
