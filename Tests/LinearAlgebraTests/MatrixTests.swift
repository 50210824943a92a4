import LinearAlgebra
import XCTest

final class MatrixTests: XCTestCase {
  func testRowMajorInitStoresColumnMajor() {
    // [[1, 2, 3], [4, 5, 6]] read column by column is 1, 4, 2, 5, 3, 6.
    let m = Matrix(rows: 2, columns: 3, rowMajor: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(m.storage, [1, 4, 2, 5, 3, 6])
    XCTAssertEqual(m, Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6]))
    XCTAssertEqual(m, Matrix(rows: 2, columnVectors: [[1, 4], [2, 5], [3, 6]]))
    XCTAssertEqual(m[0, 2], 3)
    XCTAssertEqual(m[1, 0], 4)
    XCTAssertEqual(m.column(1), [2, 5])
  }

  func testSubscriptSetWritesOneElement() {
    var m = Matrix.zeros(rows: 2, columns: 2)
    m[1, 0] = 7
    XCTAssertEqual(m.storage, [0, 7, 0, 0])
  }

  func testIdentityAndZeros() {
    let identity = Matrix(rows: 3, columns: 3, rowMajor: [1, 0, 0, 0, 1, 0, 0, 0, 1])
    XCTAssertEqual(Matrix.identity(3), identity)
    XCTAssertEqual(Matrix.zeros(rows: 2, columns: 1).storage, [0, 0])
    XCTAssertEqual(Matrix.identity(0).storage, [])
  }

  func testTransposeSwapsIndices() {
    let m = Matrix(rows: 2, columns: 3, rowMajor: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(m.transposed(), Matrix(rows: 3, columns: 2, rowMajor: [1, 4, 2, 5, 3, 6]))
    XCTAssertEqual(m.transposed().transposed(), m)
  }
}
