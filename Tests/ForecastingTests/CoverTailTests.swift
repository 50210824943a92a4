import Foundation
import XCTest
import _TestSupport

@testable import Forecasting

/// The backtest's cover tails: the probability integral transform against scipy, and the
/// coverage of covers drawn from a known distribution.
final class CoverTailTests: XCTestCase {
  func testTheTransformIsTheNegativeBinomialProbabilityBelowTheActual() {
    // Mean 12, variance 30: NB size 8, p 0.4. P(Y < 15) = P(Y ≤ 14):
    // python3 -c "from scipy.stats import nbinom; print(nbinom.cdf(14, 8, 0.4))"
    XCTAssertEqual(
      CoverTailTally.transform(actual: 15, mean: 12, variance: 30), 0.7101775843134466,
      accuracy: 1e-12)
    // Fractional units (money) round up: 14.2 fits under the quantile 15 exactly when 15 does.
    XCTAssertEqual(
      CoverTailTally.transform(actual: 14.2, mean: 12, variance: 30), 0.7101775843134466,
      accuracy: 1e-12)
    XCTAssertEqual(CoverTailTally.transform(actual: 0, mean: 12, variance: 30), 0)
    XCTAssertEqual(CoverTailTally.transform(actual: 3, mean: 0, variance: 0), 1)
  }

  /// 600 series with 3 origins of 14 days, forecast 20 a day. Days drawn as Poisson(20): the
  /// cover's negative binomial (Poisson here) is right, and each level covers its share (1,800
  /// covers, a standard error of 0.007 at 90 %). With a bulk buy of 80
  /// units on 2 % of days the 80 % bands barely move, but 1 − 0.98⁷ = 13.2 % of 7-day covers
  /// hold one, far above any quantile of a Poisson(140): at most 86.8 % can be covered.
  func testRightCoversMeetTheirLevelsAndHeavyTailsFallShort() {
    let days = 14
    var spread = HorizonSpread(
      factors: [Double](repeating: 1, count: days), points: [Int](repeating: 100, count: days))
    spread.cover = CoverSpread(
      ratios: [Double](repeating: 1, count: days), points: [Int](repeating: 100, count: days))
    func tails(bulkShare: Double) -> [CoverTail] {
      var random = SplitMix64(seed: 3)
      var tally = CoverTailTally()
      for _ in 0..<600 {
        var residuals: [[Double]] = []
        var prefixes: [(forecast: [Double], actual: [Double])] = []
        for _ in 0..<3 {
          let actual = (0..<days).map { _ -> Double in
            let bulk = Double.random(in: 0..<1, using: &random) < bulkShare ? 80.0 : 0
            return Self.poisson(mean: 20, using: &random) + bulk
          }
          residuals.append(actual.map { $0 - 20 })
          prefixes.append(([Double](repeating: 20, count: days), actual))
        }
        tally.add(residuals: residuals, prefixes: prefixes)
      }
      return tally.tails(spread: spread, cover: try! XCTUnwrap(spread.cover))
    }
    let right = tails(bulkShare: 0)
    XCTAssertEqual(right.map(\.coverDays), [7, 7, 7, 14, 14, 14])
    XCTAssertEqual(Set(right.map(\.movers)), [.slow], "no fast-mover ratios were measured")
    XCTAssertEqual(right.map(\.covers), [Int](repeating: 1_800, count: 6))
    for row in right {
      // A little above the level, never below it: each origin's band comes from the other
      // origins' 28 residuals, and a day's variance is never below the Poisson's, so a band
      // drawn narrow is floored while one drawn wide is kept (measured: 0.916, 0.966, 0.986 for
      // 7 days; 0.928, 0.968, 0.989 for 14).
      XCTAssertGreaterThanOrEqual(row.coveredShare, row.serviceLevel - 0.01, "\(row)")
      XCTAssertLessThanOrEqual(row.coveredShare, row.serviceLevel + 0.035, "\(row)")
    }
    let heavy = tails(bulkShare: 0.02)
    for row in heavy where row.coverDays == 7 {
      XCTAssertLessThanOrEqual(row.coveredShare, 0.868 + 0.01, "\(row)")
    }
  }

  /// Knuth's multiplication method (means up to a few dozen).
  static func poisson(mean: Double, using random: inout SplitMix64) -> Double {
    let limit = exp(-mean)
    var product = Double.random(in: 0..<1, using: &random)
    var count = 0.0
    while product > limit {
      product *= Double.random(in: 0..<1, using: &random)
      count += 1
    }
    return count
  }
}
