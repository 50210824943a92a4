import DemandCore
import Models
import XCTest
import _TestSupport

/// The moving average, checked by hand (statsforecast's `WindowAverage` has no fitted values or
/// native quantiles, and treats a short series differently: it returns NaN).
final class BaselineMovingAverageTests: XCTestCase {
  private let start = Day(year: 2024, month: 3, day: 4)!

  func testForecastIsTheMeanOfTheLastWindowOfUncensoredDays() throws {
    let values: [Double] = [5, 1, 2, 3, 100, 4, 6, 0]
    let censored = [false, false, false, false, true, false, false, false]
    let model = try MovingAverageSettings(windowDays: 4).fit(
      DemandSeries(start: start, values: values, censored: censored))
    // The last four uncensored days: 3, 4, 6, 0 (the censored 100 is skipped, not averaged).
    XCTAssertEqual(model.predict(horizon: 3, levels: []).mean, [3.25, 3.25, 3.25])
    XCTAssertEqual(model.averagedDays, 4)
    // In sample: mean of up to four earlier uncensored days.
    let expected: [Double] = [
      .nan, 5, 3, 8.0 / 3, 11.0 / 4, 11.0 / 4, (1.0 + 2 + 3 + 4) / 4, (2.0 + 3 + 4 + 6) / 4,
    ]
    assertClose(model.fittedValues, expected, relativeTolerance: 1e-15)
  }

  func testShortSeriesAveragesWhatItHas() throws {
    let model = try MovingAverageSettings(windowDays: 28).fit(
      DemandSeries(start: start, values: [2, 0, 7]))
    XCTAssertEqual(model.predict(horizon: 2, levels: []).mean, [3, 3])
    XCTAssertEqual(model.averagedDays, 3)
    XCTAssertEqual(model.name, "MovingAverage(28)")
  }

  func testAppliedModelKeepsItsDispersionAndRefiltersTheMean() throws {
    var random = SplitMix64(seed: 3)
    let values = (0..<90).map { _ in Double(random.below(4) == 0 ? 6 : random.below(3)) }
    let series = DemandSeries(start: start, values: values)
    let model = try MovingAverageSettings(windowDays: 28).fit(series.prefix(60))
    let moved = model.applied(to: series)
    XCTAssertEqual(moved.dispersion, model.dispersion)
    XCTAssertGreaterThan(model.dispersion, 0, "these data are over-dispersed")
    let lastWindow = values[62...]
    XCTAssertEqual(moved.meanPerDay, lastWindow.reduce(0, +) / 28, accuracy: 1e-12)
    XCTAssertEqual(moved.fittedValues.count, 90)
  }

  func testAppliedToASeriesWithoutDataForecastsNaN() throws {
    let model = try MovingAverageSettings(windowDays: 7).fit(
      DemandSeries(start: start, values: [1, 2, 3]))
    let moved = model.applied(to: DemandSeries(start: start, values: [4], censored: [true]))
    XCTAssertTrue(moved.meanPerDay.isNaN)
    XCTAssertEqual(moved.averagedDays, 0)
  }
}
