import Monitoring
import XCTest
import _TestSupport

/// The counted form of the KS test against scipy and against the expanded samples.
final class KolmogorovSmirnovCountsTests: XCTestCase {
  /// 20,000 against 12,000 observations on a few values (above the exact limit, so asymptotic).
  /// scipy 1.17.1 `ks_2samp(np.repeat(...), np.repeat(...))` (Fixtures/drift_fixtures.py):
  /// D = 0.19166666666666668 at 0.8, sign −1, p = 8.806987234364164e-242.
  func testLargeCountsMatchScipy() throws {
    let a: [Double: Int] = [0.5: 300, 0.7: 500, 0.8: 1200, 0.9: 800, 1.0: 17200]
    let b: [Double: Int] = [0.6: 100, 0.7: 900, 0.8: 2500, 1.0: 8500]
    let result = try KolmogorovSmirnov.twoSample(countsA: a, countsB: b)
    assertClose(result.statistic, 0.19166666666666668, relativeTolerance: 1e-15)
    assertClose(result.pValue, 8.806987234364164e-242, relativeTolerance: 1e-6)
    XCTAssertEqual(result.method, .asymptotic)
    XCTAssertEqual(result.location, 0.8)
    XCTAssertEqual(result.sign, -1)
    XCTAssertEqual(result.sampleSizeA, 20_000)
    XCTAssertEqual(result.sampleSizeB, 12_000)
  }

  /// Every method gives what the array form gives on the expanded samples, bit for bit.
  func testAgreesWithExpandedSamples() throws {
    let a: [Double: Int] = [1: 40, 2: 25, 3: 5, 7: 1]
    let b: [Double: Int] = [0: 3, 1: 20, 2: 30, 3: 12, 4: 0]
    func expand(_ counts: [Double: Int]) -> [Double] {
      counts.keys.sorted().flatMap { Array(repeating: $0, count: counts[$0] ?? 0) }
    }
    for method in KolmogorovSmirnov.Method.allCases {
      let counted = try KolmogorovSmirnov.twoSample(countsA: a, countsB: b, method: method)
      let expanded = try KolmogorovSmirnov.twoSample(expand(a), expand(b), method: method)
      XCTAssertEqual(counted, expanded, "\(method)")
    }
  }

  func testRefusesEmptyAndNegative() {
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample(countsA: [:], countsB: [1: 2])) {
      XCTAssertEqual($0 as? StatisticsError, .emptySample(sample: "countsA"))
    }
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample(countsA: [1: 0], countsB: [1: 2])) {
      XCTAssertEqual($0 as? StatisticsError, .emptySample(sample: "countsA"))
    }
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample(countsA: [1: 2], countsB: [1: -1])) {
      XCTAssertEqual(
        $0 as? StatisticsError, .negativeValue(sample: "countsB", index: 0, value: -1))
    }
    XCTAssertThrowsError(
      try KolmogorovSmirnov.twoSample(countsA: [.infinity: 2], countsB: [1: 1])
    ) {
      XCTAssertEqual($0 as? StatisticsError, .nonFiniteValue(sample: "countsA", index: 0))
    }
  }
}
