import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// The ridge recovers the effect of an external regressor simulated from its own form: demand
/// `s_t · (multiplier_t + 0.5 · event_t)` with a chain-wide event on about one day in ten, and
/// an observed regressor (a random walk) with no effect at all.
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
    let h = truth.horizonDays
    for index in 0..<60 {
      let level = 3 + Double(generator.below(38))
      let covariates = SeriesCovariates(
        key: SeriesKey(store: StoreID("S\(index)"), sku: SKUID("P1")), category: "dairy",
        external: external)
      // The scale as the layout defines it (the mean of the 364 days ending at t − h), by a
      // direct running sum, as in `simulatedSeries`.
      var values = [Double](repeating: 0, count: days)
      var runningSum = 0.0
      for t in 0..<days {
        let cut = t - h
        if cut >= 0 { runningSum += values[cut] }
        if cut - 364 >= 0 { runningSum -= values[cut - 364] }
        let windowDays = cut < 0 ? 0 : min(cut + 1, 364)
        let scale = windowDays >= 28 ? max(runningSum / Double(windowDays), 0.1) : level
        let day = start.adding(days: t)
        let mean =
          scale
          * (truth.multiplier(weekday: day.weekdayIndex, discount: 0) + eventEffect * events[t])
        values[t] = mean + scale.squareRoot() * truth.sigma * gaussian(&generator)
      }
      accumulator.add(
        DemandSeries(start: start, values: values), covariates: covariates,
        calendar: CalendarContext(holidays: []))
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
