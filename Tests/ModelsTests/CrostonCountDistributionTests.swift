import XCTest
import _TestSupport

@testable import Models

/// The count distribution behind the quantiles of the moving average, Croston–SBA and TSB.
final class CrostonCountDistributionTests: XCTestCase {
  private struct Fixture: Decodable {
    struct Case: Decodable {
      var mean: Double
      var dispersion: Double
      var levels: [Double]
      var quantiles: [Double]
      var call: String
    }
    var cases: [Case]
  }

  /// scipy.stats `poisson.ppf` / `nbinom.ppf`: both return the smallest count whose cumulative
  /// probability reaches the level, so they must agree exactly, except above a mean of 700
  /// where we use the Cornish–Fisher expansion, allowed one unit (about 0.1 %).
  func testQuantilesMatchScipy() throws {
    let fixture = try loadFixture("intermittent_count_quantiles", as: Fixture.self)
    XCTAssertEqual(fixture.cases.count, 13)
    for reference in fixture.cases {
      let quantiles = CountDistribution.quantiles(
        mean: reference.mean, dispersion: reference.dispersion, levels: reference.levels)
      let tolerance = reference.mean > 700 ? 1.0 : 0
      assertClose(
        quantiles, reference.quantiles, relativeTolerance: 0, absoluteTolerance: tolerance,
        reference.call)
    }
  }

  func testDegenerateMeans() {
    XCTAssertEqual(
      CountDistribution.quantiles(mean: 0, dispersion: 3, levels: [0.1, 0.99]), [0, 0])
    XCTAssertTrue(
      CountDistribution.quantiles(mean: .nan, dispersion: 0, levels: [0.5]).allSatisfy(\.isNaN))
  }

  func testDispersionByMomentsSkipsCensoredAndWarmUpDays() {
    let series = DemandSeries(
      start: .init(daysSinceEpoch: 0), values: [0, 4, 0, 9, 0, 2],
      censored: [false, false, false, true, false, false])
    let fitted: [Double] = [.nan, 1, 2, 2, 1, 1]
    // Days 1, 2, 4, 5: Σ[(y − f)² − f] = (9 − 1) + (4 − 2) + (1 − 1) + (1 − 1) = 10; Σf² = 7.
    XCTAssertEqual(CountDistribution.dispersion(series: series, fitted: fitted), 10.0 / 7)
    // Under-dispersed data: Poisson.
    let steady = DemandSeries(start: .init(daysSinceEpoch: 0), values: [2, 2, 2, 2])
    XCTAssertEqual(CountDistribution.dispersion(series: steady, fitted: [.nan, 2, 2, 2]), 0)
    // No positive prediction: Poisson.
    let zeros = DemandSeries(start: .init(daysSinceEpoch: 0), values: [0, 0, 3])
    XCTAssertEqual(CountDistribution.dispersion(series: zeros, fitted: [.nan, 0, 0]), 0)
  }

  func testPathsAreSortedFlatAndNested() {
    let paths = CountDistribution.flatPaths(
      mean: 1.3, dispersion: 0.8, horizon: 5, levels: [0.9, 0.1, 0.5])
    XCTAssertEqual(paths.map(\.level), [0.1, 0.5, 0.9])
    for path in paths { XCTAssertEqual(Set(path.values).count, 1) }
    XCTAssertLessThan(paths[0].values[0], paths[2].values[0])
  }
}
