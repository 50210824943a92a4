import DemandCore
import Models
import XCTest
import _TestSupport

final class BaselineSeasonalNaiveTests: XCTestCase {
  private struct Fixture: Decodable {
    struct Case: Decodable {
      var name: String
      var y: [Double]
      var horizon: Int
      var mean: [Double]
      var fitted: [Double?]
      var quantiles: [String: [Double]]
    }
    var cases: [Case]
  }

  private let start = Day(year: 2024, month: 3, day: 4)!

  /// statsforecast `SeasonalNaive(season_length=7)`: the mean and fitted values are copies of
  /// data, so they must match exactly; the quantiles are mean + z·σ_h, where σ comes from a sum
  /// of squares (numpy sums pairwise, we sum in order) and z from scipy's `norm.ppf` (ours is
  /// Acklam's approximation refined by Halley's step, relative error below 1e-15), so they agree
  /// to a few ulps of σ: 1e-12 relative, with 1e-12 absolute for values clipped at zero.
  func testMatchesStatsforecastWithoutCensoring() throws {
    let fixture = try loadFixture("baseline_seasonal_naive", as: Fixture.self)
    XCTAssertEqual(fixture.cases.count, 3)
    for reference in fixture.cases {
      let series = DemandSeries(start: start, values: reference.y)
      let model = try SeasonalNaiveSettings(period: 7).fit(series)
      let levels = reference.quantiles.keys.compactMap(Double.init)
      let forecast = model.predict(horizon: reference.horizon, levels: levels)
      XCTAssertEqual(forecast.mean, reference.mean, reference.name)
      assertClose(model.fittedValues, reference.fitted.orNaN, relativeTolerance: 0, reference.name)
      for (key, expected) in reference.quantiles {
        let level = try XCTUnwrap(Double(key))
        assertClose(
          try XCTUnwrap(forecast.quantile(level)), expected.map { max(0, $0) },
          relativeTolerance: 1e-12, absoluteTolerance: 1e-12, "\(reference.name) level \(key)")
      }
    }
  }

  func testWalksBackOverCensoredDaysAndFallsBackToTheMean() throws {
    // Two weeks of period 3 (slots 0, 1, 2); slot 1's last value is censored, slot 2 is
    // censored every time.
    let series = DemandSeries(
      start: start, values: [1, 2, 3, 4, 50, 60, 7, 80, 90],
      censored: [false, false, true, false, false, true, false, true, true])
    let model = try SeasonalNaiveSettings(period: 3).fit(series)
    let uncensoredMean: Double = (1 + 2 + 4 + 50 + 7) / 5
    // Forecast days 1, 2, 3 fall on slots 0, 1, 2 (nine days, a multiple of the period).
    XCTAssertEqual(
      model.predict(horizon: 4, levels: []).mean, [7, 50, uncensoredMean, 7])
    // In sample: slot 0 gets 1 then 4; slot 1 gets 2 then 50 (the censored 80 is skipped);
    // slot 2 never has an uncensored value.
    assertClose(
      model.fittedValues, [.nan, .nan, .nan, 1, 2, .nan, 4, 50, .nan], relativeTolerance: 0)
    // σ from the three uncensored days with a prediction: 4 − 1, 50 − 2, 7 − 4.
    let meanSquaredResidual: Double = (9 + 48 * 48 + 9) / 3
    XCTAssertEqual(model.residualSD, meanSquaredResidual.squareRoot(), accuracy: 1e-12)
  }

  func testShortSeriesFillsMissingSlotsWithTheMean() throws {
    let series = DemandSeries(start: start, values: [2, 0, 7])
    let model = try SeasonalNaiveSettings(period: 7).fit(series)
    let forecast = model.predict(horizon: 8, levels: [0.5])
    // Slots 3…6 have no data; forecast day 1 is slot 3, day 5 is slot 0.
    XCTAssertEqual(forecast.mean, [3, 3, 3, 3, 2, 0, 7, 3])
    XCTAssertEqual(model.residualSD, 0)
    XCTAssertEqual(forecast.quantile(0.5), forecast.mean)
  }

  func testQuantileWidthGrowsOncePerSeason() throws {
    let values = (0..<28).map { (t: Int) -> Double in Double(10 + (t * 5) % 7) }
    let model = try SeasonalNaiveSettings(period: 7).fit(
      DemandSeries(start: start, values: values.enumerated().map { $1 + ($0 == 20 ? 3 : 0) }))
    let forecast = model.predict(horizon: 15, levels: [0.9])
    let upper = try XCTUnwrap(forecast.quantile(0.9))
    let z = standardNormalQuantile(0.9)
    for day in 0..<15 {
      let expected = forecast.mean[day] + z * model.residualSD * Double(day / 7 + 1).squareRoot()
      XCTAssertEqual(upper[day], expected, accuracy: 1e-12, "day \(day + 1)")
    }
    XCTAssertGreaterThan(model.residualSD, 0)
  }
}
