import Foundation
import Monitoring
import XCTest
import _TestSupport

final class PopulationStabilityTests: XCTestCase {
  /// Shares (1/2, 1/2) against (1/4, 3/4):
  /// PSI = (1/4 − 1/2) ln(1/2) + (3/4 − 1/2) ln(3/2) = ¼ (ln 2 + ln 3/2) = ¼ ln 3.
  func testPreBinnedSharesByHand() throws {
    let result = try PopulationStability.index(expectedShares: [0.5, 0.5], actualShares: [1, 3])
    assertClose(result.index, log(3) / 4, relativeTolerance: 1e-14)
    assertClose(result.actualShares, [0.25, 0.75], relativeTolerance: 0)
    XCTAssertEqual(result.upperEdges, [])
  }

  /// An empty reference bin is floored at 10⁻⁴ (no renormalisation):
  /// (0.5 − 1) ln(0.5 / 1) + (0.5 − 10⁻⁴) ln(0.5 / 10⁻⁴) = 0.5 ln 2 + 0.4999 ln 5000.
  func testFloorForEmptyBinsByHand() throws {
    let result = try PopulationStability.index(expectedShares: [1, 0], actualShares: [0.5, 0.5])
    assertClose(result.index, 0.5 * log(2) + 0.4999 * log(5000), relativeTolerance: 1e-14)
    assertClose(result.expectedShares, [1, 0], relativeTolerance: 0)
    let coarser = try PopulationStability.index(
      expectedShares: [1, 0], actualShares: [0.5, 0.5], floor: 1e-2)
    assertClose(coarser.index, 0.5 * log(2) + 0.49 * log(50), relativeTolerance: 1e-14)
  }

  /// Reference 1 … 10 with 5 bins: the edges are the values of rank ⌈2i⌉ = 2, 4, 6, 8, so
  /// every bin holds 0.2 of the reference. The current sample (1, 3, 3, 5, 7, 9, 9, 9, 11, 12)
  /// puts 0.1, 0.2, 0.1, 0.1, 0.5 in the bins (−∞, 2], (2, 4], (4, 6], (6, 8], (8, ∞):
  /// PSI = 3 · (0.1 − 0.2) ln(0.1/0.2) + 0 + (0.5 − 0.2) ln(0.5/0.2) = 0.3 ln 2 + 0.3 ln 2.5
  ///     = 0.3 ln 5.
  func testQuantileBinsByHand() throws {
    let expected = (1...10).reversed().map(Double.init)
    let actual: [Double] = [9, 1, 3, 3, 5, 7, 9, 9, 11, 12]
    let result = try PopulationStability.index(expected: expected, actual: actual, bins: 5)
    XCTAssertEqual(result.upperEdges, [2, 4, 6, 8])
    assertClose(result.expectedShares, [0.2, 0.2, 0.2, 0.2, 0.2], relativeTolerance: 1e-15)
    assertClose(result.actualShares, [0.1, 0.2, 0.1, 0.1, 0.5], relativeTolerance: 1e-15)
    assertClose(result.index, 0.3 * log(5), relativeTolerance: 1e-14)
    XCTAssertEqual(result.contributions[1], 0)
  }

  /// Discrete units, 70 % zeros: reference (0 ×7, 1 ×2, 2). The type-1 quantiles at 0.1 … 0.7
  /// are 0 (F(0) = 0.7), at 0.8 and 0.9 they are 1 (F(1) = 0.9), so the ten bins collapse to
  /// {≤ 0}, (0, 1], (1, ∞) with shares 0.7, 0.2, 0.1. Current (0 ×5, 1 ×3, 2, 3): 0.5, 0.3, 0.2.
  /// PSI = (0.5 − 0.7) ln(5/7) + (0.3 − 0.2) ln(3/2) + (0.2 − 0.1) ln 2
  ///     = 0.2 ln 1.4 + 0.1 ln 3.
  func testDiscreteDataCollapsesDuplicateEdgesByHand() throws {
    let expected: [Double] = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2]
    let actual: [Double] = [0, 0, 0, 0, 0, 1, 1, 1, 2, 3]
    let result = try PopulationStability.index(expected: expected, actual: actual)
    XCTAssertEqual(result.upperEdges, [0, 1])
    assertClose(result.expectedShares, [0.7, 0.2, 0.1], relativeTolerance: 1e-15)
    assertClose(result.actualShares, [0.5, 0.3, 0.2], relativeTolerance: 1e-15)
    assertClose(result.index, 0.2 * log(1.4) + 0.1 * log(3), relativeTolerance: 1e-13)
  }

  func testIdenticalSamplesHaveZeroIndex() throws {
    let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7]
    let result = try PopulationStability.index(expected: values, actual: values.reversed())
    XCTAssertEqual(result.index, 0)
    XCTAssertEqual(result.expectedShares, result.actualShares)
  }

  func testMatchesTheNumpyReference() throws {
    let reference = try loadFixture(PSIReference.self, named: "psi_fixtures")
    XCTAssertGreaterThanOrEqual(reference.cases.count, 8)
    for expected in reference.cases {
      let result = try PopulationStability.index(
        expected: expected.expected, actual: expected.actual, bins: expected.bins,
        floor: expected.floor)
      // Edges are sample values and shares are counts over n: identical, not just close.
      XCTAssertEqual(result.upperEdges, expected.upperEdges, expected.name)
      XCTAssertEqual(result.expectedShares, expected.expectedShares, expected.name)
      XCTAssertEqual(result.actualShares, expected.actualShares, expected.name)
      // The same operations per bin; the total may be summed in another order by numpy.
      assertClose(
        result.contributions, expected.contributions, relativeTolerance: 1e-14,
        absoluteTolerance: 1e-17, expected.name)
      assertClose(
        result.index, expected.index, relativeTolerance: 1e-13, absoluteTolerance: 1e-16,
        expected.name)
    }
  }

  func testRejectsBadInput() {
    XCTAssertThrowsError(try PopulationStability.index(expected: [], actual: [1])) { error in
      XCTAssertEqual(error as? StatisticsError, .emptySample(sample: "expected"))
    }
    XCTAssertThrowsError(try PopulationStability.index(expected: [1], actual: [1], bins: 0)) {
      error in
      XCTAssertEqual(error as? StatisticsError, .invalidBinCount(0))
    }
    XCTAssertThrowsError(try PopulationStability.index(expected: [1], actual: [1], floor: 0)) {
      error in
      XCTAssertEqual(error as? StatisticsError, .invalidFloor(0))
    }
    XCTAssertThrowsError(try PopulationStability.index(expected: [1], actual: [.nan])) { error in
      XCTAssertEqual(error as? StatisticsError, .nonFiniteValue(sample: "actual", index: 0))
    }
    XCTAssertThrowsError(
      try PopulationStability.index(expectedShares: [0.5, 0.5], actualShares: [1])
    ) { error in
      XCTAssertEqual(error as? StatisticsError, .categoryCountMismatch(expected: 2, received: 1))
    }
    XCTAssertThrowsError(
      try PopulationStability.index(expectedShares: [0, 0], actualShares: [1, 1])
    ) { error in
      XCTAssertEqual(error as? StatisticsError, .emptySample(sample: "expectedShares"))
    }
  }
}

/// `Fixtures/psi_fixtures.json`, produced by `Fixtures/psi_fixtures.py` (an independent numpy
/// implementation; the command is in the script's docstring).
struct PSIReference: Decodable {
  struct Case: Decodable {
    var name: String
    var bins: Int
    var floor: Double
    var expected: [Double]
    var actual: [Double]
    var upperEdges: [Double]
    var expectedShares: [Double]
    var actualShares: [Double]
    var contributions: [Double]
    var index: Double
  }
  var cases: [Case]
}
