import XCTest

@testable import Forecasting

/// The weights `explain` gives each model of a per-day median: the issued mean is the weighted
/// sum of the models' values, worked by hand.
final class CandidateExplanationTests: XCTestCase {
  /// Three paths: day 1 (5, 2, 9) has median 5 (the first path); day 2 (1, 4, 3) has 3 (the
  /// third); day 3 (7, 7, 1) ties at 7: ranked 1, 7, 7 with the tie in path order, the middle
  /// is the first path's 7.
  func testAnOddMedianWeighsTheMiddlePath() {
    let paths: [[Double]] = [[5, 1, 7], [2, 4, 7], [9, 3, 1]]
    let weights = CandidateExplanation.medianWeights(paths, horizon: 3)
    XCTAssertEqual(weights, [[1, 0, 1], [0, 0, 0], [0, 1, 0]])
    for step in 0..<3 {
      let weighted = paths.indices.reduce(0.0) { $0 + weights[$1][step] * paths[$1][step] }
      XCTAssertEqual(weighted, median(paths.map { $0[step] }))
    }
  }

  /// Two paths: each weighs ½, so the weighted sum is their mean, the median of two.
  /// One path: weight 1 throughout. None: no weights.
  func testAnEvenMedianSplitsBetweenTheTwoMiddlePaths() {
    let two = CandidateExplanation.medianWeights([[4, 0], [2, 6]], horizon: 2)
    XCTAssertEqual(two, [[0.5, 0.5], [0.5, 0.5]])
    XCTAssertEqual(0.5 * 4 + 0.5 * 2, median([4, 2]))
    let four = CandidateExplanation.medianWeights([[1], [8], [3], [5]], horizon: 1)
    XCTAssertEqual(four, [[0], [0], [0.5], [0.5]])
    XCTAssertEqual(CandidateExplanation.medianWeights([[3, 3]], horizon: 2), [[1, 1]])
    XCTAssertEqual(CandidateExplanation.medianWeights([], horizon: 2), [])
  }
}
