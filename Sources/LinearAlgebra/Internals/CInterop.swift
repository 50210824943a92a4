import _CBLAS

// The checks every call into CBLAS or LAPACKE makes before it crosses into C.

/// `value` as the 32-bit integer BLAS and LAPACKE take (Debian's OpenBLAS is built with LP64).
///
/// - Precondition: `value` fits in `Int32`; larger problems are out of scope and trap.
@inline(__always)
func cInt(_ value: Int, _ what: @autoclosure () -> String) -> Int32 {
  guard let converted = Int32(exactly: value) else {
    preconditionFailure("\(what()) = \(value) exceeds the 32-bit range of BLAS and LAPACK.")
  }
  return converted
}

/// The leading dimension of a column-major array with `rows` rows; BLAS requires at least 1.
@inline(__always)
func leadingDimension(_ rows: Int) -> Int32 {
  cInt(max(1, rows), "leading dimension")
}

/// LAPACKE's layout argument for column-major storage.
let columnMajorLayout = Int32(LAPACK_COL_MAJOR)

/// LAPACK's `uplo = 'U'`: read or write the upper triangle.
let upperTriangle = CChar(UInt8(ascii: "U"))

extension Matrix {
  /// Throws `.nonFinite` naming the first NaN or infinity, scanning column by column.
  ///
  /// With `upperTriangleOnly`, elements below the diagonal (which LAPACK will not read) are
  /// skipped.
  func checkFinite(
    _ argument: String, upperTriangleOnly: Bool = false
  ) throws(LinearAlgebraError) {
    for j in 0..<columns {
      let end = upperTriangleOnly ? min(j + 1, rows) : rows
      for i in 0..<end where !storage[i + j * rows].isFinite {
        throw .nonFinite(argument: argument, row: i, column: j)
      }
    }
  }

  /// Copies the upper triangle onto the lower one, so a `dsyrk` result reads as symmetric.
  mutating func mirrorUpperTriangle() {
    precondition(rows == columns, "Only a square matrix can be mirrored.")
    let n = rows
    storage.withUnsafeMutableBufferPointer { c in
      for j in 0..<n {
        for i in (j + 1)..<n {
          c[i + j * n] = c[j + i * n]
        }
      }
    }
  }
}

/// Throws `.nonFinite` naming the first NaN or infinity in `vector` (its position reported as
/// the row, column 0).
func checkFinite(
  _ vector: some RandomAccessCollection<Double>, _ argument: String
) throws(LinearAlgebraError) {
  guard let index = vector.firstIndex(where: { !$0.isFinite }) else { return }
  throw .nonFinite(
    argument: argument, row: vector.distance(from: vector.startIndex, to: index), column: 0)
}
