import XCTest

@testable import Forecasting

/// The one-sided paired t-test that lets a per-series model replace the category regression.
/// References computed by hand (and equal to `scipy.stats.ttest_rel(b, c, alternative="greater")`
/// statistics: 5.196 and 0.2255).
final class PairedComparisonTests: XCTestCase {
  func testAConsistentImprovementIsSignificant() {
    // d = 1, 2, 1, 2: mean 1.5, sd √(1/3), t = 1.5 / (√(1/3) / 2) = 5.196 > 1.645.
    XCTAssertTrue(PairedComparison.significantlyLower([1, 2, 3, 4], than: [2, 4, 4, 6]))
  }

  func testALuckyMeanIsNot() {
    // d = 3, −2, 1, −1: mean 0.25, sd √(14.75 / 3) = 2.217, t = 0.2255 < 1.645, though the
    // challenger's total squared error is lower.
    XCTAssertFalse(PairedComparison.significantlyLower([1, 6, 2, 4], than: [4, 4, 3, 3]))
  }

  func testWorseOrUnpairedIsNeverSignificant() {
    XCTAssertFalse(PairedComparison.significantlyLower([2, 4, 4, 6], than: [1, 2, 3, 4]))
    XCTAssertFalse(PairedComparison.significantlyLower([1, 2], than: [2, 3, 4]))
    XCTAssertFalse(PairedComparison.significantlyLower([1], than: [5]))
    XCTAssertTrue(
      PairedComparison.significantlyLower([1, 1, 1], than: [2, 2, 2]), "better by 1 everywhere")
  }
}
