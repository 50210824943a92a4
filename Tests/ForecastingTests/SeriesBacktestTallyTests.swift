import DemandCore
import Forecasting
import XCTest
import _TestSupport

/// The backtest WAPE a fitted set records for monitoring: Σ|y − mean| / Σy over the chosen
/// combination's uncensored backtest days.
final class SeriesBacktestTallyTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!
  let configuration = ForecastConfiguration(
    horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
    historyWindowDays: 120, ensembleSize: 1)

  /// With one model forecasting 50 every day, the backtest days are t = 79 … 99 (3 origins × 7
  /// of 100 days), the error on each is 50 − y (y ∈ 3 … 7), so the WAPE is Σ(50 − y) / Σy over
  /// those days minus the censored ones; the series recomputes it from its own values here.
  func testTheReportsBacktestWAPEIsTheChosenModelsOverUncensoredBacktestDays() throws {
    let series = (0..<100).map { (t: Int) -> Double in Double(3 + (t * 7) % 5) }
    var censored = [Bool](repeating: false, count: 100)
    censored[95] = true
    censored[40] = true  // before the backtest: changes nothing
    let source = MemorySource.oneStore([series], lastDay: lastDay, censored: [censored])
    let catalog = MethodCatalog([.init(kind: "constant", Constant(value: 50))])
    let result = try Trainer(catalog: catalog, configuration: configuration, ridgeSettings: nil)
      .train(source: source, lastDay: lastDay)
    let scored = (79..<100).filter { $0 != 95 }
    let actual = scored.reduce(0.0) { $0 + series[$1] }
    let absolute = scored.reduce(0.0) { $0 + (50 - series[$1]) }
    let fit = try XCTUnwrap(result.fittedSet.series.first)
    XCTAssertEqual(fit.backtest?.points, 20)
    XCTAssertEqual(fit.backtest?.sumActual, actual)
    XCTAssertEqual(try XCTUnwrap(fit.backtest?.sumAbsoluteError), absolute, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(result.report.backtestWAPE), absolute / actual, accuracy: 1e-12)
    XCTAssertEqual(result.report.backtestPoints, 20)
  }

  /// New items have no backtest and add nothing; the chain's WAPE is the ratio of the sums, not
  /// the mean of per-series WAPEs.
  func testTotalsAddUpAcrossSeriesAndSkipSeriesWithoutABacktest() throws {
    var a = BacktestTally()
    (a.points, a.sumActual, a.sumAbsoluteError) = (2, 10, 1)
    var b = BacktestTally()
    (b.points, b.sumActual, b.sumAbsoluteError) = (3, 30, 9)
    var total = a
    total.merge(b)
    // (1 + 9) / (10 + 30) = 0.25, not (0.1 + 0.3) / 2 = 0.2.
    XCTAssertEqual(total.wape, 0.25)
    XCTAssertNil(BacktestTally().wape)
    let source = MemorySource.oneStore([[1, 2, 3]], lastDay: lastDay)
    let catalog = MethodCatalog([.init(kind: "constant", Constant(value: 50))])
    let result = try Trainer(catalog: catalog, configuration: configuration, ridgeSettings: nil)
      .train(source: source, lastDay: lastDay)
    XCTAssertEqual(result.fittedSet.series.first?.kind, .newItem)
    XCTAssertNil(result.fittedSet.series.first?.backtest)
    XCTAssertNil(result.report.backtestWAPE)
    XCTAssertEqual(result.report.backtestPoints, 0)
  }
}
