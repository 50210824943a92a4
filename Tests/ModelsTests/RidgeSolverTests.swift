import Foundation
import LinearAlgebra
import Models
import XCTest
import _TestSupport

/// `NormalEquations.standardizedRidge` and `PenaltySelection` against numpy and brute force.
///
/// Fixtures: `Fixtures/ridge_*.csv`, written by `Fixtures/ridge_fixtures.py` (the command is in
/// each file's first line).
final class RidgeSolverTests: XCTestCase {
  func testStandardizedRidgeMatchesNumpyClosedForm() throws {
    let design = try fixture("ridge_design")
    let p = 6
    let rows = design.map { Array($0[0..<p]) }
    let targets = design.map { $0[p] }
    let weights = design.map { $0[p + 1] }
    let references = try fixture("ridge_closed_form")
    XCTAssertEqual(references.count, 8)
    for reference in references {
      let weighted = reference[0] == 1
      let penalty = reference[1]
      // Rows and targets times √w, as RidgeAccumulator adds them; in two blocks.
      var equations = NormalEquations(dimension: p)
      for block in [0..<17, 17..<rows.count] {
        let roots = block.map { weighted ? weights[$0].squareRoot() : 1 }
        let matrix = Matrix(
          rows: block.count, columns: p,
          rowMajor: zip(block, roots).flatMap { i, root in rows[i].map { $0 * root } })
        try equations.add(rows: matrix, targets: zip(block, roots).map { targets[$0] * $1 })
      }
      let solution = try equations.standardizedRidge(penalty: penalty)
      XCTAssertEqual(solution.solver, .cholesky)
      XCTAssertEqual(solution.rank, p - 1)
      // Tolerance: the standardised system is well conditioned, but centring column 2 (mean 50,
      // sd 10) and the coefficient ~150 of column 3 (sd 0.003) cost a few digits: the largest
      // relative error observed is 3e-13, and 1e-10 leaves a margin of 300.
      assertClose(
        solution.coefficients, Array(reference[2...]), relativeTolerance: 1e-10,
        "weighted \(weighted), penalty \(penalty)")
    }
  }

  func testDuplicateColumnFallsBackToMinimumNormLeastSquares() throws {
    let design = try fixture("ridge_rank_deficient")
    let expected = try XCTUnwrap(fixture("ridge_rank_deficient_solution").first)
    var equations = NormalEquations(dimension: 5)
    try equations.add(
      rows: Matrix(rows: design.count, columns: 5, rowMajor: design.flatMap { $0[0..<5] }),
      targets: design.map { $0[5] })
    let solution = try equations.standardizedRidge(penalty: 0)
    XCTAssertEqual(solution.solver, .leastSquares, "columns 1 and 3 are identical")
    XCTAssertEqual(solution.rank, 3, "four standardised columns of rank three")
    // Tolerance: solving through the normal equations squares the condition number of the
    // three independent directions (small here); errors observed are below 1e-13.
    assertClose(solution.coefficients, expected, relativeTolerance: 1e-10)
    // With a penalty the same design is well posed, and Cholesky solves it.
    XCTAssertEqual(try equations.standardizedRidge(penalty: 0.1).solver, .cholesky)
  }

  func testConstantColumnGetsZeroAndLeavesTheRestUnchanged() throws {
    var generator = SplitMix64(seed: 3)
    let n = 50
    let x1 = (0..<n).map { _ in Double(generator.below(1000)) / 100 }
    let x2 = (0..<n).map { _ in Double(generator.below(1000)) / 50 }
    let y = (0..<n).map { 1 + 0.5 * x1[$0] - 0.2 * x2[$0] + Double(generator.below(100)) / 100 }
    var withConstant = NormalEquations(dimension: 4)
    try withConstant.add(
      rows: Matrix(
        rows: n,
        columnVectors: [[Double](repeating: 1, count: n), x1, [Double](repeating: 3, count: n), x2]),
      targets: y)
    var without = NormalEquations(dimension: 3)
    try without.add(
      rows: Matrix(rows: n, columnVectors: [[Double](repeating: 1, count: n), x1, x2]), targets: y)
    let full = try withConstant.standardizedRidge(penalty: 0.05)
    let reduced = try without.standardizedRidge(penalty: 0.05)
    XCTAssertEqual(full.constantColumns, [2])
    XCTAssertEqual(full.coefficients[2], 0)
    // Tolerance: the same 2×2 system either way; only the order of a few sums differs.
    assertClose(
      [full.coefficients[0], full.coefficients[1], full.coefficients[3]], reduced.coefficients,
      relativeTolerance: 1e-12)
  }

  /// A column of rounding dust (0 or −2⁻⁵³ ≈ −1.1 × 10⁻¹⁶, as `levelMean × (1 / levelMean) − 1`
  /// can give) has a variance of about 10⁻³³: tiny, yet far above 10⁻¹² of its own second
  /// moment. It is constant: coefficient 0, the rest as without it. Read as a feature, its
  /// coefficient would be γ / sd ≈ 10¹⁶ times a standardised one, and a later row with a real
  /// value there (−0.5) would be forecast at about 10¹⁵.
  func testAColumnOfRoundingDustIsConstant() throws {
    var generator = SplitMix64(seed: 4)
    let n = 60
    let x1 = (0..<n).map { _ in Double(generator.below(1000)) / 100 }
    let dust = (0..<n).map { $0 % 3 == 0 ? -0x1p-53 : 0.0 }
    let y = (0..<n).map { 2 + 0.3 * x1[$0] + Double(generator.below(100)) / 100 }
    var withDust = NormalEquations(dimension: 3)
    try withDust.add(
      rows: Matrix(rows: n, columnVectors: [[Double](repeating: 1, count: n), x1, dust]),
      targets: y)
    var without = NormalEquations(dimension: 2)
    try without.add(
      rows: Matrix(rows: n, columnVectors: [[Double](repeating: 1, count: n), x1]), targets: y)
    let full = try withDust.standardizedRidge(penalty: 0.05)
    XCTAssertEqual(full.constantColumns, [2])
    XCTAssertEqual(full.coefficients[2], 0)
    assertClose(
      Array(full.coefficients.prefix(2)),
      try without.standardizedRidge(penalty: 0.05).coefficients, relativeTolerance: 1e-12)
  }

  func testPenaltySelectionMinimisesValidationErrorByBruteForce() throws {
    // Few noisy rows and many weak columns, so that shrinkage pays on held-out rows.
    var generator = SplitMix64(seed: 19)
    func normal() -> Double {
      let u = (Double(generator.below(1 << 30)) + 0.5) / Double(1 << 30)
      let v = Double(generator.below(1 << 30)) / Double(1 << 30)
      return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
    let p = 16
    let truth = (0..<p).map { $0 == 0 ? 3.0 : 0.3 * normal() }
    func rows(_ n: Int) -> (x: [[Double]], y: [Double]) {
      let x = (0..<n).map { _ in [1.0] + (1..<p).map { _ in normal() } }
      let y = x.map { row in zip(row, truth).reduce(0) { $0 + $1.0 * $1.1 } + 2 * normal() }
      return (x, y)
    }
    let train = rows(40)
    let held = rows(60)
    func equations(_ data: (x: [[Double]], y: [Double])) throws -> NormalEquations {
      var result = NormalEquations(dimension: p)
      try result.add(
        rows: Matrix(rows: data.x.count, columns: p, rowMajor: data.x.flatMap { $0 }),
        targets: data.y)
      return result
    }
    let candidates = [0, 1e-3, 1e-2, 0.1, 0.3, 1, 3, 10, 100]
    let selection = try PenaltySelection.choose(
      training: equations(train), validation: equations(held), candidates: candidates,
      maximumConditionNumber: 1e10)
    var bruteForce: [Double] = []
    for penalty in candidates {
      let beta = try equations(train).standardizedRidge(penalty: penalty).coefficients
      bruteForce.append(
        zip(held.x, held.y).reduce(0) { sum, pair in
          let residual = pair.1 - zip(pair.0, beta).reduce(0) { $0 + $1.0 * $1.1 }
          return sum + residual * residual
        })
    }
    // Tolerance: the sufficient-statistics form loses about ε · yᵀy / SSE ≈ 1e-15 relative.
    assertClose(selection.validationSumsOfSquares, bruteForce, relativeTolerance: 1e-9)
    let best = try XCTUnwrap(bruteForce.indices.min { bruteForce[$0] < bruteForce[$1] })
    XCTAssertEqual(selection.chosenIndex, best)
    XCTAssertEqual(selection.penalty, candidates[best])
    XCTAssertTrue(
      best > 0 && best < candidates.count - 1,
      "the data must make an interior candidate win, or the test proves little (got \(best))")
    assertClose(
      selection.trainingSolution.coefficients,
      try equations(train).standardizedRidge(penalty: candidates[best]).coefficients,
      relativeTolerance: 0)
  }

  func testWithoutValidationRowsTheLargestPenaltyIsChosen() throws {
    var training = NormalEquations(dimension: 2)
    try training.add(
      rows: Matrix(rows: 3, columns: 2, rowMajor: [1, 0, 1, 1, 1, 2]), targets: [1, 2, 4])
    let selection = try PenaltySelection.choose(
      training: training, validation: NormalEquations(dimension: 2), candidates: [0.1, 5, 1],
      maximumConditionNumber: 1e10)
    XCTAssertEqual(selection.penalty, 5)
    XCTAssertTrue(selection.validationSumsOfSquares.allSatisfy(\.isNaN))
  }

  func testResidualSumOfSquaresFromStatisticsMatchesRows() throws {
    let x = Matrix(rows: 4, columns: 2, rowMajor: [1, 0, 1, 1, 1, 2, 1, 3])
    let y = [1.0, 2.5, 2.0, 5.0]
    var equations = NormalEquations(dimension: 2)
    try equations.add(rows: x, targets: y)
    let beta = [0.7, 1.1]
    // Residuals 0.3, 0.7, −0.9, 1.0 → 0.09 + 0.49 + 0.81 + 1.0, by hand.
    assertClose(equations.residualSumOfSquares(beta), 2.39, relativeTolerance: 1e-14)
  }

  /// The numeric rows of fixture `name` (CSV, header and `#` lines skipped).
  func fixture(_ name: String) throws -> [[Double]] {
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"),
      "missing fixture \(name).csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    let body = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    return try ReferenceCSV.parse(body).dropFirst().map { record in
      try record.fields.map { field in
        try XCTUnwrap(Double(field), "\(name).csv line \(record.line): '\(field)'")
      }
    }
  }

  /// Prior rows on a dummy column, by hand: 10 unit-weight rows, the dummy 1 on 2 of them, the
  /// target 3 × the dummy, λ = 0. With an unpenalised intercept the slope is S_xy / (S_xx + n)
  /// with S_xx = Σ (x − x̄)² = 2 × 0.8 = 1.6 and S_xy = 3 × 1.6, so n = 1.6 prior rows give
  /// 3 × 1.6 / 3.2 = 1.5, and the intercept mean(y) − 1.5 × mean(x) = 0.6 − 0.3 = 0.3.
  func testPriorRowsShrinkADummyByItsRowsOverRowsPlusPrior() throws {
    let dummy: [Double] = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    var equations = NormalEquations(dimension: 2)
    try equations.add(
      rows: Matrix(rows: 10, columns: 2, rowMajor: dummy.flatMap { [1, $0] }),
      targets: dummy.map { 3 * $0 })
    let plain = try equations.standardizedRidge(penalty: 0)
    assertClose(plain.coefficients, [0, 3], absoluteTolerance: 1e-12)
    let shrunk = try equations.standardizedRidge(penalty: 0, priorRows: [0, 1.6])
    assertClose(shrunk.coefficients, [0.3, 1.5], absoluteTolerance: 1e-12)
    // Prior rows count rows, not weight: the same rows, each weighted 4 (rows and targets
    // multiplied by √4 = 2), give the same answer.
    var weighted = NormalEquations(dimension: 2)
    try weighted.add(
      rows: Matrix(rows: 10, columns: 2, rowMajor: dummy.flatMap { [2, 2 * $0] }),
      targets: dummy.map { 6 * $0 })
    let weightedShrunk = try weighted.standardizedRidge(penalty: 0, priorRows: [0, 1.6])
    assertClose(weightedShrunk.coefficients, [0.3, 1.5], absoluteTolerance: 1e-12)
  }
}
