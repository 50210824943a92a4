import Monitoring
import XCTest
import _TestSupport

/// `KolmogorovSmirnov.twoSample` against scipy 1.17.1 `ks_2samp` on the cases of
/// `Fixtures/ks_fixtures.json` (continuous data, heavy ties, unequal and equal sizes, tiny and
/// identical and disjoint samples, samples of 10⁴ to 10⁵ values; each with 'auto', 'exact'
/// and 'asymp').
final class KolmogorovSmirnovReferenceTests: XCTestCase {
  func testMatchesScipyKs2samp() throws {
    let reference = try KSReference.load()
    XCTAssertGreaterThanOrEqual(reference.twoSample.count, 30)
    for testCase in reference.twoSample {
      let a = testCase.a.expanded
      let b = testCase.b.expanded
      for expected in testCase.results {
        let method = try XCTUnwrap(KolmogorovSmirnov.Method(scipyName: expected.method))
        let used = try XCTUnwrap(KolmogorovSmirnov.Method(scipyName: expected.methodUsed))
        let context = "\(testCase.name), method \(expected.method)"
        let result = try KolmogorovSmirnov.twoSample(a, b, method: method)
        XCTAssertEqual(result.method, used, context)
        XCTAssertEqual(result.sampleSizeA, a.count, context)
        XCTAssertEqual(result.sampleSizeB, b.count, context)
        XCTAssertEqual(result.location, expected.location, context)
        XCTAssertEqual(result.sign, expected.sign, context)
        // The statistic is the same arithmetic as scipy's (i/n_A − j/n_B, or h/lcm).
        assertClose(
          result.statistic, expected.statistic, relativeTolerance: 0, absoluteTolerance: 1e-15,
          context)
        guard let p = expected.pValue else {
          XCTAssertTrue(result.pValue.isNaN, "\(context): scipy's p-value is NaN")
          continue
        }
        // The issue asks for 1e-6; the same algorithms agree far closer (worst seen: 4e-13
        // relative, 4e-15 absolute), so a regression shows up long before that.
        assertClose(result.pValue, p, relativeTolerance: 1e-10, absoluteTolerance: 1e-15, context)
      }
    }
  }
}
