import LinearAlgebra
import XCTest
import _TestSupport

/// Rows whose seldom-set columns are given as nonzero entries add the same sums as the full rows.
/// The references are computed here by the definition, Σ_i x_ij x_ik and Σ_i x_ij y_i over the
/// full rows, without BLAS.
final class NormalEquationsSparseColumnsTests: XCTestCase {
  func testByHandWithTheSparseColumnInTheMiddle() {
    // Full rows (columns 0, 1 dense; 2 sparse; 3 dense): X = [[1, 2, 0, 3], [4, 5, 1, 6]],
    // y = (1, 2). XᵀX = [[17, 22, 4, 27], [22, 29, 5, 36], [4, 5, 1, 6], [27, 36, 6, 45]],
    // Xᵀy = (9, 12, 2, 15), yᵀy = 5.
    var sums = NormalEquations(dimension: 4)
    add(
      dense: [1, 2, 3, 4, 5, 6], targets: [1, 2], sparse: 2..<3,
      entries: [SparseEntry(row: 1, column: 2, value: 1)], to: &sums)
    XCTAssertEqual(
      sums.gram.storage, [17, 22, 4, 27, 22, 29, 5, 36, 4, 5, 1, 6, 27, 36, 6, 45])
    XCTAssertEqual(sums.crossProduct, [9, 12, 2, 15])
    XCTAssertEqual(sums.targetSumOfSquares, 5)
    XCTAssertEqual(sums.count, 2)
    XCTAssertEqual(sums.totalWeight, 2)
  }

  /// Every placement of the sparse range (first, middle, last, all columns), rows with none, one
  /// and two nonzero sparse values, over two blocks.
  func testEveryPlacementEqualsTheFullRowsSummedDirectly() {
    let p = 7
    let n = 23
    let full: [[Double]] = (0..<n).map { (i: Int) -> [Double] in
      (0..<p).map { (j: Int) -> Double in 0.5 + Double((i * 31 + j * 17) % 13) / 7 }
    }
    let targets: [Double] = (0..<n).map { (i: Int) -> Double in 1 + Double((i * 11) % 5) }
    for sparse in [0..<3, 2..<5, 4..<7, 0..<7] {
      // Sparse columns: 0 except row i's (i mod 4)-th and, on every third row, its next one.
      let rows = full.enumerated().map { i, row -> [Double] in
        var row = row
        for (offset, j) in sparse.enumerated() {
          let set = offset == i % 4 || (i % 3 == 0 && offset == i % 4 + 1)
          if !set { row[j] = 0 }
        }
        return row
      }
      var expectedGram = [Double](repeating: 0, count: p * p)
      var expectedCross = [Double](repeating: 0, count: p)
      for (row, y) in zip(rows, targets) {
        for j in 0..<p {
          expectedCross[j] += row[j] * y
          for k in 0..<p { expectedGram[j + k * p] += row[j] * row[k] }
        }
      }
      var sums = NormalEquations(dimension: p)
      for block in [0..<9, 9..<n] {
        var dense: [Double] = []
        var entries: [SparseEntry] = []
        for (r, i) in block.enumerated() {
          dense += (0..<p).filter { !sparse.contains($0) }.map { rows[i][$0] }
          for j in sparse where rows[i][j] != 0 {
            entries.append(SparseEntry(row: r, column: j, value: rows[i][j]))
          }
        }
        add(
          dense: dense, targets: Array(targets[block]), sparse: sparse, entries: entries,
          to: &sums)
      }
      assertClose(sums.gram.storage, expectedGram, relativeTolerance: 1e-13, "\(sparse)")
      assertClose(sums.crossProduct, expectedCross, relativeTolerance: 1e-13, "\(sparse)")
      XCTAssertEqual(sums.count, n)
    }
  }

  private func add(
    dense: [Double], targets: [Double], sparse: Range<Int>, entries: [SparseEntry],
    to sums: inout NormalEquations
  ) {
    dense.withUnsafeBufferPointer { values in
      targets.withUnsafeBufferPointer { y in
        entries.withUnsafeBufferPointer { nonzero in
          sums.add(denseRowMajor: values, targets: y, sparseColumns: sparse, entries: nonzero)
        }
      }
    }
  }
}
