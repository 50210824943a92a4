import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// Forecasts, fitted values and the `FittedModel` view of a fitted ridge.
final class RidgePredictionTests: XCTestCase {
  static let start = Day(year: 2023, month: 1, day: 2)!
  static let calendar = CalendarContext(holidays: [])
  static let data: [(series: DemandSeries, covariates: SeriesCovariates)] = {
    var generator = SplitMix64(seed: 77)
    return (0..<30).map { index in
      simulatedSeries(
        index: index, level: 4 + Double(generator.below(30)), start: start, days: 400,
        truth: RidgeTruth(), generator: &generator)
    }
  }()
  /// A model with h = 7 fitted on the 30 simulated series.
  static let model: FittedRidge = {
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: RidgeSettings(horizonDays: 7),
      trainingDays: start...start.adding(days: 399))
    for (series, covariates) in data {
      accumulator.add(series, covariates: covariates, calendar: calendar)
    }
    do { return try accumulator.fit() } catch { preconditionFailure("\(error)") }
  }()
  var model: FittedRidge { Self.model }
  let levels = [0.9, 0.1, 0.5]

  func testForecastIsNonNegativeWithNestedQuantiles() throws {
    for (series, covariates) in Self.data {
      let forecast = model.predict(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
        levels: levels)
      XCTAssertEqual(forecast.horizon, 7)
      XCTAssertEqual(forecast.quantiles.map(\.level), [0.1, 0.5, 0.9], "sorted by level")
      for step in 0..<7 {
        XCTAssertGreaterThanOrEqual(forecast.mean[step], 0)
        let path = forecast.quantiles.map { $0.values[step] }
        XCTAssertGreaterThanOrEqual(path[0], 0)
        XCTAssertLessThanOrEqual(path[0], path[1])
        XCTAssertLessThan(path[1], path[2], "σ > 0 separates the quantiles")
      }
    }
  }

  func testQuantilesAreGaussianWithVarianceDispersionTimesScale() throws {
    // A flat series of 10 units/day has scale 10 exactly: bucket 3 (8 ≤ s < 32).
    let series = DemandSeries(start: Self.start, values: [Double](repeating: 10, count: 400))
    let covariates = SeriesCovariates(key: testSeriesKey, category: "dairy")
    let forecast = model.predict(
      series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
      levels: levels)
    let median = try XCTUnwrap(forecast.quantile(0.5))
    let upper = try XCTUnwrap(forecast.quantile(0.9))
    let sigma = (model.dispersions[3] * 10).squareRoot()
    for step in 0..<7 {
      XCTAssertGreaterThan(forecast.mean[step], 0)
      assertClose(median[step], forecast.mean[step], relativeTolerance: 1e-14)
      // z(0.9) = 1.2815515655446004 (scipy.stats.norm.ppf(0.9)).
      assertClose(
        upper[step] - median[step], 1.2815515655446004 * sigma, relativeTolerance: 1e-12)
    }
  }

  func testFittedValuesEqualForecastsFromEarlierOrigins() throws {
    // The fitted value of day t uses days up to t − h: exactly what a forecast made at any
    // origin in t − h … t − 1 reads. Both must agree, and neither may use day t or later.
    let (series, covariates) = Self.data[3]
    let fitted = model.fittedValues(
      series: series, covariates: covariates, calendar: Self.calendar)
    XCTAssertEqual(fitted.count, series.count)
    XCTAssertTrue(fitted[0..<34].allSatisfy(\.isNaN), "before 28 days of history at t − 7")
    XCTAssertTrue(fitted[34...].allSatisfy { $0.isFinite && $0 >= 0 })
    for origin in [40, 150, 299, 392] {
      let forecast = model.predict(
        series: series.prefix(origin + 1), covariates: covariates, calendar: Self.calendar,
        horizon: 7, levels: [])
      // Tolerance: the same features, except that the prefix sums start at different days
      // (non-integer demand), so they round differently: about 1e-15 relative.
      assertClose(
        forecast.mean, Array(fitted[(origin + 1)...(origin + 7)]), relativeTolerance: 1e-11,
        "origin \(origin)")
    }
  }

  func testPlannedPromotionRaisesTheForecast() throws {
    let (series, plain) = Self.data[0]
    let first = series.forecastStart
    let promoted = SeriesCovariates(
      key: plain.key, category: "dairy",
      promotions: [
        PromotionWindow(
          start: first.adding(days: 2), end: first.adding(days: 3), discountFraction: 0.3)
      ])
    let without = SeriesCovariates(key: plain.key, category: "dairy")
    let a = model.predict(
      series: series, covariates: promoted, calendar: Self.calendar, horizon: 7, levels: [])
    let b = model.predict(
      series: series, covariates: without, calendar: Self.calendar, horizon: 7, levels: [])
    XCTAssertEqual(a.mean[0], b.mean[0], "no promotion on day 1 either way")
    // Simulated lift at 30 % off: 0.3 + 1.5 · 0.3 = 0.75 of the scale.
    XCTAssertGreaterThan(a.mean[2], b.mean[2] * 1.3)
    XCTAssertGreaterThan(a.mean[3], b.mean[3] * 1.3)
  }

  func testCodableRoundTripKeepsTheModel() throws {
    let data = try JSONEncoder().encode(model)
    let decoded = try JSONDecoder().decode(FittedRidge.self, from: data)
    XCTAssertEqual(decoded, model)
    XCTAssertEqual(decoded.name, "Ridge(dairy)")
    XCTAssertEqual(decoded.family, .ridge)
    XCTAssertEqual(decoded.featureNames.count, decoded.coefficients.count)
  }

  func testBoundModelHasTheFittedModelVerbs() throws {
    let (series, covariates) = Self.data[5]
    let bound = try model.bound(to: series, covariates: covariates, calendar: Self.calendar)
    XCTAssertEqual(bound.name, "Ridge(dairy)")
    XCTAssertEqual(
      bound.predict(horizon: 5, levels: levels),
      model.predict(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 5,
        levels: levels))
    XCTAssertEqual(bound.fittedValues.count, series.count)
    let shorter = bound.applied(to: series.prefix(300))
    XCTAssertEqual(shorter.series, series.prefix(300))
    XCTAssertEqual(shorter.fittedValues.count, 300)
    let encoded = try JSONEncoder().encode(bound)
    XCTAssertEqual(
      try JSONDecoder().decode(RidgeSeriesModel.self, from: encoded).predict(
        horizon: 7, levels: []),
      bound.predict(horizon: 7, levels: []))
  }

  func testShortSeriesIsRefusedWhenBoundButForecastWhenAsked() {
    let young = DemandSeries(start: Self.start, values: [3, 4, 0, 5, 2, 3, 4, 6, 2, 3])
    let covariates = SeriesCovariates(key: testSeriesKey, category: "dairy")
    XCTAssertFalse(model.supports(young))
    XCTAssertTrue(model.supports(Self.data[0].series))
    XCTAssertThrowsError(
      try model.bound(to: young, covariates: covariates, calendar: Self.calendar)
    ) { error in
      XCTAssertEqual(
        error as? ModelError, .tooShort(model: "Ridge(dairy)", observed: 4, required: 28),
        "the first forecast day's window (days 0 … 3) has 4 uncensored days")
    }
    let forecast = model.predict(
      series: young, covariates: covariates, calendar: Self.calendar, horizon: 7,
      levels: levels)
    XCTAssertTrue(forecast.mean.allSatisfy { $0.isFinite && $0 >= 0 })
    XCTAssertTrue(
      model.fittedValues(series: young, covariates: covariates, calendar: Self.calendar).allSatisfy(
        \.isNaN))
  }

  func testReusedPredictorMatchesFreshOnes() {
    var predictor = RidgePredictor(model: model)
    for (series, covariates) in Self.data.prefix(8) {
      XCTAssertEqual(
        predictor.predict(
          series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
          levels: levels),
        model.predict(
          series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
          levels: levels))
    }
  }
}

let testSeriesKey = SeriesKey(store: StoreID("S9"), sku: SKUID("P9"))
