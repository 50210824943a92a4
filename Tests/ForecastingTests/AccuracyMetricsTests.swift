import Forecasting
import XCTest
import _TestSupport

final class AccuracyMetricsTests: XCTestCase {
  /// Worked by hand: actual 4, 0, 6, (9 censored); p50 3, 1, 6; mean 3.5, 0.5, 5;
  /// p10 2, 0, 4; p90 5, 0.5, 5.5.
  func testMetricsMatchHandComputedValues() {
    var accumulator = AccuracyAccumulator()
    accumulator.add(
      actual: [4, 0, 6, 9], censored: [false, false, false, true], median: [3, 1, 6, 0],
      mean: [3.5, 0.5, 5, 0], lower: [2, 0, 4, 0], upper: [5, 0.5, 5.5, 0],
      scale: SeriesScale(seasonalAbsolute: 2, squaredDifference: 4))
    let m = accumulator.metrics
    XCTAssertEqual(m.points, 3)
    XCTAssertEqual(m.series, 1)
    // |e| of p50: 1, 1, 0 → WAPE 2/10, MAE 2/3.
    assertClose([m.wape, m.mae], [0.2, 2.0 / 3], relativeTolerance: 1e-15)
    // |y − mean|: 0.5, 0.5, 1 → WAPE of the mean 2/10.
    assertClose([m.wapeOfMean], [0.2], relativeTolerance: 1e-15)
    // mean errors: −0.5, 0.5, −1 → RMSE √(1.5/3); bias 100·(−1)/10.
    assertClose([m.rmse, m.biasPercent], [(0.5).squareRoot(), -10], relativeTolerance: 1e-15)
    // MASE = (2/3)/2; RMSSE = √(0.5/4).
    assertClose([m.mase, m.rmsse], [1.0 / 3, (0.125).squareRoot()], relativeTolerance: 1e-15)
    // Covered: 4 in [2,5] yes; 0 in [0,0.5] yes; 6 in [4,5.5] no.
    assertClose([m.coverage80], [2.0 / 3], relativeTolerance: 1e-15)
  }

  /// Scales by hand: y = 0, 2, 4, 1, 3, 5, 2, 6, 1 with day 8 censored.
  /// Seasonal |yₜ − yₜ₋₇| for t = 7 (|6 − 0|) only (t = 8 is censored) → 6.
  /// Lag-1 squared differences from the first sale (t = 1) on, skipping pairs touching day 8:
  /// (4−2)², (1−4)², (3−1)², (5−3)², (2−5)², (6−2)² = 4 + 9 + 4 + 4 + 9 + 16 = 46 over 6.
  func testSeriesScaleSkipsCensoredPairsAndStartsAtTheFirstSale() {
    let scale = SeriesScale(
      values: [0, 2, 4, 1, 3, 5, 2, 6, 1],
      censored: [false, false, false, false, false, false, false, false, true])
    XCTAssertEqual(scale.seasonalAbsolute, 6)
    assertClose([scale.squaredDifference ?? .nan], [46.0 / 6], relativeTolerance: 1e-15)
  }

  func testEmptyAccumulatorGivesNotANumber() {
    let m = AccuracyAccumulator().metrics
    XCTAssertEqual(m.points, 0)
    XCTAssertTrue(m.wape.isNaN && m.rmse.isNaN && m.coverage80.isNaN)
  }
}
