import LinearAlgebra
import XCTest
import _TestSupport

/// Minimum-norm least squares (dgelsd) against numpy 2.4.6 `numpy.linalg.lstsq`, which calls
/// LAPACK `dgelsd` too. The fixtures were printed with `repr`, so they carry 17 digits.
final class LeastSquaresTests: XCTestCase {
  func testOverdeterminedFullRankMatchesNumpy() throws {
    // python3 -c "import numpy as np; X=np.array([[1,0,2],[1,1,0],[1,2,1],[1,3,5],[1,4,3],[1,5,4.]]);
    //   y=np.array([1.5,2.0,3.5,6.0,5.5,8.0]); b,r,k,s=np.linalg.lstsq(X,y,rcond=None);
    //   print(repr(b.tolist()), k, repr(s.tolist()))"
    // → [0.8390804597701139, 1.0488505747126433, 0.38218390804597663] 3
    //   [10.411280242931221, 2.449489742783178, 1.2669821242424946]
    // cond₂(X) ≈ 8.2, so the least-squares error bound (∝ cond² ε ≈ 1.5e-14) sits well inside
    // 1e-12; the remaining slack absorbs differences between OpenBLAS and numpy's LAPACK.
    let x = Matrix(
      rows: 6, columns: 3, rowMajor: [1, 0, 2, 1, 1, 0, 1, 2, 1, 1, 3, 5, 1, 4, 3, 1, 5, 4])
    let y: [Double] = [1.5, 2.0, 3.5, 6.0, 5.5, 8.0]
    let rcond = Double.ulpOfOne * 6  // numpy's rcond=None: ε · max(m, n)
    let solution = try leastSquares(x, y, rcond: rcond)
    assertClose(
      solution.coefficients, [0.8390804597701139, 1.0488505747126433, 0.38218390804597663],
      relativeTolerance: 1e-12)
    XCTAssertEqual(solution.rank, 3)
    assertClose(
      solution.singularValues, [10.411280242931221, 2.449489742783178, 1.2669821242424946],
      relativeTolerance: 1e-12)
  }

  func testCollinearColumnsGiveRankAndMinimumNormSolution() throws {
    // Columns 1, t and 2t for t = 1…5: the third is twice the second, so the rank is 2.
    // python3 -c "import numpy as np; t=np.arange(1.,6.); X=np.column_stack([np.ones(5),t,2*t]);
    //   y=np.array([2.1,3.9,6.2,7.8,10.1]); b,r,k,s=np.linalg.lstsq(X,y,rcond=1e-10);
    //   print(repr(b.tolist()), k, repr(s.tolist()))"
    // → [0.05000000000000001, 0.3979999999999998, 0.7959999999999997] 2
    //   [16.70641426017072, 0.9464262081982115, 6.038388023388181e-16]
    // Minimum norm means the slope 2 · 0.398 = 0.796 is split as (0.398, 0.796), orthogonal to
    // the null vector (0, 2, -1). The retained part has σ₁/σ₂ ≈ 17.7, so 1e-12 is still ample.
    // The third singular value is rounding noise of order ε σ₁ ≈ 4e-15: compared absolutely.
    let t: [Double] = [1, 2, 3, 4, 5]
    let x = Matrix(rows: 5, columnVectors: [[1, 1, 1, 1, 1], t, t.map { 2 * $0 }])
    let solution = try leastSquares(x, [2.1, 3.9, 6.2, 7.8, 10.1], rcond: 1e-10)
    XCTAssertEqual(solution.rank, 2)
    assertClose(
      solution.coefficients, [0.05000000000000001, 0.3979999999999998, 0.7959999999999997],
      relativeTolerance: 1e-12)
    assertClose(
      Array(solution.singularValues.prefix(2)), [16.70641426017072, 0.9464262081982115],
      relativeTolerance: 1e-12)
    assertClose(solution.singularValues[2], 0, absoluteTolerance: 1e-13)
  }

  func testUnderdeterminedSystemGivesMinimumNorm() throws {
    // x₁ + x₂ + x₃ = 3 has many solutions; the shortest is (1, 1, 1), ‖x‖ = √3.
    // The single singular value of (1, 1, 1) is its norm, √3.
    let solution = try leastSquares(
      Matrix(rows: 1, columns: 3, rowMajor: [1, 1, 1]), [3], rcond: -1)
    assertClose(solution.coefficients, [1, 1, 1], relativeTolerance: 1e-12)
    XCTAssertEqual(solution.rank, 1)
    assertClose(solution.singularValues, [Double(3).squareRoot()], relativeTolerance: 1e-12)
  }

  func testNonFiniteInputIsReported() {
    let x = Matrix(rows: 3, columns: 2, rowMajor: [1, 0, 1, 1, 1, .nan])
    XCTAssertThrowsError(try leastSquares(x, [1, 2, 3], rcond: -1)) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "a", row: 2, column: 1))
    }
    let fine = Matrix(rows: 3, columns: 2, rowMajor: [1, 0, 1, 1, 1, 2])
    XCTAssertThrowsError(try leastSquares(fine, [.infinity, 2, 3], rcond: -1)) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "b", row: 0, column: 0))
    }
  }
}
