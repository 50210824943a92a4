import DemandCore
import Models
import XCTest
import _TestSupport

/// The prior's share by credibility (`SeasonPooling.credibility`) and the noise factors it
/// reads (`STLNoise`): the factors and the 130-week series' noise variance against statsmodels'
/// STL (`Fixtures/stl_reference.py`, the lines "noise" and "130 index noise variance"), the
/// shares by hand.
final class SeasonCredibilityTests: XCTestCase {
  /// Period 7, 45 positions, MSTL's settings: about 6.4 cycles, so an own index holds about
  /// 1/6.4 of the noise variance (0.154).
  func testNoiseFactorsMatchStatsmodels() {
    let mstl = STLSettings(period: 7, seasonalWindow: 11, seasonalDegree: 0).noise(length: 45)
    XCTAssertEqual(mstl.lastCycleIndexVariance, 0.154353688462, accuracy: 1e-9)
    XCTAssertEqual(mstl.remainderDegrees, 28.315706428234, accuracy: 1e-9)
    let lines = STLSettings(period: 4, seasonalWindow: 7, seasonalDegree: 1).noise(length: 23)
    XCTAssertEqual(lines.lastCycleIndexVariance, 0.514424772784, accuracy: 1e-9)
    XCTAssertEqual(lines.remainderDegrees, 8.231156676313, accuracy: 1e-9)
  }

  /// The own season's noise variance, when asked for: the remainder's sum of squares over its
  /// expected value per unit of noise, times an index's variance per unit of noise.
  func testOwnSeasonNoiseVarianceMatchesStatsmodels() throws {
    let values = STLDecompositionTests.series(count: 130, period: 52)
    let own = try XCTUnwrap(
      SeasonallyAdjustedETSSettings.ownSeason(
        DemandSeries(start: Day(daysSinceEpoch: 2100), values: values), period: 52,
        minimumSeasons: 1, measuringNoise: true))
    XCTAssertEqual(own.indexNoiseVariance, 2.747725476579, accuracy: 1e-8)
    // Unasked (the prior's measurement, an own-only fit): the same season, no noise estimate.
    let plain = try XCTUnwrap(
      SeasonallyAdjustedETSSettings.ownSeason(
        DemandSeries(start: Day(daysSinceEpoch: 2100), values: values), period: 52,
        minimumSeasons: 1))
    XCTAssertEqual(plain.indices, own.indices)
    XCTAssertEqual(plain.indexNoiseVariance, 0)
  }

  /// Own indices (1, −1, 2, −2) against a prior of (0, 0, 0, 0): D = (1 + 1 + 4 + 4) / 4 = 2.5,
  /// so noise 0.5 gives w = 0.2; noise above D gives 1; no noise gives 0; the fixed share and
  /// `.none` ignore the noise.
  func testShareByHand() {
    let shape = [0.0, 0, 0, 0]
    func own(_ noise: Double) -> SeasonPrior.Contribution {
      SeasonPrior.Contribution(indices: [1, -1, 2, -2], level: 10, indexNoiseVariance: noise)
    }
    XCTAssertEqual(
      SeasonPooling.credibility.share(own: own(0.5), shape: shape), 0.2, accuracy: 1e-12)
    XCTAssertEqual(SeasonPooling.credibility.share(own: own(3), shape: shape), 1)
    XCTAssertEqual(SeasonPooling.credibility.share(own: own(0), shape: shape), 0)
    // Own indices equal to the prior: D = 0, the prior serves whole (the indices are the same).
    XCTAssertEqual(
      SeasonPooling.credibility.share(own: own(0.5), shape: [1, -1, 2, -2]), 1)
    XCTAssertEqual(SeasonPooling.fixed(share: 0.3).share(own: own(0.5), shape: shape), 0.3)
    XCTAssertEqual(SeasonPooling.none.share(own: own(0.5), shape: shape), 0)
  }

  /// The 130-week series with a flat prior: the fit's share is its noise variance over the
  /// mean square of its own last cycle (statsmodels' "52 last cycle"), and each index is
  /// (1 − w) × its own.
  func testFitTakesTheCredibleShare() throws {
    let values = STLDecompositionTests.series(count: 130, period: 52)
    let series = DemandSeries(start: Day(daysSinceEpoch: 2100), values: values)
    let flat = SeasonPrior(relativeIndices: [Double](repeating: 0, count: 52), seriesCount: 3)
    let model = try SeasonallyAdjustedETSSettings(
      period: 52, minimumSeasons: 1, pooling: .credibility,
      inner: AutoETSSettings(candidates: [.ann])
    ).fit(series, prior: flat)
    let last = WeeklySeasonalModelTests.lastCycle
    let distance = last.map { $0 * $0 }.reduce(0, +) / 52
    let expected = 2.747725476579 / distance
    XCTAssertLessThan(expected, 1)
    XCTAssertEqual(try XCTUnwrap(model.pooledShare), expected, accuracy: 1e-8)
    for t in 78..<130 {
      let slot = (2100 + t) % 52
      XCTAssertEqual(model.indices[slot], (1 - expected) * last[t - 78], accuracy: 1e-8)
    }
    XCTAssertEqual(model.name, "PooledSeasonalETS(52)+ETS(A,N,N)")
  }
}
