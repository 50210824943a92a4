import DemandCore
import Models
import XCTest
import _TestSupport

@testable import Forecasting

/// The widening of quantile offsets with the step ahead, against sums done by hand.
final class HorizonSpreadTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  func testPoolAdjacentViolatorsMatchesAHandWorkedExample() {
    // 1, 3, 2, 4 with weights 1, 1, 1, 1: the violation (3, 2) pools to 2.5.
    XCTAssertEqual(
      HorizonSpreadTally.nonDecreasing([1, 3, 2, 4], weights: [1, 1, 1, 1]), [1, 2.5, 2.5, 4])
    // 5, 1, 1 with weights 1, 2, 1: (5·1 + 1·2) / 3 = 7/3, then 1 joins: (7 + 1) / 4 = 2.
    XCTAssertEqual(HorizonSpreadTally.nonDecreasing([5, 1, 1], weights: [1, 2, 1]), [2, 2, 2])
    XCTAssertEqual(HorizonSpreadTally.nonDecreasing([1, 2, 3], weights: [1, 1, 1]), [1, 2, 3])
  }

  func testFactorsAreTheRootMeanSquaredErrorsScaledByEachSeriesOwnSpread() throws {
    // Two origins, horizon 2. Series values 10 everywhere; forecasts 9 and 6 from the first
    // origin, 11 and 14 from the second: errors 1, 4, −1, −4; mean square (1+16+1+16)/4 = 8.5.
    // Step 1: (1 + 1) / 8.5 / 2 = 2/17; step 2: (16 + 16) / 8.5 / 2 = 32/17.
    let series = DemandSeries(start: start, values: [Double](repeating: 10, count: 10))
    var tally = HorizonSpreadTally(horizon: 2)
    for _ in 0..<HorizonSpreadTally.minimumPointsPerStep / 2 {
      tally.add(paths: [[9, 6], [11, 14]], series: series, origins: [4, 6])
    }
    let spread = try XCTUnwrap(tally.spread())
    XCTAssertEqual(spread.points, [50, 50])
    XCTAssertEqual(spread.factors[0], (2.0 / 17).squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(spread.factors[1], (32.0 / 17).squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(spread.factor(step: 3), 1, "past the measured steps")
    // Covers: errors (1, 4) and (−1, −4) over σ = √8.5: a 2-day cover sums to ±5/σ, so
    // (25/8.5) / ((1 + 16)/8.5) = 25/17 against 1 for independent days; 1 day is 1 exactly.
    let cover = try XCTUnwrap(spread.cover)
    XCTAssertEqual(cover.points, [50, 50])
    XCTAssertEqual(cover.ratios[0], 1, accuracy: 1e-12)
    XCTAssertEqual(cover.ratios[1], 25.0 / 17, accuracy: 1e-12)
    // Past 2 days: ρ = (25/17 − 1) / (2 − 1) = 8/17, and 1 + ρ (n − 1).
    XCTAssertEqual(cover.varianceRatio(days: 3), 1 + 2 * 8.0 / 17, accuracy: 1e-12)
    XCTAssertEqual(cover.varianceRatio(days: 0), 1)
  }

  /// Perfectly correlated errors (1, 1) double a 2-day cover's variance, opposite ones (1, −1)
  /// cancel; three of the first to one of the second: (3 · 4 + 0) / (4 · 2) = 1.5 (ρ = 0.5).
  /// Opposite ones alone would give 0, which is held at 1 (never narrower than independent).
  func testCoverRatiosMeasureHowErrorsOfConsecutiveDaysAddUp() throws {
    let series = DemandSeries(start: start, values: [Double](repeating: 10, count: 10))
    var mixed = HorizonSpreadTally(horizon: 2)
    var opposite = HorizonSpreadTally(horizon: 2)
    for _ in 0..<HorizonSpreadTally.minimumPointsPerStep {
      mixed.add(
        paths: [[9, 9], [9, 9], [9, 9], [9, 11]], series: series, origins: [0, 2, 4, 6])
      opposite.add(paths: [[9, 11]], series: series, origins: [0])
    }
    let ratios = try XCTUnwrap(mixed.spread()?.cover?.ratios)
    XCTAssertEqual(ratios[0], 1, accuracy: 1e-12)
    XCTAssertEqual(ratios[1], 1.5, accuracy: 1e-12)
    XCTAssertEqual(try XCTUnwrap(opposite.spread()?.cover?.ratios), [1, 1])
    XCTAssertNil(mixed.spread()?.cover?.fast, "no fast mover was added")
  }

  /// Fast movers (a training mean of at least `fastMoverUnitsPerDay`) get their own ratios:
  /// here their errors are perfectly correlated (ratio 2 for 2 days) and the slow ones' opposite
  /// (0); over every series (4 · 50 + 0) / (2 · 50 + 2 · 50) = 1. A cover averaging 5 units a
  /// day reads the fast ratios, one averaging 1 unit the ratios of every series.
  func testFastMoversGetTheirOwnCoverRatios() throws {
    let series = DemandSeries(start: start, values: [Double](repeating: 10, count: 10))
    var tally = HorizonSpreadTally(horizon: 2, fastMoverUnitsPerDay: 2)
    for _ in 0..<HorizonSpreadTally.minimumPointsPerStep {
      tally.add(paths: [[9, 9]], series: series, origins: [0], meanUnitsPerDay: 10)
      tally.add(paths: [[9, 11]], series: series, origins: [0], meanUnitsPerDay: 1)
    }
    let cover = try XCTUnwrap(tally.spread()?.cover)
    XCTAssertEqual(cover.ratios, [1, 1])
    let fast = try XCTUnwrap(cover.fast)
    XCTAssertEqual(fast.ratios, [1, 2])
    XCTAssertEqual(fast.points, [50, 50])
    XCTAssertEqual(fast.minimumUnitsPerDay, 2)
    XCTAssertEqual(cover.varianceRatio(days: 2, unitsPerDay: 5), 2)
    XCTAssertEqual(cover.varianceRatio(days: 2, unitsPerDay: 1), 1)
    // Past the measured days the fast ratios extrapolate with their own ρ = 1: 1 + 1 · 3.
    XCTAssertEqual(cover.varianceRatio(days: 4, unitsPerDay: 5), 4)
  }

  func testCensoredDaysAreNotScoredAndTooFewPointsGiveNoSpread() {
    var censored = [Bool](repeating: false, count: 10)
    censored[5] = true
    let series = DemandSeries(
      start: start, values: [Double](repeating: 10, count: 10), censored: censored)
    var tally = HorizonSpreadTally(horizon: 2)
    tally.add(paths: [[9, 6]], series: series, origins: [4])
    XCTAssertEqual(tally.counts, [1, 0], "day 5 is censored")
    XCTAssertEqual(tally.cover.counts, [1, 0], "no 2-day cover without day 5")
    XCTAssertNil(tally.spread(), "a step with fewer than 50 points leaves the offsets alone")
  }

  func testQuantileOffsetsAreScaledByTheirStepsFactor() {
    let residuals = ResidualSketch(sorted: (-10...10).map(Float.init))
    let spread = HorizonSpread(factors: [0.5, 2], points: [100, 100])
    let paths = SeriesFit.calibrated(
      mean: [20, 20, 20], residuals: residuals, spread: spread, levels: [0.1, 0.9])
    // 21 residuals: the 0.9 quantile is read at 0.9 · 22 / 21 = 0.942857… (the conformal
    // correction), between the sketch's 0.9 (8) and 0.95 (9) levels of −10 … 10: 8 + 6 / 7.
    // The 0.1 quantile is its mirror, −8 − 6 / 7.
    let upper = 8 + 6.0 / 7
    assertClose(paths[1].values, [20 + 0.5 * upper, 20 + 2 * upper, 20 + upper])
    assertClose(paths[0].values, [20 - 0.5 * upper, max(0, 20 - 2 * upper), 20 - upper])
  }

  /// Weekly grain (`centresOnMean`): offsets read from the residuals' median, so the p50 is the
  /// mean. Residuals 0 … 20 (median 10): without the flag the 0.9 level (read at 0.9 · 22 / 21,
  /// 18 + 6 / 7) is 100 + 18 + 6 / 7 and the p50 the count median (the sketch's mean square,
  /// 133.45, less 100, over 100²: scipy.stats.nbinom.ppf(0.5, 299, 299 / 399) = 100); with it
  /// the p50 is the mean, 100, and the 0.9 level 100 + 8 + 6 / 7.
  func testCentringOnTheMeanMakesTheMedianTheMean() {
    let residuals = ResidualSketch(sorted: (0...20).map(Float.init))
    var spread = HorizonSpread(factors: [1], points: [100])
    let plain = SeriesFit.calibrated(
      mean: [100], residuals: residuals, spread: spread, levels: [0.5, 0.9])
    assertClose(plain[0].values, [100])
    assertClose(plain[1].values, [100 + 18 + 6.0 / 7])
    spread.centresOnMean = true
    let centred = SeriesFit.calibrated(
      mean: [100], residuals: residuals, spread: spread, levels: [0.5, 0.9])
    assertClose(centred[0].values, [100])
    assertClose(centred[1].values, [100 + 8 + 6.0 / 7])
  }

  func testTailLevelsGetTheSplitConformalCorrection() {
    XCTAssertEqual(conformalLevel(0.9, residualCount: 84), 0.9 * 85 / 84, accuracy: 1e-15)
    XCTAssertEqual(conformalLevel(0.1, residualCount: 84), 1 - 0.9 * 85 / 84, accuracy: 1e-15)
    XCTAssertEqual(conformalLevel(0.5, residualCount: 84), 0.5)
    XCTAssertEqual(conformalLevel(0.95, residualCount: 5), 1, "capped at the largest residual")
    XCTAssertEqual(conformalLevel(0.9, residualCount: 0), 0.9, "no residuals, nothing to correct")
  }
}

/// The count median of daily series: a negative binomial with the backtest errors' variance.
/// References from scipy: `scipy.stats.nbinom.ppf(0.5, n, p)` with n = 1/φ, p = n / (n + μ).
final class CountMedianTests: XCTestCase {
  func testTheSketchsMeanSquareOfAConstantIsItsSquare() {
    let sketch = ResidualSketch(sorted: [Float](repeating: 3, count: 40))
    XCTAssertEqual(sketch.meanSquare, 9, accuracy: 1e-12)
    XCTAssertEqual(ResidualSketch.empty.meanSquare, 0)
  }

  func testDailySeriesGetTheNegativeBinomialMedianAndOrderedLevels() {
    // Errors of 3 (mean square 9) around a mean of 3 a day: φ = (9 − 3) / 3² = 2/3, NB with
    // n = 1.5, p = 1/3: nbinom.ppf(0.5, 1.5, 1/3) = 2.0 (cdf(1) = 0.385, cdf(2) = 0.545).
    let residuals = ResidualSketch(sorted: [Float](repeating: 3, count: 40))
    let paths = SeriesFit.calibrated(
      mean: [3, 3], residuals: residuals, spread: nil, levels: [0.1, 0.5, 0.9])
    XCTAssertEqual(paths[1].values, [2, 2])
    for step in 0..<2 {
      XCTAssertLessThanOrEqual(paths[0].values[step], paths[1].values[step])
      XCTAssertLessThanOrEqual(paths[1].values[step], paths[2].values[step])
    }
    // A faster series gets the count median too (no longer the sketch's median offset,
    // 12 + 3): errors of 3 are below the Poisson's variance at 12, so φ = 0 and
    // scipy.stats.poisson.ppf(0.5, 12) = 12.
    let fast = SeriesFit.calibrated(
      mean: [12], residuals: residuals, spread: nil, levels: [0.5])
    XCTAssertEqual(fast[0].values, [12])
    // Errors of 8 around 30: φ = (64 − 30) / 30², scipy.stats.nbinom.ppf(0.5, 1/φ,
    // (1/φ) / (1/φ + 30)) = 29 (cdf(28) = 0.452, cdf(29) = 0.502).
    let faster = SeriesFit.calibrated(
      mean: [30], residuals: ResidualSketch(sorted: [Float](repeating: 8, count: 40)),
      spread: nil, levels: [0.5])
    XCTAssertEqual(faster[0].values, [29])
  }
}
