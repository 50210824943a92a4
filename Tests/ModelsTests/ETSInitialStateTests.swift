import DemandCore
import XCTest
import _TestSupport

@testable import Models

/// The least-squares initial states of the linear ETS models (`estimatesInitialStates`).
final class ETSInitialStateTests: XCTestCase {
  let start = Day(year: 2025, month: 1, day: 6)!

  /// An exactly weekly series (level 10, seasonal states summing to 0) is fitted with zero
  /// error from the right initial states whatever the parameters, so least squares must return
  /// exactly those states.
  func testRecoversTheStatesOfAnExactlyPeriodicSeries() throws {
    let season = [2.0, -1, 0, 1, -2, 0.5, -0.5]
    let values = (0..<84).map { 10 + season[$0 % 7] }
    let settings = ETSSettings.ana
    let estimator = try ETSEstimator(
      settings: settings, series: DemandSeries(start: start, values: values))
    let state = try XCTUnwrap(
      estimator.optimalInitialState(parameters: ETSParameters(alpha: 0.3, gamma: 0.2)))
    // A 9 × 9 Cholesky solve on exact data: 1e-9 absolute is far above its rounding.
    assertClose([state.level], [10], absoluteTolerance: 1e-9)
    assertClose(state.season, season, absoluteTolerance: 1e-9)
  }

  /// On a noisy series the estimated states give a sum of squared errors no larger than the
  /// heuristic ones at the same parameters, and the fit's likelihood is no worse.
  func testNeverWorseThanTheHeuristicStates() throws {
    var random = SplitMix64(seed: 11)
    let season = [3.0, -1, 0, 1, -2, 0.5, -1.5]
    var censored = [Bool](repeating: false, count: 200)
    censored[40] = true
    censored[120] = true
    let values = (0..<200).map { t -> Double in
      let noise = Double(random.next() % 1000) / 100 - 5
      return 20 + 0.01 * Double(t) + season[t % 7] + noise
    }
    let series = DemandSeries(start: start, values: values, censored: censored)
    for settings in [ETSSettings.ana, ETSSettings.aada, ETSSettings.ann] {
      let estimator = try ETSEstimator(settings: settings, series: series)
      let parameters = ETSParameters(alpha: 0.1, beta: 0.01, gamma: 0.05, phi: 0.9)
      let heuristic = try XCTUnwrap(
        ETSInitialisation.heuristic(
          settings: settings, values: series.values, censored: series.censored))
      let optimal = try XCTUnwrap(estimator.optimalInitialState(parameters: parameters))
      func sse(_ state: ETSState) -> Double {
        FittedETS(settings: settings, parameters: parameters, initialState: state, series: series)
          .sigma2
      }
      XCTAssertLessThanOrEqual(sse(optimal), sse(heuristic) * (1 + 1e-12), settings.name)
      var estimating = settings
      estimating.estimatesInitialStates = true
      XCTAssertGreaterThanOrEqual(
        try estimating.fit(series).logLikelihood, try settings.fit(series).logLikelihood - 1e-9,
        settings.name)
    }
  }
}
