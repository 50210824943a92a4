import LinearAlgebra
import XCTest
import _TestSupport

/// Accumulation of XᵀWX and XᵀWy. The data are positive, so there is no cancellation: every
/// entry is a sum of at most 30 positive terms, whose relative rounding error is at most 30ε ≈
/// 6.7e-15 in any order (Higham, ASNA §3.1). Block splits change the order, and √w scaling adds
/// 2ε per term; 1e-13 covers both with margin.
final class NormalEquationsTests: XCTestCase {
  let tolerance = 1e-13

  /// A deterministic 30×3 block of values in [1, 2), and positive targets.
  let design = Matrix(
    rows: 30, columns: 3,
    columnMajor: (0..<90).map { (i: Int) -> Double in 1 + Double((i * 7919) % 101) / 101 })
  let targets = (0..<30).map { (i: Int) -> Double in 2 + Double((i * 104_729) % 97) / 97 }

  func rows(_ range: Range<Int>) -> Matrix {
    Matrix(rows: range.count, columnVectors: (0..<3).map { j in range.map { design[$0, j] } })
  }

  func testTwoBlocksEqualOneBlock() throws {
    var whole = NormalEquations(dimension: 3)
    try whole.add(rows: design, targets: targets)
    var split = NormalEquations(dimension: 3)
    try split.add(rows: rows(0..<12), targets: Array(targets[0..<12]))
    try split.add(rows: rows(12..<30), targets: Array(targets[12..<30]))
    assertClose(split.gram.storage, whole.gram.storage, relativeTolerance: tolerance)
    assertClose(split.crossProduct, whole.crossProduct, relativeTolerance: tolerance)
    assertClose(split.targetSumOfSquares, whole.targetSumOfSquares, relativeTolerance: tolerance)
    XCTAssertEqual(split.count, 30)
    XCTAssertEqual(split.totalWeight, 30)
    // And both agree with the direct products.
    assertClose(whole.gram.storage, design.gram().storage, relativeTolerance: tolerance)
    assertClose(whole.crossProduct, design.transposeTimes(targets), relativeTolerance: tolerance)
  }

  func testRowMajorRowsByHand() throws {
    // X = [[1, 2], [3, 4], [5, 6]], y = (1, 0, 2): XᵀX = [[35, 44], [44, 56]], Xᵀy = (11, 14),
    // yᵀy = 5.
    var sums = NormalEquations(dimension: 2)
    let values: [Double] = [1, 2, 3, 4, 5, 6]
    let y: [Double] = [1, 0, 2]
    try values.withUnsafeBufferPointer { v in
      try y.withUnsafeBufferPointer { try sums.add(rowMajor: v, targets: $0) }
    }
    XCTAssertEqual(sums.gram.storage, [35, 44, 44, 56])
    XCTAssertEqual(sums.crossProduct, [11, 14])
    XCTAssertEqual(sums.targetSumOfSquares, 5)
    XCTAssertEqual(sums.count, 3)
    XCTAssertEqual(sums.totalWeight, 3)
  }

  func testRowMajorRowsEqualTheColumnMajorBlock() throws {
    var columnMajor = NormalEquations(dimension: 3)
    try columnMajor.add(rows: design, targets: targets)
    var rowMajor = NormalEquations(dimension: 3)
    let values = (0..<30).flatMap { i in (0..<3).map { design[i, $0] } }
    try values.withUnsafeBufferPointer { v in
      try targets.withUnsafeBufferPointer { try rowMajor.add(rowMajor: v, targets: $0) }
    }
    assertClose(rowMajor.gram.storage, columnMajor.gram.storage, relativeTolerance: tolerance)
    assertClose(rowMajor.crossProduct, columnMajor.crossProduct, relativeTolerance: tolerance)
    assertClose(
      rowMajor.targetSumOfSquares, columnMajor.targetSumOfSquares, relativeTolerance: tolerance)
    XCTAssertEqual(rowMajor.count, 30)
  }

  func testRowMajorNonFiniteValueIsNamedAndNothingIsAdded() {
    var sums = NormalEquations(dimension: 2)
    let values: [Double] = [1, 2, 3, .infinity, 5, 6]
    let y: [Double] = [1, 0, 2]
    XCTAssertThrowsError(
      try values.withUnsafeBufferPointer { v in
        try y.withUnsafeBufferPointer { try sums.add(rowMajor: v, targets: $0) }
      }
    ) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "rows", row: 1, column: 1))
    }
    let badTargets: [Double] = [1, .nan, 2]
    XCTAssertThrowsError(
      try [1.0, 2, 3, 4, 5, 6].withUnsafeBufferPointer { v in
        try badTargets.withUnsafeBufferPointer { try sums.add(rowMajor: v, targets: $0) }
      }
    ) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "targets", row: 1, column: 0))
    }
    XCTAssertEqual(sums, NormalEquations(dimension: 2))
  }

  func testMergedEqualsSequentialAccumulation() throws {
    var first = NormalEquations(dimension: 3)
    try first.add(rows: rows(0..<7), targets: Array(targets[0..<7]))
    var second = NormalEquations(dimension: 3)
    try second.add(rows: rows(7..<30), targets: Array(targets[7..<30]))
    var whole = NormalEquations(dimension: 3)
    try whole.add(rows: design, targets: targets)
    let merged = first.merged(with: second)
    assertClose(merged.gram.storage, whole.gram.storage, relativeTolerance: tolerance)
    assertClose(merged.crossProduct, whole.crossProduct, relativeTolerance: tolerance)
    XCTAssertEqual(merged.count, 30)
    XCTAssertEqual(second.merged(with: NormalEquations(dimension: 3)), second)
  }

  func testWeightTwoCountsARowTwice() throws {
    // Weights (2, 1, …, 1) must match the unweighted block with row 0 repeated.
    var weights = [Double](repeating: 1, count: 30)
    weights[0] = 2
    var weighted = NormalEquations(dimension: 3)
    try weighted.add(rows: design, targets: targets, weights: weights)
    var repeated = NormalEquations(dimension: 3)
    try repeated.add(rows: design, targets: targets)
    try repeated.add(rows: rows(0..<1), targets: [targets[0]])
    assertClose(weighted.gram.storage, repeated.gram.storage, relativeTolerance: tolerance)
    assertClose(weighted.crossProduct, repeated.crossProduct, relativeTolerance: tolerance)
    assertClose(
      weighted.targetSumOfSquares, repeated.targetSumOfSquares, relativeTolerance: tolerance)
    XCTAssertEqual(weighted.totalWeight, 31)
    XCTAssertEqual(weighted.count, 30)
  }

  func testSmallWeightedCaseByHand() throws {
    // X rows (1, 2), (3, 1); y = (1, 2); w = (4, 1).
    // XᵀWX = 4·(1,2)ᵀ(1,2) + (3,1)ᵀ(3,1) = [[4, 8], [8, 16]] + [[9, 3], [3, 1]] = [[13, 11], [11, 17]].
    // XᵀWy = 4·1·(1, 2) + 1·2·(3, 1) = (4+6, 8+2) = (10, 10).  yᵀWy = 4·1 + 1·4 = 8.
    var equations = NormalEquations(dimension: 2)
    let x = Matrix(rows: 2, columns: 2, rowMajor: [1, 2, 3, 1])
    try equations.add(rows: x, targets: [1, 2], weights: [4, 1])
    XCTAssertEqual(equations.gram, Matrix(rows: 2, columns: 2, rowMajor: [13, 11, 11, 17]))
    XCTAssertEqual(equations.crossProduct, [10, 10])
    XCTAssertEqual(equations.targetSumOfSquares, 8)
  }

  func testNonFiniteBlockIsRejectedAndNothingIsAdded() throws {
    var equations = NormalEquations(dimension: 3)
    try equations.add(rows: rows(0..<5), targets: Array(targets[0..<5]))
    let before = equations
    var poisoned = Array(targets[5..<10])
    poisoned[2] = .nan
    XCTAssertThrowsError(try equations.add(rows: rows(5..<10), targets: poisoned)) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "targets", row: 2, column: 0))
    }
    var badRows = rows(5..<10)
    badRows[4, 1] = -.infinity
    XCTAssertThrowsError(
      try equations.add(rows: badRows, targets: Array(targets[5..<10]))
    ) { error in
      XCTAssertEqual(
        error as? LinearAlgebraError, .nonFinite(argument: "rows", row: 4, column: 1))
    }
    XCTAssertEqual(equations, before)
  }
}
