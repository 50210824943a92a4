import _CBLAS

/// The minimum-norm least-squares solution of `A x ≈ b`, with what the SVD revealed about `A`.
public struct LeastSquaresSolution: Equatable, Sendable {
  /// The x, with `A.columns` elements, that minimises `‖b − A x‖₂` and, among all minimisers,
  /// has the smallest `‖x‖₂`.
  public let coefficients: [Double]
  /// The effective rank of `A`: the number of singular values above `rcond · σ₁`.
  public let rank: Int
  /// The `min(A.rows, A.columns)` singular values of `A`, largest first (σ₁ ≥ σ₂ ≥ … ≥ 0).
  public let singularValues: [Double]
}

/// Solves `A x ≈ b` in the least-squares sense by a divide-and-conquer SVD (LAPACKE `dgelsd`).
///
/// Works for any shape and any rank: overdetermined, underdetermined, or with collinear columns.
/// Singular values `σᵢ ≤ rcond · σ₁` are treated as zero, which fixes the effective rank; the
/// solution then has no component along their singular vectors, so it is the minimum-norm one.
/// `numpy.linalg.lstsq(a, b, rcond=None)` uses `rcond = ε · max(rows, columns)` with
/// `ε = Double.ulpOfOne`; pass the same value to reproduce it.
///
/// - Parameters:
///   - a: the m×n design matrix.
///   - b: the m targets.
///   - rcond: the relative threshold for treating a singular value as zero (dimensionless); a
///     negative value means machine precision, as in LAPACK.
/// - Throws: `.nonFinite` when `a` or `b` holds NaN or infinity (checked first);
///   `.didNotConverge(routine: "dgelsd", count:)` when the SVD fails (LAPACK `info > 0`);
///   `.illegalArgument` or `.outOfMemory` for the other `info` codes.
/// - Precondition: `b.count == a.rows` and `rcond` is not NaN.
/// - Complexity: O(m · n · min(m, n)).
public func leastSquares(
  _ a: Matrix, _ b: [Double], rcond: Double
) throws(LinearAlgebraError) -> LeastSquaresSolution {
  precondition(b.count == a.rows, "A has \(a.rows) rows but b has \(b.count) elements.")
  precondition(!rcond.isNaN, "rcond must be a number.")
  try a.checkFinite("a")
  try checkFinite(b, "b")
  let (m, n) = (a.rows, a.columns)
  guard m > 0, n > 0 else {
    return LeastSquaresSolution(
      coefficients: [Double](repeating: 0, count: n), rank: 0, singularValues: [])
  }
  // dgelsd overwrites A, and needs B to have max(m, n) rows: the solution comes back in the
  // first n of them.
  var work = a
  let ldb = max(m, n)
  var solution = b + [Double](repeating: 0, count: ldb - m)
  var singularValues = [Double](repeating: 0, count: min(m, n))
  var rank: Int32 = 0
  let (cm, cn) = (cInt(m, "rows of A"), cInt(n, "columns of A"))
  BLASThreading.configured
  let info = work.storage.withUnsafeMutableBufferPointer { aBuffer in
    solution.withUnsafeMutableBufferPointer { bBuffer in
      singularValues.withUnsafeMutableBufferPointer { sBuffer in
        LAPACKE_dgelsd(
          columnMajorLayout, cm, cn, 1, aBuffer.baseAddress, leadingDimension(m),
          bBuffer.baseAddress, cInt(ldb, "rows of B"), sBuffer.baseAddress, rcond, &rank)
      }
    }
  }
  guard info == 0 else {
    throw LinearAlgebraError.lapack("dgelsd", info: info) {
      .didNotConverge(routine: "dgelsd", count: $0)
    }
  }
  return LeastSquaresSolution(
    coefficients: Array(solution.prefix(n)), rank: Int(rank), singularValues: singularValues)
}
