import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// The ridge recovers the effect of an external regressor simulated from its own form: demand
/// `s_t · (multiplier_t + 0.5 · event_t)` (`simulatedSeries`, promotions included) with a
/// chain-wide event on about one day in ten, and an observed regressor (a random walk) with no
/// effect at all.
final class RidgeRegressorTests: XCTestCase {
  func testFitRecoversAKnownRegressorsEffectAndIgnoresAnUnrelatedOne() throws {
    let truth = RidgeTruth()
    let eventEffect = 0.5
    let start = Day(year: 2023, month: 1, day: 2)!
    let days = 600
    var generator = SplitMix64(seed: 11)
    let events = (0..<(days + 28)).map { _ in generator.below(10) == 0 ? 1.0 : 0.0 }
    var walk = 10.0
    let temperatures = (0..<(days + 28)).map { _ -> Double in
      walk += gaussian(&generator)
      return walk
    }
    let external = [
      "event": CovariateSeries(firstDay: start, values: events),
      "temperature": CovariateSeries(firstDay: start, values: temperatures),
    ]
    var settings = RidgeSettings(horizonDays: truth.horizonDays, penalties: [1e-9])
    settings.externalRegressors = [
      ExternalRegressor(name: "event", knownInAdvance: true),
      ExternalRegressor(name: "temperature", knownInAdvance: false),
    ]
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: days - 1))
    for index in 0..<60 {
      let (series, covariates) = simulatedSeries(
        index: index, level: 3 + Double(generator.below(38)), start: start, days: days,
        truth: truth, generator: &generator, external: external,
        effect: { eventEffect * events[$0] })
      accumulator.add(series, covariates: covariates, calendar: CalendarContext(holidays: []))
    }
    let model = try accumulator.fit()
    XCTAssertEqual(model.featureNames.suffix(2), ["x_event", "x_temperature_lag"])
    // About 3,400 event rows of mean scale ~20 with σ = 0.3: a standard error near
    // 0.3 / √(3,400 · 20) ≈ 0.0012; 0.02 is many of them.
    let event = try XCTUnwrap(model.coefficient(.external(settings.externalRegressors[0])))
    XCTAssertEqual(event, eventEffect, accuracy: 0.02)
    // A walk of a few units per week: an effect of 0.002 per unit would still be 0.02 of demand
    // over 10 units; the true effect is 0.
    let temperature = try XCTUnwrap(model.coefficient(.external(settings.externalRegressors[1])))
    XCTAssertEqual(temperature, 0, accuracy: 0.002)
  }
}
