import LinearAlgebra
import XCTest
import _TestSupport

/// Products through CBLAS. Integer inputs make every partial sum exact (all values are far below
/// 2⁵³), so those results must be bit-for-bit equal to the hand arithmetic whatever the kernel.
final class MatrixBLASTests: XCTestCase {
  // X is 4×3; used for the Gram and matrix-vector checks below.
  let x = Matrix(rows: 4, columns: 3, rowMajor: [1, 2, 0, 0, 1, 3, 2, 0, 1, 1, 1, 1])

  func testGemmNonSquare() {
    // A (2×3) · B (3×2):
    //   1·7 + 2·9 + 3·11 = 58    1·8 + 2·10 + 3·12 = 64
    //   4·7 + 5·9 + 6·11 = 139   4·8 + 5·10 + 6·12 = 154
    let a = Matrix(rows: 2, columns: 3, rowMajor: [1, 2, 3, 4, 5, 6])
    let b = Matrix(rows: 3, columns: 2, rowMajor: [7, 8, 9, 10, 11, 12])
    XCTAssertEqual(a.multiplied(by: b), Matrix(rows: 2, columns: 2, rowMajor: [58, 64, 139, 154]))
    // C (3×2) · D (2×4): row i of C is (c1, c2), so row i of CD is c1·D[0, :] + c2·D[1, :]
    // with D rows (1, 0, -1, 2) and (0, 1, 1, -2):
    //   (1, 2) → (1, 2, 1, -2);  (3, 4) → (3, 4, 1, -2);  (5, 6) → (5, 6, 1, -2).
    let c = Matrix(rows: 3, columns: 2, rowMajor: [1, 2, 3, 4, 5, 6])
    let d = Matrix(rows: 2, columns: 4, rowMajor: [1, 0, -1, 2, 0, 1, 1, -2])
    let expected = Matrix(rows: 3, columns: 4, rowMajor: [1, 2, 1, -2, 3, 4, 1, -2, 5, 6, 1, -2])
    XCTAssertEqual(c.multiplied(by: d), expected)
  }

  func testGemmTransposeFlagsMatchMaterialisedTransposes() {
    let a = Matrix(rows: 3, columns: 2, rowMajor: [1, 2, 3, 4, 5, 6])
    let b = Matrix(rows: 4, columns: 2, rowMajor: [1, 0, 0, 1, 1, 1, 2, -1])
    XCTAssertEqual(
      a.multiplied(by: b, transposingOther: true), a.multiplied(by: b.transposed()))
    XCTAssertEqual(
      a.multiplied(by: a, transposingSelf: true), a.transposed().multiplied(by: a))
    // Aᵀ (2×3) · Dᵀ (3×5) with D 5×3.
    let d = Matrix(rows: 5, columns: 3, columnMajor: (0..<15).map { Double($0 % 4) - 1 })
    XCTAssertEqual(
      a.multiplied(by: d, transposingSelf: true, transposingOther: true),
      a.transposed().multiplied(by: d.transposed()))
    XCTAssertEqual(a.multiplied(by: b, transposingOther: true).rows, 3)
    XCTAssertEqual(a.multiplied(by: b, transposingOther: true).columns, 4)
  }

  func testGemmWithEmptyInnerDimensionIsZero() {
    let a = Matrix.zeros(rows: 2, columns: 0)
    let b = Matrix.zeros(rows: 0, columns: 3)
    XCTAssertEqual(a.multiplied(by: b), Matrix.zeros(rows: 2, columns: 3))
  }

  func testGramByHand() {
    // Columns of X: c1 = (1, 0, 2, 1), c2 = (2, 1, 0, 1), c3 = (0, 3, 1, 1).
    //   c1·c1 = 6, c1·c2 = 3, c1·c3 = 3, c2·c2 = 6, c2·c3 = 4, c3·c3 = 11.
    let expected = Matrix(rows: 3, columns: 3, rowMajor: [6, 3, 3, 3, 6, 4, 3, 4, 11])
    XCTAssertEqual(x.gram(), expected, "both triangles filled")
  }

  func testGramEqualsTransposeTimesSelfViaGemm() {
    // 50×4 of positive values; no cancellation, so each entry, a sum of 50 positive products,
    // has relative rounding error at most 50ε ≈ 1.1e-14 in any summation order (Higham, ASNA
    // §3.1). syrk and gemm may order the sums differently: 1e-13 covers both errors with margin.
    let n = 50
    let values = (0..<(n * 4)).map { (i: Int) -> Double in 1 + Double((i * 7919) % 101) / 101 }
    let big = Matrix(rows: n, columns: 4, columnMajor: values)
    let viaGemm = big.multiplied(by: big, transposingSelf: true)
    assertClose(big.gram().storage, viaGemm.storage, relativeTolerance: 1e-13)
    let gram = big.gram()
    for i in 0..<4 {
      for j in 0..<4 { XCTAssertEqual(gram[i, j], gram[j, i], "symmetric at (\(i), \(j))") }
    }
  }

  func testGemvTimesAndTransposeTimes() {
    // X v, v = (1, -1, 2): rows give 1-2+0 = -1, 0-1+6 = 5, 2-0+2 = 4, 1-1+2 = 2.
    XCTAssertEqual(x.times([1, -1, 2]), [-1, 5, 4, 2])
    // Xᵀ y, y = (1, 2, 3, 4): c1·y = 1+0+6+4 = 11, c2·y = 2+2+0+4 = 8, c3·y = 0+6+3+4 = 13.
    XCTAssertEqual(x.transposeTimes([1, 2, 3, 4]), [11, 8, 13])
  }
}
