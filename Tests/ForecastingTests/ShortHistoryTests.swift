import DemandCore
import Forecasting
import Foundation
import Models
import XCTest
import _TestSupport

/// A series too young for one backtest origin is forecast by its category's regression when
/// the regression can read it, so it gets the week, holidays and promotions the category has
/// taught the regression; otherwise by the median of the per-series methods.
final class ShortHistoryTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!  // a Tuesday

  /// Sales on day d (counted from any Monday) follow the week 1, 1, 1, 1, 1.5, 2, 0.5 times
  /// `rate`, with a little noise that does not depend on the weekday.
  func weekly(days: Int, rate: Double, random: inout SplitMix64) -> [Double] {
    let shape = [1.0, 1, 1, 1, 1.5, 2, 0.5]
    let first = lastDay.adding(days: 1 - days)
    return (0..<days).map { day in
      let weekday = first.adding(days: day).weekdayIndex  // Monday 0 … Sunday 6
      return (rate * shape[weekday]).rounded() + Double(random.next() % 3)
    }
  }

  /// 12 series of 400 days and 3 of 50 (first sale 50 days before the last day: no backtest
  /// origin leaves 56 days of training), in one category.
  func chain() -> [[Double]] {
    var random = SplitMix64(seed: 21)
    let long = (0..<12).map { index in
      weekly(days: 400, rate: Double(8 + index), random: &random)
    }
    let young = (0..<3).map { index in
      weekly(days: 50, rate: Double(10 + index), random: &random)
    }
    return long + young
  }

  func train(_ series: [[Double]]) throws -> (FittedSet, MemorySource) {
    let source = MemorySource.oneStore(series, lastDay: lastDay)
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 56, newItemDays: 10,
      historyWindowDays: 400, ensembleSize: 2)
    let trained = try Trainer(
      catalog: MethodCatalog([
        .init(kind: "mean", WindowMean(window: 28)), .init(kind: "mean7", WindowMean(window: 7)),
      ]),
      configuration: configuration,
      ridgeSettings: RidgeSettings(horizonDays: 7, horizonBuckets: [], validationDays: 14)
    ).train(source: source, lastDay: lastDay)
    return (trained.fittedSet, source)
  }

  /// The young series are fitted as short histories served by the regression, and their
  /// forecast has the category's week: the Saturday (2 × the rate) above the Sunday (0.5 ×)
  /// by at least 2.5 times, where the window means of the median are flat.
  func testAYoungSeriesGetsTheCategoryRegressionsWeek() throws {
    let (fittedSet, source) = try train(chain())
    let young = fittedSet.series.filter { ["P12", "P13", "P14"].contains($0.key.sku.rawValue) }
    XCTAssertEqual(young.count, 3)
    for fit in young {
      XCTAssertEqual(fit.kind, .shortHistory)
      XCTAssertEqual(fit.label, "ShortHistory(Ridge(dairy))")
    }
    let output = try Forecaster(fittedSet: fittedSet).forecast(
      source: source, runDate: lastDay, horizon: 7, levels: [0.5])
    let forecasts = try XCTUnwrap(output.first?.series)
    for forecast in forecasts where ["P12", "P13", "P14"].contains(forecast.key.sku.rawValue) {
      // Days 1 … 7 after a Tuesday: Wednesday … Tuesday; Saturday is index 3, Sunday 4.
      XCTAssertGreaterThan(forecast.mean[3] / forecast.mean[4], 2.5, "\(forecast.key)")
    }
  }
}
