import Models
import XCTest
import _TestSupport

final class NelderMeadTests: XCTestCase {
  /// Rosenbrock's banana from the classic start (−1.2, 1): minimum 0 at (1, 1).
  func testRosenbrock() {
    let optimiser = NelderMead(
      maximumEvaluations: 5000, relativeTolerance: 0, absoluteTolerance: 1e-20,
      pointTolerance: 1e-10)
    let result = optimiser.minimize(
      start: [-1.2, 1], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity]
    ) { x in
      let a = 1 - x[0]
      let b = x[1] - x[0] * x[0]
      return a * a + 100 * b * b
    }
    XCTAssertTrue(result.converged)
    // With the simplex shrunk to 1e-10 the minimiser lies within a few 1e-9 of (1, 1).
    assertClose(result.point, [1, 1], absoluteTolerance: 1e-7)
    XCTAssertLessThan(result.value, 1e-14)
    XCTAssertLessThanOrEqual(result.evaluations, 5000)
  }

  /// `(x − 2)² + (y − 0.5)² + (z + 1)²` on the unit cube: the unconstrained minimum (2, 0.5, −1)
  /// is outside, the constrained one (1, 0.5, 0) lies on an edge, and the objective is never
  /// called outside the box.
  func testBoundedQuadraticFindsMinimumOnTheBoundary() {
    var outside = 0
    let result = NelderMead(maximumEvaluations: 2000, pointTolerance: 1e-9).minimize(
      start: [0.2, 0.2, 0.8], lower: [0, 0, 0], upper: [1, 1, 1]
    ) { x in
      if x.contains(where: { $0 < 0 || $0 > 1 }) { outside += 1 }
      return (x[0] - 2) * (x[0] - 2) + (x[1] - 0.5) * (x[1] - 0.5) + (x[2] + 1) * (x[2] + 1)
    }
    XCTAssertEqual(outside, 0)
    XCTAssertTrue(result.converged)
    assertClose(result.point, [1, 0.5, 0], absoluteTolerance: 1e-6)
    assertClose(result.value, 1.0 + 1.0, relativeTolerance: 1e-9)
  }

  /// An interior minimum in a box, with the start outside it (clamped in).
  func testInteriorMinimumWithStartOutsideBox() {
    let result = NelderMead(pointTolerance: 1e-9).minimize(
      start: [5, -5], lower: [-1, -1], upper: [1, 1]
    ) { x in
      let u = x[0] - 0.3
      let v = x[1] + 0.2
      return 3 * u * u + u * v + 2 * v * v
    }
    XCTAssertTrue(result.converged)
    assertClose(result.point, [0.3, -0.2], absoluteTolerance: 1e-6)
  }

  /// NaN counts as +∞: the search avoids the region where the objective is undefined.
  func testNonFiniteValuesAreAvoided() {
    let result = NelderMead(pointTolerance: 1e-9).minimize(
      start: [0.9], lower: [-.infinity], upper: [.infinity]
    ) { x in
      x[0] > 1 ? .nan : (x[0] - 0.5) * (x[0] - 0.5)
    }
    assertClose(result.point, [0.5], absoluteTolerance: 1e-6)
  }

  /// The budget is a hard cap, and running out of it is reported.
  func testEvaluationBudgetIsRespected() {
    var calls = 0
    let result = NelderMead(maximumEvaluations: 25, restarts: 3).minimize(
      start: [-1.2, 1, 0.5, 0.5], lower: [-5, -5, -5, -5], upper: [5, 5, 5, 5]
    ) { x in
      calls += 1
      return x.indices.dropLast().reduce(0.0) { sum, i in
        let a = 1 - x[i]
        let b = x[i + 1] - x[i] * x[i]
        return sum + a * a + 100 * b * b
      }
    }
    XCTAssertEqual(calls, result.evaluations)
    XCTAssertLessThanOrEqual(calls, 25)
    XCTAssertFalse(result.converged)
  }
}
