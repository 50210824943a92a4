/// Why a LAPACK-backed solve did not produce an answer.
///
/// Each case corresponds to a LAPACK `info` code or to an input check made before LAPACK is
/// called. Shape mismatches are not here: they are programmer errors and trap.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The leading minor of order `minor` (counted from 1) is not positive definite, so the
  /// Cholesky factorisation could not be completed. LAPACK `dposv` reports this as `info = minor`.
  case notPositiveDefinite(minor: Int)

  /// LAPACKE rejected its argument number `position`, counted from 1 in the LAPACKE argument list
  /// (position 1 is the matrix layout). This is `info = -position` and indicates a bug in
  /// ShelfCast, not in the data.
  case illegalArgument(routine: String, position: Int)

  /// An iterative step inside `routine` failed to converge; `count` is LAPACK's `info > 0`
  /// (for `dgelsd`, the number of off-diagonal elements of an intermediate bidiagonal form that
  /// did not converge to zero).
  case didNotConverge(routine: String, count: Int)

  /// LAPACKE could not allocate its workspace (`info` of -1010 or -1011).
  case outOfMemory(routine: String)

  /// The input `argument` holds NaN or an infinity at `row`, `column` (counted from 0; vectors
  /// report column 0). Detected before any LAPACK call, so nothing was computed.
  case nonFinite(argument: String, row: Int, column: Int)

  public var description: String {
    switch self {
    case .notPositiveDefinite(let minor):
      return "The matrix is not positive definite: its leading minor of order \(minor) is not "
        + "positive, so the Cholesky factorisation stopped. Check for collinear or constant "
        + "columns, or add a ridge penalty."
    case .illegalArgument(let routine, let position):
      return "LAPACKE_\(routine) rejected argument \(position) as illegal. This is a bug in "
        + "ShelfCast's LinearAlgebra module; please report it with the matrix shapes involved."
    case .didNotConverge(let routine, let count):
      return "LAPACK \(routine) did not converge: \(count) element(s) failed to reach zero "
        + "(info = \(count)). Rescale the columns, or drop near-duplicate ones, and retry."
    case .outOfMemory(let routine):
      return "LAPACKE_\(routine) could not allocate its workspace. Solve a smaller problem or "
        + "free memory."
    case .nonFinite(let argument, let row, let column):
      return "The input '\(argument)' holds NaN or infinity at row \(row), column \(column); "
        + "LAPACK was not called. Remove or impute non-finite values first."
    }
  }

  /// Maps a LAPACKE `info` code that is not 0 to an error, given what a positive code means
  /// for `routine`.
  static func lapack(
    _ routine: String, info: Int32, positive: (Int) -> LinearAlgebraError
  ) -> LinearAlgebraError {
    let code = Int(info)
    if code > 0 { return positive(code) }
    if code == -1010 || code == -1011 { return .outOfMemory(routine: routine) }
    return .illegalArgument(routine: routine, position: -code)
  }
}
