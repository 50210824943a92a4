import _CBLAS

// MARK: - Symmetric positive definite systems

/// Solves `A X = B` for a symmetric positive definite `A` by Cholesky factorisation
/// (LAPACKE `dposv`, column major, upper triangle).
///
/// Only the upper triangle of `a` is read; the lower one is assumed to mirror it.
///
/// - Parameters:
///   - a: an n×n symmetric positive definite matrix.
///   - b: an n×k matrix of right-hand sides, one per column.
/// - Returns: the n×k solution `X`.
/// - Throws: `.nonFinite` when the upper triangle of `a`, or `b`, holds NaN or infinity
///   (checked first); `.notPositiveDefinite(minor:)` when the leading minor of that order is
///   not positive (LAPACK `info > 0`); `.illegalArgument` or `.outOfMemory` for the other
///   `info` codes.
/// - Precondition: `a` is square and `b.rows == a.rows`.
/// - Complexity: O(n³/3 + n²k).
public func solvePositiveDefinite(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
  precondition(a.rows == a.columns, "A must be square, got \(a.rows)×\(a.columns).")
  precondition(b.rows == a.rows, "A is \(a.rows)×\(a.rows) but B has \(b.rows) rows.")
  try a.checkFinite("a", upperTriangleOnly: true)
  try b.checkFinite("b")
  guard a.rows > 0, b.columns > 0 else { return b }
  var factor = a
  var solution = b
  let n = cInt(a.rows, "order of A")
  let rightHandSides = cInt(b.columns, "columns of B")
  BLASThreading.configured
  let info = factor.storage.withUnsafeMutableBufferPointer { aBuffer in
    solution.storage.withUnsafeMutableBufferPointer { bBuffer in
      LAPACKE_dposv(
        columnMajorLayout, upperTriangle, n, rightHandSides, aBuffer.baseAddress,
        leadingDimension(a.rows), bBuffer.baseAddress, leadingDimension(b.rows))
    }
  }
  guard info == 0 else {
    throw LinearAlgebraError.lapack("dposv", info: info) { .notPositiveDefinite(minor: $0) }
  }
  return solution
}

/// Solves `A x = b` for a symmetric positive definite `A` and one right-hand side.
///
/// See `solvePositiveDefinite(_:_:)` with a matrix `B` for the details and errors.
public func solvePositiveDefinite(
  _ a: Matrix, _ b: [Double]
) throws(LinearAlgebraError) -> [Double] {
  let column = Matrix(rows: b.count, columns: 1, columnMajor: b)
  return try solvePositiveDefinite(a, column).storage
}

// MARK: - Ridge regression

extension NormalEquations {
  /// The ridge coefficients β solving `(XᵀWX + λD) β = XᵀWy` by Cholesky (`dposv`).
  ///
  /// `D` is the identity, except that the `interceptColumn`, if given, gets 0: the intercept is
  /// not shrunk towards zero (Hastie, Tibshirani and Friedman, *ESL* §3.4.1). With `penalty` 0
  /// this is ordinary (weighted) least squares, which needs `XᵀWX` to be positive definite.
  ///
  /// - Parameters:
  ///   - penalty: λ ≥ 0, added to the diagonal of `XᵀWX`, so it carries the squared units of
  ///     the features: standardise the columns before choosing it.
  ///   - interceptColumn: the column of ones to leave unpenalised, counted from 0, or `nil`.
  /// - Throws: `.notPositiveDefinite` when the penalised system is singular, for example
  ///   collinear columns with `penalty` 0; `.nonFinite` if the accumulated sums overflowed.
  /// - Precondition: `penalty` is finite and non-negative; `interceptColumn` is a valid column.
  public func ridgeCoefficients(
    penalty: Double, interceptColumn: Int? = nil
  ) throws(LinearAlgebraError) -> [Double] {
    precondition(penalty >= 0 && penalty.isFinite, "Ridge penalty must be ≥ 0, got \(penalty).")
    if let interceptColumn {
      precondition(
        interceptColumn >= 0 && interceptColumn < dimension,
        "Intercept column \(interceptColumn) is outside 0..<\(dimension).")
    }
    var system = upperGram
    for j in 0..<dimension where j != interceptColumn {
      system[j, j] += penalty
    }
    try system.checkFinite("XᵀWX", upperTriangleOnly: true)
    try checkFinite(crossProduct, "XᵀWy")
    return try solvePositiveDefinite(system, crossProduct)
  }
}

/// The ridge coefficients for design `x` and targets `y`: β solving `(XᵀX + λD) β = Xᵀy`.
///
/// A one-block shortcut for `NormalEquations.add(rows:targets:weights:)` followed by
/// `NormalEquations.ridgeCoefficients(penalty:interceptColumn:)`; see there for `D`.
///
/// - Throws: `.nonFinite` naming `rows` or `targets` for NaN or infinite input;
///   `.notPositiveDefinite` when the penalised system is singular.
/// - Precondition: `y.count == x.rows`; `penalty` is finite and non-negative.
public func ridgeCoefficients(
  _ x: Matrix, _ y: [Double], penalty: Double, interceptColumn: Int? = nil
) throws(LinearAlgebraError) -> [Double] {
  var equations = NormalEquations(dimension: x.columns)
  try equations.add(rows: x, targets: y)
  return try equations.ridgeCoefficients(penalty: penalty, interceptColumn: interceptColumn)
}
