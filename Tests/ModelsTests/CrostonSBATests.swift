import DemandCore
import XCTest
import _TestSupport

@testable import Models

final class CrostonSBATests: XCTestCase {
  private struct Fixture: Decodable {
    struct Case: Decodable {
      var name: String
      var y: [Double]
      var horizon: Int
      var sbaMean: [Double]
      var sbaFitted: [Double?]
      var optimizedMean: [Double]
      var optimizedSizeAlpha: Double?
      var optimizedIntervalAlpha: Double?
    }
    var cases: [Case]
  }

  private let start = Day(year: 2024, month: 3, day: 4)!

  /// statsforecast `CrostonSBA()` (α = 0.1 for both series, factor 0.95 = 1 − 0.1/2): the
  /// recursions are written with statsforecast's arithmetic, so the mean and the fitted values
  /// must agree to the last bit.
  func testFixedParametersMatchStatsforecastCrostonSBAExactly() throws {
    let fixture = try loadFixture("intermittent_croston", as: Fixture.self)
    XCTAssertEqual(fixture.cases.count, 6)
    for reference in fixture.cases {
      let series = DemandSeries(start: start, values: reference.y)
      let model = try CrostonSBASettings(sizeAlpha: 0.1, intervalAlpha: 0.1).fit(series)
      XCTAssertEqual(model.debiasingFactor, 0.95)
      XCTAssertEqual(
        model.predict(horizon: reference.horizon, levels: []).mean, reference.sbaMean,
        reference.name)
      assertClose(
        model.fittedValues, reference.sbaFitted.orNaN, relativeTolerance: 0, reference.name)
    }
  }

  /// statsforecast `CrostonOptimized()` searches each α by golden section to a bracket of 1e-12;
  /// ours takes the same steps and stops at 1e-6, so each α lies within half that, 5e-7, of
  /// statsforecast's. Given statsforecast's α the filter has statsforecast's arithmetic, so the
  /// undebiased mean ẑ / p̂ must then match its `CrostonOptimized` mean exactly.
  func testFittedParametersMatchStatsforecastCrostonOptimized() throws {
    let fixture = try loadFixture("intermittent_croston", as: Fixture.self)
    for reference in fixture.cases {
      let series = DemandSeries(start: start, values: reference.y)
      let model = try CrostonSBASettings().fit(series)
      let sizeAlpha = try XCTUnwrap(reference.optimizedSizeAlpha)
      let intervalAlpha = try XCTUnwrap(reference.optimizedIntervalAlpha)
      XCTAssertEqual(model.sizeAlpha, sizeAlpha, accuracy: 5e-7, reference.name)
      XCTAssertEqual(model.intervalAlpha, intervalAlpha, accuracy: 5e-7, reference.name)
      let atReference = try CrostonSBASettings(
        sizeAlpha: sizeAlpha, intervalAlpha: intervalAlpha
      ).fit(series)
      assertClose(
        atReference.state.sizeLevel / atReference.state.intervalLevel, reference.optimizedMean[0],
        relativeTolerance: 0, reference.name)
      // Our own mean, from α within 5e-7 of statsforecast's: the levels move by 5e-7 times
      // their relative sensitivity to α, which is of order one here (the observed relative
      // differences are at most 5e-7), so 1e-5 leaves a margin of 20.
      assertClose(
        model.meanPerDay / model.debiasingFactor, reference.optimizedMean[0],
        relativeTolerance: 1e-5, reference.name)
      XCTAssertEqual(
        model.meanPerDay,
        model.state.sizeLevel / model.state.intervalLevel
          * (1 - model.intervalAlpha / 2))
    }
  }

  /// The paired search follows statsforecast's `golden_section_ses` lane by lane: at its
  /// tolerance (1e-12) it must return statsforecast's α to the last bit.
  func testPairedGoldenSectionReproducesStatsforecastAtItsTolerance() throws {
    let fixture = try loadFixture("intermittent_croston", as: Fixture.self)
    for reference in fixture.cases {
      var sizes: [Double] = []
      var intervals: [Double] = []
      var sinceLast = 0.0
      for value in reference.y {
        sinceLast += 1
        if value > 0 {
          sizes.append(value)
          intervals.append(sinceLast)
          sinceLast = 0
        }
      }
      let alphas = sizes.withUnsafeBufferPointer { sizes in
        intervals.withUnsafeBufferPointer { intervals in
          SimpleExponentialSmoothing.fittedAlphas(
            sizes, intervals, lower: 0.1, upper: 0.3, tolerance: 1e-12)
        }
      }
      XCTAssertEqual(alphas[0], reference.optimizedSizeAlpha, reference.name)
      XCTAssertEqual(alphas[1], reference.optimizedIntervalAlpha, reference.name)
    }
  }

  func testCensoredDaysAreDroppedFromSizesAndIntervals() throws {
    let observed: [Double] = [0, 0, 3, 0, 1, 0, 0, 0, 4, 0, 2, 0, 0]
    // The same days with censored days spliced in (their values would be demand if read).
    var values: [Double] = []
    var censored: [Bool] = []
    var positions: [Int] = []
    for (index, value) in observed.enumerated() {
      if index % 3 == 1 {
        values.append(7)
        censored.append(true)
      }
      positions.append(values.count)
      values.append(value)
      censored.append(false)
    }
    let settings = CrostonSBASettings(sizeAlpha: 0.2, intervalAlpha: 0.15)
    let compact = try settings.fit(DemandSeries(start: start, values: observed))
    let spliced = try settings.fit(DemandSeries(start: start, values: values, censored: censored))
    XCTAssertEqual(spliced.state, compact.state)
    XCTAssertEqual(spliced.meanPerDay, compact.meanPerDay)
    assertClose(
      positions.map { spliced.fittedValues[$0] }, compact.fittedValues, relativeTolerance: 0)
    // A censored day is predicted by the state before it.
    for t in values.indices where censored[t] && t + 1 < values.count {
      XCTAssertEqual(spliced.fittedValues[t].isNaN, spliced.fittedValues[t + 1].isNaN)
      if !spliced.fittedValues[t].isNaN {
        XCTAssertEqual(spliced.fittedValues[t], spliced.fittedValues[t + 1])
      }
    }
    // Fitted parameters too: the same sizes and intervals give the same α.
    let fittedCompact = try CrostonSBASettings().fit(DemandSeries(start: start, values: observed))
    let fittedSpliced = try CrostonSBASettings().fit(
      DemandSeries(start: start, values: values, censored: censored))
    XCTAssertEqual(fittedSpliced.sizeAlpha, fittedCompact.sizeAlpha)
    XCTAssertEqual(fittedSpliced.intervalAlpha, fittedCompact.intervalAlpha)
  }

  func testStateByHand() throws {
    // Demands of 4 (interval 3) and 2 (interval 2), α = 0.5 for both.
    let model = try CrostonSBASettings(sizeAlpha: 0.5, intervalAlpha: 0.5).fit(
      DemandSeries(start: start, values: [0, 0, 4, 0, 2, 0, 0, 0]))
    XCTAssertEqual(model.state.sizeLevel, 3)
    XCTAssertEqual(model.state.intervalLevel, 2.5)
    XCTAssertEqual(model.state.demandDays, 2)
    XCTAssertEqual(model.state.observedDays, 8)
    XCTAssertEqual(model.meanPerDay, 3 / 2.5 * 0.75, accuracy: 1e-15)
    assertClose(
      model.fittedValues, [.nan, 0, 0, 4 / 3 * 0.75, 4 / 3 * 0.75, 0.9, 0.9, 0.9],
      relativeTolerance: 1e-15)
  }

  func testNamesAndFamily() {
    XCTAssertEqual(CrostonSBASettings().name, "CrostonSBA")
    XCTAssertEqual(
      CrostonSBASettings(sizeAlpha: 0.1, intervalAlpha: 0.2).name, "CrostonSBA(0.1,0.2)")
    XCTAssertEqual(
      CrostonSBASettings(smoothing: .fitted(lower: 0.05, upper: 0.5)).name,
      "CrostonSBA(0.05...0.5)")
    XCTAssertEqual(CrostonSBASettings().family, .croston)
  }

  func testAppliedToALongerSeriesKeepsParametersAndMovesTheState() throws {
    var random = SplitMix64(seed: 11)
    let values = (0..<200).map { _ in random.below(5) == 0 ? Double(1 + random.below(6)) : 0 }
    let series = DemandSeries(start: start, values: values)
    let model = try CrostonSBASettings().fit(series.prefix(150))
    let moved = model.applied(to: series)
    XCTAssertEqual(moved.sizeAlpha, model.sizeAlpha)
    XCTAssertEqual(moved.intervalAlpha, model.intervalAlpha)
    XCTAssertEqual(moved.dispersion, model.dispersion)
    let refiltered = try CrostonSBASettings(
      sizeAlpha: model.sizeAlpha, intervalAlpha: model.intervalAlpha
    ).fit(series)
    XCTAssertEqual(moved.state, refiltered.state)
    assertClose(moved.fittedValues, refiltered.fittedValues, relativeTolerance: 0)
    assertClose(Array(moved.fittedValues.prefix(150)), model.fittedValues, relativeTolerance: 0)
  }
}
