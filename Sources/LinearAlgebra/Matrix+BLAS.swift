import _CBLAS

// MARK: - Products through CBLAS

extension Matrix {
  /// The product `op(self) · op(other)`, where `op` transposes when the matching flag is set.
  ///
  /// Computed by `cblas_dgemm` without materialising any transpose. With both flags false this
  /// is the ordinary product `self · other`.
  ///
  /// - Precondition: the inner dimensions agree: `op(self).columns == op(other).rows`.
  /// - Complexity: O(m · n · k) for an m×k times k×n product.
  public func multiplied(
    by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
  ) -> Matrix {
    let (m, k) = transposingSelf ? (columns, rows) : (rows, columns)
    let (otherK, n) = transposingOther ? (other.columns, other.rows) : (other.rows, other.columns)
    precondition(
      k == otherK,
      "Cannot multiply \(m)×\(k) by \(otherK)×\(n): inner dimensions \(k) and \(otherK) differ.")
    var product = Matrix.zeros(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else { return product }
    let (cm, cn, ck) = (cInt(m, "rows"), cInt(n, "columns"), cInt(k, "inner dimension"))
    BLASThreading.configured
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        product.storage.withUnsafeMutableBufferPointer { c in
          cblas_dgemm(
            CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans,
            transposingOther ? CblasTrans : CblasNoTrans, cm, cn, ck,
            1, a.baseAddress, leadingDimension(rows), b.baseAddress,
            leadingDimension(other.rows), 0, c.baseAddress, leadingDimension(m))
        }
      }
    }
    return product
  }

  /// The Gram matrix `XᵀX` of this matrix `X`: a symmetric `columns`×`columns` matrix.
  ///
  /// Computed by `cblas_dsyrk`, which does half the work of a general product; the upper
  /// triangle is then copied to the lower, so both triangles are filled on return.
  ///
  /// - Complexity: O(rows · columns²).
  public func gram() -> Matrix {
    var result = Matrix.zeros(rows: columns, columns: columns)
    result.addGram(of: self, alpha: 1, beta: 0)
    result.mirrorUpperTriangle()
    return result
  }

  /// The matrix-vector product `X v`, with `rows` elements, by `cblas_dgemv`.
  ///
  /// - Precondition: `v.count == columns`.
  public func times(_ v: [Double]) -> [Double] {
    precondition(v.count == columns, "X is \(rows)×\(columns) but v has \(v.count) elements.")
    var result = [Double](repeating: 0, count: rows)
    result.addProduct(of: self, transposed: false, with: v, beta: 0)
    return result
  }

  /// The product `Xᵀ y`, with `columns` elements, by `cblas_dgemv` (no transpose is formed).
  ///
  /// - Precondition: `y.count == rows`.
  public func transposeTimes(_ y: [Double]) -> [Double] {
    precondition(y.count == rows, "X is \(rows)×\(columns) but y has \(y.count) elements.")
    var result = [Double](repeating: 0, count: columns)
    result.addProduct(of: self, transposed: true, with: y, beta: 0)
    return result
  }
}

// MARK: - Accumulating kernels (shared with NormalEquations)

extension Matrix {
  /// `self ← alpha · XᵀX + beta · self` on the upper triangle only (`cblas_dsyrk`).
  ///
  /// The lower triangle is left untouched.
  mutating func addGram(of x: Matrix, alpha: Double, beta: Double) {
    precondition(
      rows == x.columns && columns == x.columns,
      "XᵀX of a \(x.rows)×\(x.columns) matrix cannot go into a \(rows)×\(columns) one.")
    guard rows > 0 else { return }
    guard x.rows > 0 else {
      for j in 0..<columns {
        for i in 0...j { storage[i + j * rows] *= beta }
      }
      return
    }
    BLASThreading.configured
    let (n, k) = (cInt(x.columns, "columns"), cInt(x.rows, "rows"))
    x.storage.withUnsafeBufferPointer { a in
      storage.withUnsafeMutableBufferPointer { c in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasTrans, n, k, alpha, a.baseAddress,
          leadingDimension(x.rows), beta, c.baseAddress, leadingDimension(rows))
      }
    }
  }
}

extension Array where Element == Double {
  /// `self ← op(X) v + beta · self` (`cblas_dgemv`), with `op` the transpose when asked.
  mutating func addProduct(of x: Matrix, transposed: Bool, with v: [Double], beta: Double) {
    let (outputs, inputs) = transposed ? (x.columns, x.rows) : (x.rows, x.columns)
    precondition(count == outputs && v.count == inputs, "gemv shapes disagree.")
    guard outputs > 0 else { return }
    guard inputs > 0 else {
      for i in indices { self[i] *= beta }
      return
    }
    let (m, n) = (cInt(x.rows, "rows"), cInt(x.columns, "columns"))
    BLASThreading.configured
    x.storage.withUnsafeBufferPointer { a in
      v.withUnsafeBufferPointer { vector in
        withUnsafeMutableBufferPointer { y in
          cblas_dgemv(
            CblasColMajor, transposed ? CblasTrans : CblasNoTrans, m, n, 1, a.baseAddress,
            leadingDimension(x.rows), vector.baseAddress, 1, beta, y.baseAddress, 1)
        }
      }
    }
  }
}

extension Matrix {
  /// `self ← XᵀX + self` on the upper triangle only, for the `rows` × `columns` matrix `X` whose
  /// rows lie one after the other in `values` (`cblas_dsyrk` without transpose on `Xᵀ`, the
  /// column-major `columns` × `rows` view of the same memory).
  ///
  /// - Precondition: a square matrix of `columns` = this one's size, and
  ///   `values.count == rows · columns`.
  mutating func addGram(ofTransposedColumnMajor values: UnsafeBufferPointer<Double>, rows: Int) {
    precondition(self.rows == columns, "XᵀX goes into a square matrix.")
    precondition(values.count == rows * columns, "\(values.count) values are not \(rows) rows.")
    guard columns > 0, rows > 0 else { return }
    BLASThreading.configured
    let (n, k) = (cInt(columns, "columns"), cInt(rows, "rows"))
    storage.withUnsafeMutableBufferPointer { c in
      cblas_dsyrk(
        CblasColMajor, CblasUpper, CblasNoTrans, n, k, 1, values.baseAddress,
        leadingDimension(columns), 1, c.baseAddress, leadingDimension(columns))
    }
  }
}

extension Array where Element == Double {
  /// `self ← Xᵀ v + self` for the `rows` × `count` matrix `X` whose rows lie one after the other
  /// in `values` (`cblas_dgemv` without transpose on the column-major view `Xᵀ`).
  ///
  /// - Precondition: `values.count == rows · count` and `v.count == rows`.
  mutating func addProduct(
    ofTransposedColumnMajor values: UnsafeBufferPointer<Double>, rows: Int,
    with v: UnsafeBufferPointer<Double>
  ) {
    precondition(values.count == rows * count && v.count == rows, "gemv shapes disagree.")
    guard count > 0, rows > 0 else { return }
    BLASThreading.configured
    let (m, n) = (cInt(count, "columns"), cInt(rows, "rows"))
    withUnsafeMutableBufferPointer { y in
      cblas_dgemv(
        CblasColMajor, CblasNoTrans, m, n, 1, values.baseAddress, leadingDimension(y.count),
        v.baseAddress, 1, 1, y.baseAddress, 1)
    }
  }
}

/// The index of the first NaN or infinity in `values`, or nil. The scan ORs an integer flag per
/// value (1 exactly when the 11 exponent bits are all set), which the compiler vectorises; only
/// when one is found is the index looked up.
func firstNonFinite(_ values: UnsafeBufferPointer<Double>) -> Int? {
  var any: UInt64 = 0
  for value in values { any |= (((value.bitPattern >> 52) & 0x7FF) &+ 1) >> 11 }
  guard any != 0 else { return nil }
  return values.firstIndex { !$0.isFinite }
}
