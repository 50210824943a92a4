import Foundation
import Monitoring
import XCTest
import _TestSupport

final class ChiSquareTests: XCTestCase {
  /// Rows (30, 70) and (45, 55): totals 100 and 100, N = 200, column totals 75 and 125, so
  /// every expected count is (37.5, 62.5) and
  /// χ² = 2 · 7.5²/37.5 + 2 · 7.5²/62.5 = 2 · 1.5 + 2 · 0.9 = 4.8 on 1 df;
  /// p = Q(1/2, 2.4) = erfc(√2.4); V = √(4.8/200) = √0.024.
  func testTwoByTwoByHand() throws {
    let result = try ChiSquare.homogeneity(observedA: [30, 70], observedB: [45, 55])
    assertClose(result.statistic, 4.8, relativeTolerance: 1e-14)
    XCTAssertEqual(result.degreesOfFreedom, 1)
    assertClose(result.pValue, erfc(2.4.squareRoot()), relativeTolerance: 1e-12)
    assertClose(result.cramersV, 0.024.squareRoot(), relativeTolerance: 1e-14)
    XCTAssertEqual(result.total, 200)
  }

  /// Disjoint mixes (10, 20, 0, 0) and (0, 0, 5, 15): each column holds one row only, so
  /// O = column total in the row that has it and χ² = N (min(2, 4) − 1) = 50 on 3 df,
  /// V = √(50/50) = 1, and p = Q(3/2, 25) = erfc(5) + 2 √(25/π) e^{−25}.
  func testDisjointMixesByHand() throws {
    let result = try ChiSquare.homogeneity(observedA: [10, 20, 0, 0], observedB: [0, 0, 5, 15])
    assertClose(result.statistic, 50, relativeTolerance: 1e-14)
    XCTAssertEqual(result.degreesOfFreedom, 3)
    assertClose(result.cramersV, 1, relativeTolerance: 1e-14)
    let expected = erfc(5) + 2 * (25 / Double.pi).squareRoot() * exp(-25)
    assertClose(result.pValue, expected, relativeTolerance: 1e-12)
  }

  /// Same mix at different totals: every O equals its E, so χ² = 0, p = 1, V = 0. Categories
  /// empty on both sides are dropped: 4 categories, 2 used, 1 df.
  func testProportionalMixesAndEmptyCategories() throws {
    let result = try ChiSquare.homogeneity(observedA: [0, 5, 10, 0], observedB: [0, 10, 20, 0])
    XCTAssertEqual(result.statistic, 0, accuracy: 1e-13)
    XCTAssertEqual(result.degreesOfFreedom, 1)
    XCTAssertEqual(result.pValue, 1, accuracy: 1e-6)
    XCTAssertEqual(result.cramersV, 0, accuracy: 1e-7)
  }

  /// One shared category: no evidence either way (scipy: statistic 0, p 1, dof 0).
  func testSingleCategoryCarriesNoEvidence() throws {
    let result = try ChiSquare.homogeneity(observedA: [7, 0], observedB: [3, 0])
    XCTAssertEqual(
      result,
      ChiSquareResult(
        statistic: 0, degreesOfFreedom: 0, pValue: 1, cramersV: 0, total: 10))
  }

  func testHomogeneityMatchesScipyChi2Contingency() throws {
    let reference = try ChiSquareReference.load()
    for expected in reference.homogeneity {
      let result = try ChiSquare.homogeneity(observedA: expected.a, observedB: expected.b)
      // Sums of at most 40 terms: agreement to a few ulps, checked at 1e-12.
      assertClose(
        result.statistic, expected.statistic, relativeTolerance: 1e-12, absoluteTolerance: 1e-12,
        expected.name)
      XCTAssertEqual(result.degreesOfFreedom, expected.degreesOfFreedom, expected.name)
      assertClose(
        result.pValue, expected.pValue, relativeTolerance: 1e-10, absoluteTolerance: 1e-15,
        expected.name)
      assertClose(
        result.cramersV, expected.cramersV, relativeTolerance: 1e-12, absoluteTolerance: 1e-12,
        expected.name)
    }
  }

  /// Observed (10, 30) against an even reference: N = 40, E = (20, 20),
  /// χ² = 10²/20 + 10²/20 = 10 on 1 df, p = erfc(√5), V = √(10 / (40 · 1)) = 0.5.
  func testGoodnessOfFitByHand() throws {
    let result = try ChiSquare.goodnessOfFit(observed: [10, 30], expected: [0.5, 0.5])
    assertClose(result.statistic, 10, relativeTolerance: 1e-14)
    XCTAssertEqual(result.degreesOfFreedom, 1)
    assertClose(result.pValue, erfc(5.0.squareRoot()), relativeTolerance: 1e-12)
    assertClose(result.cramersV, 0.5, relativeTolerance: 1e-14)
    // A count where the reference has none is impossible under the null.
    let impossible = try ChiSquare.goodnessOfFit(observed: [10, 30, 1], expected: [1, 1, 0])
    XCTAssertEqual(impossible.statistic, .infinity)
    XCTAssertEqual(impossible.pValue, 0)
    XCTAssertEqual(impossible.degreesOfFreedom, 2)
    // A category empty on both sides is dropped.
    let dropped = try ChiSquare.goodnessOfFit(observed: [10, 30, 0], expected: [1, 1, 0])
    XCTAssertEqual(dropped, result)
  }

  func testGoodnessOfFitMatchesScipyChisquare() throws {
    let reference = try ChiSquareReference.load()
    for expected in reference.goodnessOfFit {
      let result = try ChiSquare.goodnessOfFit(
        observed: expected.observed, expected: expected.expected)
      assertClose(
        result.statistic, expected.statistic, relativeTolerance: 1e-12, absoluteTolerance: 1e-12,
        expected.name)
      XCTAssertEqual(result.degreesOfFreedom, expected.degreesOfFreedom, expected.name)
      assertClose(
        result.pValue, expected.pValue, relativeTolerance: 1e-10, absoluteTolerance: 1e-15,
        expected.name)
      assertClose(
        result.cramersV, expected.cramersV, relativeTolerance: 1e-12, absoluteTolerance: 1e-12,
        expected.name)
    }
  }

  func testRejectsBadCounts() {
    XCTAssertThrowsError(try ChiSquare.homogeneity(observedA: [1, 2], observedB: [1])) { error in
      XCTAssertEqual(error as? StatisticsError, .categoryCountMismatch(expected: 2, received: 1))
    }
    XCTAssertThrowsError(try ChiSquare.homogeneity(observedA: [0, 0], observedB: [1, 1])) {
      error in
      XCTAssertEqual(error as? StatisticsError, .emptySample(sample: "observedA"))
    }
    XCTAssertThrowsError(try ChiSquare.homogeneity(observedA: [1, -2], observedB: [1, 1])) {
      error in
      XCTAssertEqual(
        error as? StatisticsError, .negativeValue(sample: "observedA", index: 1, value: -2))
    }
    XCTAssertThrowsError(try ChiSquare.goodnessOfFit(observed: [1, .nan], expected: [1, 1])) {
      error in
      XCTAssertEqual(error as? StatisticsError, .nonFiniteValue(sample: "observed", index: 1))
    }
  }

  /// The chi-square survival function is Q(df/2, x/2): with 2 df it is e^{−x/2}.
  func testSurvivalWithTwoDegreesOfFreedom() {
    for x in [0.1, 1, 5.991464547107979, 20] {
      assertClose(ChiSquare.survival(x, degreesOfFreedom: 2), exp(-x / 2), relativeTolerance: 1e-13)
    }
    XCTAssertEqual(ChiSquare.survival(0, degreesOfFreedom: 3), 1)
  }
}
