import _CBLAS

/// A nonzero value of a sparse column in a block of rows (see
/// `NormalEquations.add(denseRowMajor:targets:sparseColumns:entries:)`).
public struct SparseEntry: Sendable, Equatable {
  /// The row of the block, from 0.
  public var row: Int32
  /// The column, in the full design's numbering.
  public var column: Int32
  /// The value (already multiplied by the row's weight factor, like the dense values).
  public var value: Double

  public init(row: Int, column: Int, value: Double) {
    self.row = Int32(truncatingIfNeeded: row)
    self.column = Int32(truncatingIfNeeded: column)
    self.value = value
  }
}

extension NormalEquations {
  /// Adds `targets.count` rows whose columns in `sparseColumns` are mostly zero, stored apart:
  /// `values` holds each row's other columns (`dimension − sparseColumns.count` of them, in
  /// order), row after row; `entries` the nonzero values of `sparseColumns`, in row order.
  ///
  /// The same sums as `add(rowMajor:targets:checked:)` of the full rows, up to rounding, at a
  /// fraction of the cost when the sparse columns are many and seldom set (indicator columns,
  /// such as one per holiday): BLAS works on the dense columns only (`cblas_dsyrk` on each side
  /// of the sparse range, `cblas_dgemm` between them), and each nonzero adds one dense row's
  /// worth of products.
  ///
  /// - Precondition: `sparseColumns` lies within the dimension, `values.count` is `targets.count`
  ///   times the dense column count, every entry's row lies in the block and its column in
  ///   `sparseColumns`, entries come in non-decreasing row order, and every value and target is
  ///   finite (the caller checked them as it wrote them, as a row block does).
  /// - Complexity: O(n · d² + e · d) for n rows, d dense columns and e entries.
  public mutating func add(
    denseRowMajor values: UnsafeBufferPointer<Double>, targets: UnsafeBufferPointer<Double>,
    sparseColumns: Range<Int>, entries: UnsafeBufferPointer<SparseEntry>
  ) {
    let p = dimension
    precondition(
      sparseColumns.lowerBound >= 0 && sparseColumns.upperBound <= p,
      "sparse columns \(sparseColumns) outside 0..<\(p)")
    let (a, b) = (sparseColumns.lowerBound, sparseColumns.upperBound)
    let dense = p - sparseColumns.count
    let n = targets.count
    precondition(values.count == n * dense, "\(values.count) values are not \(n) dense rows.")
    guard n > 0 else { return }
    BLASThreading.configured
    addDenseBlocks(values, targets: targets, leading: a, trailingFrom: b, rows: n)
    // Each nonzero: its products with the row's dense values, with the other nonzeros of its
    // row (those from it on, so each pair once), and with the target.
    var first = 0
    while first < entries.count {
      let row = Int(entries[first].row)
      var end = first
      while end < entries.count && Int(entries[end].row) == row { end += 1 }
      precondition(row >= 0 && row < n, "entry row \(row) outside the block of \(n)")
      let rowStart = row * dense
      for index in first..<end {
        let j = Int(entries[index].column)
        precondition(sparseColumns.contains(j), "entry column \(j) outside \(sparseColumns)")
        let v = entries[index].value
        for d in 0..<a { upperGram.storage[d + j * p] += values[rowStart + d] * v }
        for d in b..<p { upperGram.storage[j + d * p] += values[rowStart + d - b + a] * v }
        for other in index..<end {
          let k = Int(entries[other].column)
          let (low, high) = (min(j, k), max(j, k))
          upperGram.storage[low + high * p] += v * entries[other].value
        }
        crossProduct[j] += v * targets[row]
      }
      first = end
    }
    var squares = 0.0
    for target in targets { squares += target * target }
    targetSumOfSquares += squares
    count += n
    totalWeight += Double(n)
  }

  /// The dense columns' part: `[0, a)` and `[b, p)` of the full numbering are the first `a` and
  /// the last `p − b` of each dense row.
  private mutating func addDenseBlocks(
    _ values: UnsafeBufferPointer<Double>, targets: UnsafeBufferPointer<Double>,
    leading a: Int, trailingFrom b: Int, rows n: Int
  ) {
    let p = dimension
    let dense = p - (b - a)
    let trailing = p - b
    let (k, ld, ldc) = (cInt(n, "rows"), leadingDimension(dense), leadingDimension(p))
    let x = values.baseAddress
    let trailingX = values.baseAddress.map { $0 + a }
    upperGram.storage.withUnsafeMutableBufferPointer { gram in
      guard let c = gram.baseAddress else { return }
      if a > 0 {
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasNoTrans, cInt(a, "columns"), k, 1, x, ld, 1, c, ldc)
      }
      if trailing > 0 {
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasNoTrans, cInt(trailing, "columns"), k, 1, trailingX, ld,
          1, c + b + b * p, ldc)
      }
      if a > 0 && trailing > 0 {
        cblas_dgemm(
          CblasColMajor, CblasNoTrans, CblasTrans, cInt(a, "columns"), cInt(trailing, "columns"),
          k, 1, x, ld, trailingX, ld, 1, c + b * p, ldc)
      }
    }
    crossProduct.withUnsafeMutableBufferPointer { y in
      guard let out = y.baseAddress else { return }
      if a > 0 {
        cblas_dgemv(
          CblasColMajor, CblasNoTrans, cInt(a, "columns"), k, 1, x, ld, targets.baseAddress, 1, 1,
          out, 1)
      }
      if trailing > 0 {
        cblas_dgemv(
          CblasColMajor, CblasNoTrans, cInt(trailing, "columns"), k, 1, trailingX, ld,
          targets.baseAddress, 1, 1, out + b, 1)
      }
    }
  }
}
