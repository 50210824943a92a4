import LinearAlgebra
import XCTest
import _TestSupport

/// Ridge regression against closed forms worked by hand. The systems are 2×2 with condition
/// numbers below 10, so Cholesky's relative error is a few ε; 1e-12 is generous.
final class RidgeTests: XCTestCase {
  func testOrthogonalDesign() throws {
    // X rows (1, 0), (0, 1), (1, 1), (1, -1): XᵀX = [[3, 0], [0, 3]].
    // y = (1, 2, 3, 4): Xᵀy = (1+0+3+4, 0+2+3-4) = (8, 1).
    // λ = 1: (XᵀX + I) = 4I, so β = (8, 1) / 4 = (2, 0.25).
    let x = Matrix(rows: 4, columns: 2, rowMajor: [1, 0, 0, 1, 1, 1, 1, -1])
    let beta = try ridgeCoefficients(x, [1, 2, 3, 4], penalty: 1)
    assertClose(beta, [2, 0.25], relativeTolerance: 1e-12)
  }

  func testInterceptColumnIsNotPenalised() throws {
    // X rows (1, t) for t = 0, 1, 2, 3; y = (1, 3, 2, 5).
    // XᵀX = [[4, 6], [6, 14]], Xᵀy = (1+3+2+5, 0+3+4+15) = (11, 22). λ = 2.
    let x = Matrix(rows: 4, columns: 2, rowMajor: [1, 0, 1, 1, 1, 2, 1, 3])
    let y: [Double] = [1, 3, 2, 5]
    // Intercept free: [[4, 6], [6, 16]] β = (11, 22); det = 64 - 36 = 28;
    //   β₀ = (16·11 - 6·22) / 28 = 44/28 = 11/7,  β₁ = (-6·11 + 4·22) / 28 = 22/28 = 11/14.
    let free = try ridgeCoefficients(x, y, penalty: 2, interceptColumn: 0)
    assertClose(free, [11.0 / 7, 11.0 / 14], relativeTolerance: 1e-12)
    // Everything penalised: [[6, 6], [6, 16]] β = (11, 22); det = 96 - 36 = 60;
    //   β₀ = (16·11 - 6·22) / 60 = 44/60 = 11/15,  β₁ = (-6·11 + 6·22) / 60 = 66/60 = 1.1.
    let shrunk = try ridgeCoefficients(x, y, penalty: 2)
    assertClose(shrunk, [11.0 / 15, 1.1], relativeTolerance: 1e-12)
  }

  func testPenaltyRescuesCollinearColumns() throws {
    // Columns (1, 1) and (1, 1) are identical: XᵀX = [[2, 2], [2, 2]] is singular.
    // With λ = 1: [[3, 2], [2, 3]] β = Xᵀy = (y₁+y₂, y₁+y₂) = (4, 4), so β = (0.8, 0.8).
    let x = Matrix(rows: 2, columns: 2, rowMajor: [1, 1, 1, 1])
    assertClose(
      try ridgeCoefficients(x, [1, 3], penalty: 1), [0.8, 0.8], relativeTolerance: 1e-12)
    // With λ = 0 a singular XᵀX must surface as an error. X = [[1, 1], [0, 0]] gives
    // XᵀX = [[1, 1], [1, 1]], whose second Cholesky pivot is 1 - 1·1 = 0 exactly.
    let degenerate = Matrix(rows: 2, columns: 2, rowMajor: [1, 1, 0, 0])
    XCTAssertThrowsError(try ridgeCoefficients(degenerate, [1, 2], penalty: 0)) { error in
      XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(minor: 2))
    }
  }

  func testNaNTargetIsReported() {
    let x = Matrix.identity(2)
    XCTAssertThrowsError(try ridgeCoefficients(x, [1, .nan], penalty: 1)) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "targets", row: 1, column: 0))
    }
  }
}
