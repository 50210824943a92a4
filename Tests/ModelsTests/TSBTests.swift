import DemandCore
import XCTest
import _TestSupport

@testable import Models

final class TSBTests: XCTestCase {
  private struct Fixture: Decodable {
    struct Case: Decodable {
      var name: String
      var alphaD: Double
      var alphaP: Double
      var y: [Double]
      var horizon: Int
      var mean: [Double]
      var fitted: [Double?]
    }
    var cases: [Case]
  }

  private let start = Day(year: 2024, month: 3, day: 4)!

  /// statsforecast `TSB(alphaD, alphaP)`: the recursions are written with statsforecast's
  /// arithmetic, so the mean and the fitted values must agree to the last bit.
  func testFixedParametersMatchStatsforecastTSBExactly() throws {
    let fixture = try loadFixture("intermittent_tsb", as: Fixture.self)
    XCTAssertEqual(fixture.cases.count, 18)
    for reference in fixture.cases {
      let context = "\(reference.name) α_d \(reference.alphaD) α_p \(reference.alphaP)"
      let model = try TSBSettings(
        demandAlpha: reference.alphaD, probabilityAlpha: reference.alphaP
      ).fit(DemandSeries(start: start, values: reference.y))
      XCTAssertEqual(
        model.predict(horizon: reference.horizon, levels: []).mean, reference.mean, context)
      assertClose(model.fittedValues, reference.fitted.orNaN, relativeTolerance: 0, context)
    }
  }

  func testStateByHandDecaysOverDaysWithoutDemand() throws {
    let model = try TSBSettings(demandAlpha: 0.5, probabilityAlpha: 0.5).fit(
      DemandSeries(start: start, values: [0, 4, 2, 0, 0]))
    // p: 0 → 0.5 → 0.75 → 0.375 → 0.1875; z: 4 → 3.
    XCTAssertEqual(model.state.probabilityLevel, 0.1875)
    XCTAssertEqual(model.state.sizeLevel, 3)
    XCTAssertEqual(model.meanPerDay, 0.5625)
    assertClose(model.fittedValues, [.nan, 0, 2, 2.25, 1.125], relativeTolerance: 0)
  }

  /// The fitted parameters minimise the in-sample squared error over the box: no point of a
  /// fine 41 × 41 grid does better by more than 1e-6 relative. The grid's spacing (0.00725) is
  /// wider than the compass search's last step (1e-3), and the error is smooth near its minimum,
  /// so the search lands at least as close to the minimum as the nearest grid point.
  func testFittedParametersMinimiseTheInSampleError() throws {
    var random = SplitMix64(seed: 5)
    for p in [2, 4, 7] {
      let values = (0..<240).map { t in
        random.below(10) < p ? Double(1 + random.below(t < 120 ? 3 : 8)) : 0
      }
      let series = DemandSeries(start: start, values: values)
      let model = try TSBSettings().fit(series)
      XCTAssertTrue((0.01...0.3).contains(model.demandAlpha), "\(model.demandAlpha)")
      XCTAssertTrue((0.01...0.3).contains(model.probabilityAlpha), "\(model.probabilityAlpha)")
      let found = values.withUnsafeBufferPointer {
        TSBSettings.sumOfSquaredErrors(
          $0, demandAlpha: model.demandAlpha, probabilityAlpha: model.probabilityAlpha)
      }
      // The kernel and the filter agree: the error of the recorded fitted values.
      var fromFilter = 0.0
      for t in 1..<values.count {
        let error = values[t] - model.fittedValues[t]
        fromFilter += error * error
      }
      XCTAssertEqual(found, fromFilter, accuracy: 1e-9 * found)
      // The grid, four points per call of the kernel.
      let grid = (0...40).map { (step: Int) -> Double in 0.01 + 0.29 * Double(step) / 40 }
      var best = Double.infinity
      values.withUnsafeBufferPointer { y in
        for demand in grid {
          for first in stride(from: 0, to: grid.count, by: 4) {
            let lanes = (0..<4).map { grid[min(first + $0, grid.count - 1)] }
            let sums = TSBSettings.sumOfSquaredErrors(
              y, demandAlphas: SIMD4(repeating: demand), probabilityAlphas: SIMD4(lanes))
            best = min(best, sums.min())
          }
        }
      }
      XCTAssertLessThanOrEqual(found, best * (1 + 1e-6), "demand probability 0.\(p)")
    }
  }

  func testCensoredDaysAreSkipped() throws {
    let observed: [Double] = [0, 3, 0, 0, 1, 0, 5, 0, 0, 0, 2]
    var values: [Double] = []
    var censored: [Bool] = []
    var positions: [Int] = []
    for (index, value) in observed.enumerated() {
      if index % 4 == 2 {
        values.append(contentsOf: [0, 9])
        censored.append(contentsOf: [true, true])
      }
      positions.append(values.count)
      values.append(value)
      censored.append(false)
    }
    for settings in [TSBSettings(demandAlpha: 0.2, probabilityAlpha: 0.3), TSBSettings()] {
      let compact = try settings.fit(DemandSeries(start: start, values: observed))
      let spliced = try settings.fit(
        DemandSeries(start: start, values: values, censored: censored))
      XCTAssertEqual(spliced.demandAlpha, compact.demandAlpha)
      XCTAssertEqual(spliced.probabilityAlpha, compact.probabilityAlpha)
      XCTAssertEqual(spliced.state, compact.state)
      assertClose(
        positions.map { spliced.fittedValues[$0] }, compact.fittedValues, relativeTolerance: 0)
    }
  }

  func testAppliedToALongerSeriesKeepsParametersAndMovesTheState() throws {
    var random = SplitMix64(seed: 13)
    let values = (0..<200).map { _ in random.below(3) == 0 ? Double(1 + random.below(4)) : 0 }
    let series = DemandSeries(start: start, values: values)
    let model = try TSBSettings().fit(series.prefix(120))
    let moved = model.applied(to: series)
    XCTAssertEqual(moved.demandAlpha, model.demandAlpha)
    XCTAssertEqual(moved.probabilityAlpha, model.probabilityAlpha)
    XCTAssertEqual(moved.dispersion, model.dispersion)
    let refiltered = try TSBSettings(
      demandAlpha: model.demandAlpha, probabilityAlpha: model.probabilityAlpha
    ).fit(series)
    XCTAssertEqual(moved.state, refiltered.state)
    assertClose(Array(moved.fittedValues.prefix(120)), model.fittedValues, relativeTolerance: 0)
  }

  func testNamesAndFamily() {
    XCTAssertEqual(TSBSettings().name, "TSB")
    XCTAssertEqual(TSBSettings(demandAlpha: 0.1, probabilityAlpha: 0.2).name, "TSB(0.1,0.2)")
    XCTAssertEqual(TSBSettings(smoothing: .fitted(lower: 0.05, upper: 0.5)).name, "TSB(0.05...0.5)")
    XCTAssertEqual(TSBSettings().family, .tsb)
  }
}
