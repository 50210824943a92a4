import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// Throughput of the ridge at the scale of one category, printed, never asserted (no timing
/// assertions in tests). Skipped unless `RIDGE_BENCHMARK=1`; run it in release on one core:
///
///     RIDGE_BENCHMARK=1 OPENBLAS_NUM_THREADS=1 swift test -c release --disable-swift-testing \
///       --filter RidgeThroughputTests
final class RidgeThroughputTests: XCTestCase {
  func testCategoryScaleThroughput() throws {
    try XCTSkipUnless(
      ProcessInfo.processInfo.environment["RIDGE_BENCHMARK"] == "1", "set RIDGE_BENCHMARK=1")
    let seriesCount = 7000
    let days = 700
    let start = Day(year: 2023, month: 1, day: 2)!
    let calendar = CalendarContext(holidays: [
      Day(year: 2023, month: 12, day: 25)!, Day(year: 2024, month: 12, day: 25)!,
    ])
    var generator = SplitMix64(seed: 1)
    var data: [(DemandSeries, SeriesCovariates)] = []
    data.reserveCapacity(seriesCount)
    for index in 0..<seriesCount {
      let level = 0.5 + Double(generator.below(40))
      let values = (0..<days).map { _ in Double(generator.below(Int(2 * level) + 1)) }
      let censored = (0..<days).map { _ in generator.below(30) == 0 }
      let covariates = SeriesCovariates(
        key: SeriesKey(store: StoreID("S\(index / 35)"), sku: SKUID("P\(index % 35)")),
        category: "dairy",
        promotions: simulatedPromotions(start: start, days: days + 28, generator: &generator))
      data.append((DemandSeries(start: start, values: values, censored: censored), covariates))
    }
    let blockRows =
      Int(ProcessInfo.processInfo.environment["RIDGE_BLOCK_ROWS"] ?? "")
      ?? RidgeSettings().blockRows
    let settings = RidgeSettings(horizonDays: 28, yearlyTerms: .always, blockRows: blockRows)
    let trainingDays = start...start.adding(days: days - 1)
    let clock = ContinuousClock()

    // Rows only: the feature builder alone.
    var builder = SeriesFeatureBuilder(layout: settings.layout(trainingDayCount: days))
    var built = 0
    var checksum = 0.0
    let buildTime = clock.measure {
      (built, checksum) = buildRows(data, calendar: calendar, firstOffset: 55, builder: &builder)
    }

    // Rows into normal equations: what training costs.
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: trainingDays)
    let accumulateTime = clock.measure {
      for (series, covariates) in data {
        accumulator.add(series, covariates: covariates, calendar: calendar)
      }
    }
    var model: FittedRidge?
    let fitTime = try clock.measure { model = try accumulator.fit() }
    let fitted = try XCTUnwrap(model)

    // 100,000 forecasts of 28 days, cycling through the series.
    var predictor = RidgePredictor(model: fitted)
    var total = 0.0
    let forecasts = 100_000
    let predictTime = clock.measure {
      for index in 0..<forecasts {
        let (series, covariates) = data[index % seriesCount]
        let forecast = predictor.predict(
          series: series, covariates: covariates, calendar: calendar, horizon: 28,
          levels: [0.1, 0.5, 0.9])
        total += forecast.mean[27]
      }
    }
    let freshTime = clock.measure {
      for index in 0..<10_000 {
        let (series, covariates) = data[index % seriesCount]
        total +=
          fitted.predict(
            series: series, covariates: covariates, calendar: calendar, horizon: 28,
            levels: [0.1, 0.5, 0.9]
          ).mean[0]
      }
    }
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
    let rows = accumulator.rowCount
    print(
      """
      ridge throughput, p = \(fitted.layout.count), \(seriesCount) series × \(days) days, \
      blocks of \(blockRows) rows
        features only: \(built) rows in \(seconds(buildTime)) s = \
      \(Int(Double(built) / seconds(buildTime))) rows/s (checksum \(checksum))
        accumulate:    \(rows) rows in \(seconds(accumulateTime)) s = \
      \(Int(Double(rows) / seconds(accumulateTime))) rows/s
        fit:           \(seconds(fitTime)) s (penalty \(fitted.penalty), \(fitted.solver))
        predict:       \(forecasts) series × 28 days in \(seconds(predictTime)) s (reused \
      predictor); 10,000 with fresh ones in \(seconds(freshTime)) s (checksum \(total))
      """)
    XCTAssertTrue(fitted.coefficients.allSatisfy(\.isFinite))
    XCTAssertLessThanOrEqual(rows, built, "a training row needs an available feature row")
  }

  /// Writes every row from `firstOffset` on of every series; returns the count of available
  /// rows and a checksum (so the work cannot be optimised away).
  func buildRows(
    _ data: [(DemandSeries, SeriesCovariates)], calendar: CalendarContext, firstOffset: Int,
    builder: inout SeriesFeatureBuilder
  ) -> (Int, Double) {
    var row = [Double](repeating: 0, count: builder.layout.count)
    var built = 0
    var checksum = 0.0
    for (series, covariates) in data {
      let last = series.start.adding(days: series.count - 1)
      builder.load(
        start: series.start, values: series.values, censored: series.censored,
        covariates: covariates, calendar: calendar,
        targetDays: series.start.adding(days: firstOffset)...last)
      for offset in firstOffset..<series.count {
        if let scale = builder.writeRow(for: series.start.adding(days: offset), into: &row) {
          built += 1
          checksum += scale + row[20]
        }
      }
    }
    return (built, checksum)
  }
}
