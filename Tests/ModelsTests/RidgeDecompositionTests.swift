import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// The exact split of a ridge prediction into a baseline and per-feature contributions.
final class RidgeDecompositionTests: XCTestCase {
  static let start = Day(year: 2023, month: 1, day: 2)!
  static let calendar = CalendarContext(holidays: [Day(year: 2023, month: 12, day: 25)!])
  static let trainingDays = start...start.adding(days: 299)
  /// 12 simulated series of 330 days, about one day in twelve censored; the fit reads the
  /// first 300, forecasts start after day 330.
  static let data: [(series: DemandSeries, covariates: SeriesCovariates)] = {
    var generator = SplitMix64(seed: 31)
    return (0..<12).map { index in
      let simulated = simulatedSeries(
        index: index, level: 1 + Double(generator.below(30)), start: start, days: 330,
        truth: RidgeTruth(), generator: &generator)
      var series = simulated.series
      for day in series.values.indices where generator.below(12) == 0 {
        series.censored[day] = true
      }
      return (series, simulated.covariates)
    }
  }()
  static let model: FittedRidge = {
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: RidgeSettings(horizonDays: 7), trainingDays: trainingDays)
    for (series, covariates) in data {
      accumulator.add(series, covariates: covariates, calendar: calendar)
    }
    do { return try accumulator.fit() } catch { preconditionFailure("\(error)") }
  }()

  /// Worked by hand, two features, s = 4, β = (0.5, −0.25), x̄ = (1, 3):
  /// - x = (2, 5): baseline 4·(0.5·1 − 0.25·3) = −1; contributions 4·0.5·(2 − 1) = 2 and
  ///   4·(−0.25)·(5 − 3) = −2; mean 4·(0.5·2 − 0.25·5) = −1 = −1 + 2 − 2 (clipped to 0).
  /// - x = (3, 1): baseline −1; contributions 4·0.5·2 = 4 and 4·(−0.25)·(−2) = 2; mean
  ///   4·(1.5 − 0.25) = 5 = −1 + 4 + 2.
  /// Every number is exact in binary, so the comparisons are exact.
  func testTwoFeaturesByHand() {
    let first = RidgeDecomposition.split(
      row: [2, 5], scale: 4, coefficients: [0.5, -0.25], means: [1, 3])
    XCTAssertEqual(first.baselineUnits, -1)
    XCTAssertEqual(first.contributionUnits, [2, -2])
    let second = RidgeDecomposition.split(
      row: [3, 1], scale: 4, coefficients: [0.5, -0.25], means: [1, 3])
    XCTAssertEqual(second.baselineUnits, -1)
    XCTAssertEqual(second.contributionUnits, [4, 2])
    let clipped = RidgeDecomposition(
      day: Self.start, scaleUnitsPerDay: 4, values: [2, 5], baselineUnits: -1,
      contributionUnits: [2, -2], meanUnits: -1)
    XCTAssertEqual(clipped.forecastUnits, 0)
  }

  /// For every series and day: baseline + Σ contributions is the unclipped mean to 1e-9 units,
  /// and the clipped mean is the forecast's mean bit for bit.
  func testContributionsSumToTheMeanThePredictionUses() throws {
    let model = Self.model
    for (series, covariates) in Self.data {
      let days = try model.decompose(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 7)
      let forecast = model.predict(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
        levels: [])
      XCTAssertEqual(days.map(\.day), (0..<7).map { series.forecastStart.adding(days: $0) })
      for (step, day) in days.enumerated() {
        let sum = day.baselineUnits + day.contributionUnits.reduce(0, +)
        XCTAssertEqual(sum, day.meanUnits, accuracy: 1e-9, "\(covariates.key) day \(step)")
        XCTAssertEqual(day.forecastUnits, forecast.mean[step])
        XCTAssertEqual(day.contributionUnits[0], 0, "the intercept never contributes")
        XCTAssertEqual(day.values.count, model.layout.count)
      }
    }
  }

  /// x̄ᵀβ is the fit's demand per unit of scale, Σ y / Σ s over the rows it used: counted here
  /// from the rows `SeriesFeatureBuilder` writes, not from the normal equations.
  func testBaselineIsTheLevelTimesTheCategoryDemandPerUnitOfScale() throws {
    let model = Self.model
    let means = try XCTUnwrap(model.trainingMeans)
    XCTAssertEqual(means[0], 1, accuracy: 1e-12, "the intercept's mean")
    var builder = SeriesFeatureBuilder(layout: model.layout)
    var row = [Double](repeating: 0, count: model.layout.count)
    var (demand, scales, rows) = (0.0, 0.0, 0)
    for (series, covariates) in Self.data {
      let last = min(series.start.adding(days: series.count - 1), Self.trainingDays.upperBound)
      let first = series.start.adding(days: 7 + 28 - 1)
      builder.load(
        start: series.start, values: series.values, censored: series.censored,
        covariates: covariates, calendar: Self.calendar, targetDays: first...last)
      var day = first
      while day <= last {
        defer { day = day.adding(days: 1) }
        let position = series.start.days(to: day)
        guard !series.censored[position], let scale = builder.writeRow(for: day, into: &row)
        else { continue }
        demand += series.values[position]
        scales += scale
        rows += 1
      }
    }
    XCTAssertEqual(rows, model.trainingRows + model.validationRows)
    let centre = zip(means, model.coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    assertClose(centre, demand / scales, relativeTolerance: 1e-9)
    let (series, covariates) = Self.data[0]
    let days = try model.decompose(
      series: series, covariates: covariates, calendar: Self.calendar, horizon: 3)
    for day in days {
      assertClose(
        day.baselineUnits, day.scaleUnitsPerDay * demand / scales, relativeTolerance: 1e-9)
    }
  }

  /// A model saved before the means were kept still decodes (and forecasts), but refuses to be
  /// decomposed with a typed error that says to retrain.
  func testAModelSavedWithoutMeansRefusesToExplain() throws {
    let encoded = try JSONEncoder().encode(Self.model)
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    XCTAssertNotNil(object["trainingMeans"])
    object["trainingMeans"] = nil
    let older = try JSONDecoder().decode(
      FittedRidge.self, from: JSONSerialization.data(withJSONObject: object))
    XCTAssertNil(older.trainingMeans)
    XCTAssertEqual(older.coefficients, Self.model.coefficients)
    let (series, covariates) = Self.data[1]
    XCTAssertThrowsError(
      try older.decompose(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 7)
    ) { error in
      XCTAssertEqual(error as? RidgeError, .missingTrainingMeans(category: "dairy"))
      XCTAssertTrue("\(error)".contains("Retrain with `shelfcast train`"), "\(error)")
    }
  }
}
