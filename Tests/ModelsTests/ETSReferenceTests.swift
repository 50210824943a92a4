import DemandCore
import Foundation
import Models
import XCTest
import _TestSupport

/// The reference values of `Fixtures/ets_reference.json`, produced by
/// `Fixtures/ets_reference.py` (statsforecast 2.1.1 `etscalc`, statsmodels 0.15 `ETSModel`,
/// scipy; the command and the source of every value are in the script's docstring).
struct ETSReference: Decodable {
  struct Parameters: Decodable {
    var alpha: Double
    var beta: Double
    var gamma: Double
    var phi: Double
    var model: ETSParameters { ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi) }
  }
  struct State: Decodable {
    var level: Double
    var trend: Double
    var season: [Double]
    var model: ETSState { ETSState(level: level, trend: trend, season: season) }
  }
  struct Interval: Decodable {
    var lower: [Double]
    var upper: [Double]
  }
  struct FixedCase: Decodable {
    var model: String
    var parameters: Parameters
    var initial: State
    var fitted: [Double]
    var final: State
    var logLikelihood: Double
    var sigma2: Double
    var forecast: [Double]
    var aicc: Double?
    var intervals: [String: Interval]?
  }
  struct MLCase: Decodable {
    var model: String
    var parameters: Parameters
    var logLikelihood: Double
    var forecast: [Double]
    var sigma2: Double
    var statsmodelsLogLikelihood: Double?
    var statsmodelsAICc: Double?
  }
  struct Simulation: Decodable {
    var model: String
    var paths: Int
    var mean: [Double]
    var variance: [Double]
  }
  struct Selection: Decodable {
    var seasonal: [Double]
    var whiteNoise: [Double]
  }

  var seasonLength: Int
  var series: [Double]
  var heuristic: [String: State]
  var fixed: [FixedCase]
  var ml: [MLCase]
  var simulation: [Simulation]
  var selection: Selection

  static func load() throws -> ETSReference {
    let url = try XCTUnwrap(
      Bundle.module.url(
        forResource: "ets_reference", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(ETSReference.self, from: Data(contentsOf: url))
  }

  static let start = Day(year: 2024, month: 1, day: 1)!

  var demand: DemandSeries { DemandSeries(start: Self.start, values: series) }

  /// The settings for a code of the fixture (`ANA`, `AAdA`, `MNM`, …).
  static func settings(_ code: String) -> ETSSettings {
    let error: ETSSettings.ErrorType = code.hasPrefix("M") ? .multiplicative : .additive
    let trendCode = code.dropFirst().dropLast()
    let trend: ETSSettings.TrendType =
      trendCode == "Ad" ? .additiveDamped : trendCode == "A" ? .additive : .none
    let season: ETSSettings.SeasonType =
      code.hasSuffix("M") ? .multiplicative : code.hasSuffix("A") ? .additive : .none
    return ETSSettings(error: error, trend: trend, season: season)
  }
}

/// Fixed parameters and initial states: the filter, likelihood, forecasts and additive
/// intervals against statsforecast's `etscalc` and statsmodels' `ETSModel.smooth`.
final class ETSReferenceTests: XCTestCase {
  // Same recursions in the same form as `etscalc`, summed in the same order: agreement to a few
  // ulps per step, so 1e-10 relative over 56 steps leaves a wide margin.
  let tight = 1e-10

  func testFixedParametersReproduceFittedValuesStatesAndLikelihood() throws {
    let reference = try ETSReference.load()
    XCTAssertEqual(
      Set(reference.fixed.map(\.model)), ["ANA", "AAdA", "MNM", "MAdM"], "fixture coverage")
    for item in reference.fixed {
      let fitted = FittedETS(
        settings: ETSReference.settings(item.model), parameters: item.parameters.model,
        initialState: item.initial.model, series: reference.demand)
      assertClose(fitted.fittedValues, item.fitted, relativeTolerance: tight, item.model)
      assertClose(fitted.finalState.level, item.final.level, relativeTolerance: tight)
      assertClose(
        fitted.finalState.trend, item.final.trend, relativeTolerance: 1e-8,
        absoluteTolerance: 1e-12, "\(item.model) trend (near zero)")
      assertClose(
        fitted.finalState.season, item.final.season, relativeTolerance: tight,
        absoluteTolerance: 1e-12, "\(item.model) season")
      assertClose(fitted.logLikelihood, item.logLikelihood, relativeTolerance: tight, item.model)
      assertClose(fitted.sigma2, item.sigma2, relativeTolerance: tight, item.model)
      XCTAssertEqual(fitted.observedCount, reference.series.count)
      if let statsmodelsAICc = item.aicc {
        // statsmodels counts the smoothing parameters and σ² (its heuristic states are not
        // parameters); the same formula with our k, which adds level, trend and m − 1 seasonal
        // states, must give our AICc.
        let n = Double(reference.series.count)
        func aicc(_ k: Double) -> Double {
          -2 * item.logLikelihood + 2 * k + 2 * k * (k + 1) / (n - k - 1)
        }
        let smoothing = item.model == "ANA" ? 2.0 : 4.0
        assertClose(aicc(smoothing + 1), statsmodelsAICc, relativeTolerance: tight, "formula")
        let states = item.model == "ANA" ? 7.0 : 8.0
        XCTAssertEqual(fitted.parameterCount, Int(smoothing + states + 1))
        assertClose(
          fitted.aicc, aicc(smoothing + states + 1), relativeTolerance: tight,
          "\(item.model) AICc")
      }
    }
  }

  func testPointForecastsMatchReference() throws {
    let reference = try ETSReference.load()
    for item in reference.fixed {
      let fitted = FittedETS(
        settings: ETSReference.settings(item.model), parameters: item.parameters.model,
        initialState: item.initial.model, series: reference.demand)
      let forecast = fitted.predict(horizon: item.forecast.count, levels: [])
      assertClose(forecast.mean, item.forecast, relativeTolerance: tight, item.model)
    }
  }

  /// Class-1 variance σ²(1 + Σcⱼ²) against statsmodels' analytic intervals
  /// (`get_prediction(...).summary_frame(alpha)`, mse = SSE/n), 28 days ahead, which covers
  /// four seasonal cycles and so the γ terms.
  func testAdditiveIntervalsMatchStatsmodels() throws {
    let reference = try ETSReference.load()
    var checked = 0
    for item in reference.fixed {
      guard let intervals = item.intervals else { continue }
      let fitted = FittedETS(
        settings: ETSReference.settings(item.model), parameters: item.parameters.model,
        initialState: item.initial.model, series: reference.demand)
      for (key, interval) in intervals {
        let level = try XCTUnwrap(Double(key))
        let lower = (1 - level) / 2
        let upper = (1 + level) / 2
        let forecast = fitted.predict(horizon: interval.lower.count, levels: [lower, upper])
        // statsmodels takes scipy's normal quantile; ours is within 1e-15 of it, the rest is
        // the filter's rounding.
        assertClose(
          try XCTUnwrap(forecast.quantile(lower)), interval.lower, relativeTolerance: 1e-9,
          "\(item.model) \(key) lower")
        assertClose(
          try XCTUnwrap(forecast.quantile(upper)), interval.upper, relativeTolerance: 1e-9,
          "\(item.model) \(key) upper")
        checked += 1
      }
    }
    XCTAssertEqual(checked, 4, "ANA and AAdA at two levels each")
  }

  /// The heuristic initial states equal statsmodels' `_initialization_heuristic`.
  func testHeuristicInitialStatesMatchStatsmodels() throws {
    let reference = try ETSReference.load()
    XCTAssertEqual(reference.heuristic.count, 6)
    for (code, state) in reference.heuristic {
      let fitted = try ETSReference.settings(code).fit(reference.demand)
      // A moving average and a ten-point regression: a handful of roundings.
      assertClose(fitted.initialState.level, state.level, relativeTolerance: 1e-12, code)
      assertClose(
        fitted.initialState.trend, state.trend, relativeTolerance: 1e-9, absoluteTolerance: 1e-13,
        code)
      assertClose(
        fitted.initialState.season, state.season, relativeTolerance: 1e-12,
        absoluteTolerance: 1e-13, code)
    }
  }
}
