import LinearAlgebra
import XCTest
import _TestSupport

final class CholeskyTests: XCTestCase {
  // A = L Lᵀ with L = [[2, 0, 0], [1, 2, 0], [-1, 1, 2]]:
  //   row 1 of A: (4, 2, -2); row 2: (2, 1+4, -1+2) = (2, 5, 1); row 3: (-2, 1, 1+1+4) = (-2, 1, 6).
  let a = Matrix(rows: 3, columns: 3, rowMajor: [4, 2, -2, 2, 5, 1, -2, 1, 6])

  // cond₂(A) ≈ 5.24 (numpy.linalg.cond), so Cholesky's backward stability gives a relative
  // error of order 3 · 5.24 · ε ≈ 3.5e-15; 1e-12 leaves room for any OpenBLAS kernel.
  let tolerance = 1e-12

  func testSolvesThreeByThreeSPDSystem() throws {
    // x = (1, -2, 3): A x = (4-4-6, 2-10+3, -2-2+18) = (-6, -5, 14).
    let x = try solvePositiveDefinite(a, [-6, -5, 14])
    assertClose(x, [1, -2, 3], relativeTolerance: tolerance)
  }

  func testSolvesSeveralRightHandSides() throws {
    // Second column x = (0.5, 0.25, -1): A x = (2+0.5+2, 1+1.25-1, -1+0.25-6) = (4.5, 1.25, -6.75).
    let b = Matrix(rows: 3, columns: 2, rowMajor: [-6, 4.5, -5, 1.25, 14, -6.75])
    let x = try solvePositiveDefinite(a, b)
    XCTAssertEqual(x.rows, 3)
    XCTAssertEqual(x.columns, 2)
    assertClose(x.storage, [1, -2, 3, 0.5, 0.25, -1], relativeTolerance: tolerance)
  }

  func testReadsOnlyTheUpperTriangle() throws {
    var scribbled = a
    scribbled[1, 0] = 99
    scribbled[2, 0] = -99
    scribbled[2, 1] = .nan  // not read, so not reported either
    let x = try solvePositiveDefinite(scribbled, [-6, -5, 14])
    assertClose(x, [1, -2, 3], relativeTolerance: tolerance)
  }

  func testIndefiniteMatrixReportsTheFailingMinor() {
    // Leading minors of [[1, 2, 0], [2, 1, 0], [0, 0, 1]]: 1 > 0, then 1·1 - 2·2 = -3 < 0.
    let second = Matrix(rows: 3, columns: 3, rowMajor: [1, 2, 0, 2, 1, 0, 0, 0, 1])
    XCTAssertThrowsError(try solvePositiveDefinite(second, [1, 1, 1])) { error in
      XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(minor: 2))
    }
    // diag(2, 2, -1): minors 2, 4, then -4.
    let third = Matrix(rows: 3, columns: 3, rowMajor: [2, 0, 0, 0, 2, 0, 0, 0, -1])
    XCTAssertThrowsError(try solvePositiveDefinite(third, [1, 1, 1])) { error in
      XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(minor: 3))
    }
  }

  func testSingularGramIsNotPositiveDefinite() {
    // [[1, 1], [1, 1]] is positive semidefinite only: L₁₁ = 1, L₂₁ = 1, then 1 - 1·1 = 0 exactly.
    let singular = Matrix(rows: 2, columns: 2, rowMajor: [1, 1, 1, 1])
    XCTAssertThrowsError(try solvePositiveDefinite(singular, [1, 2])) { error in
      XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(minor: 2))
    }
  }

  func testNaNInputIsReportedBeforeLAPACK() {
    var poisoned = a
    poisoned[1, 2] = .nan
    XCTAssertThrowsError(try solvePositiveDefinite(poisoned, [-6, -5, 14])) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "a", row: 1, column: 2))
    }
    XCTAssertThrowsError(try solvePositiveDefinite(a, [-6, .infinity, 14])) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "b", row: 1, column: 0))
    }
  }
}
