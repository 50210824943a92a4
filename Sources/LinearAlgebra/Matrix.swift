/// A dense, column-major `Double` matrix laid out for BLAS and LAPACK.
///
/// Element `(i, j)` lives at `storage[i + j * rows]`, so each column is contiguous and the leading
/// dimension handed to BLAS is `max(1, rows)`. Shapes may be empty (zero rows or columns).
///
/// Shape mismatches (a `rowMajor` array of the wrong length, an out-of-range subscript, multiplying
/// a 2×3 by a 2×3) are programmer errors and trap through `precondition`; they are not thrown.
///
/// `Equatable` compares shapes and stored values exactly. Use a tolerance, never `==`, to compare
/// results that went through floating-point arithmetic.
public struct Matrix: Equatable, Sendable {
  /// Number of rows (m), at least 0.
  public let rows: Int
  /// Number of columns (n), at least 0.
  public let columns: Int
  /// The `rows * columns` elements, column after column.
  public internal(set) var storage: [Double]

  /// A matrix over elements listed column after column.
  ///
  /// - Precondition: `rows >= 0`, `columns >= 0` and `columnMajor.count == rows * columns`.
  public init(rows: Int, columns: Int, columnMajor: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape \(rows)×\(columns) is negative.")
    precondition(
      columnMajor.count == rows * columns,
      "A \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(columnMajor.count).")
    self.rows = rows
    self.columns = columns
    self.storage = columnMajor
  }

  /// A matrix over elements listed row after row, as they read on paper.
  ///
  /// Convenient for literals and tests; the elements are reordered into column-major storage.
  ///
  /// - Precondition: `rows >= 0`, `columns >= 0` and `rowMajor.count == rows * columns`.
  public init(rows: Int, columns: Int, rowMajor: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape \(rows)×\(columns) is negative.")
    precondition(
      rowMajor.count == rows * columns,
      "A \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(rowMajor.count).")
    var columnMajor = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows {
      for j in 0..<columns {
        columnMajor[i + j * rows] = rowMajor[i * columns + j]
      }
    }
    self.init(rows: rows, columns: columns, columnMajor: columnMajor)
  }

  /// A matrix whose columns are the given arrays, all of length `rows`.
  ///
  /// `rows` is explicit so that a matrix with no columns still has a height.
  ///
  /// - Precondition: every column vector has `rows` elements.
  public init(rows: Int, columnVectors: [[Double]]) {
    for (j, column) in columnVectors.enumerated() {
      precondition(
        column.count == rows, "Column \(j) has \(column.count) elements, expected \(rows).")
    }
    self.init(rows: rows, columns: columnVectors.count, columnMajor: columnVectors.flatMap { $0 })
  }

  /// The `rows`×`columns` matrix of zeros.
  public static func zeros(rows: Int, columns: Int) -> Matrix {
    Matrix(
      rows: rows, columns: columns,
      columnMajor: [Double](repeating: 0, count: rows * columns))
  }

  /// The `size`×`size` identity matrix.
  public static func identity(_ size: Int) -> Matrix {
    var matrix = Matrix.zeros(rows: size, columns: size)
    for i in 0..<size {
      matrix.storage[i + i * size] = 1
    }
    return matrix
  }

  /// The element in row `row` and column `column`, both counted from 0.
  ///
  /// - Precondition: `0 <= row < rows` and `0 <= column < columns`.
  public subscript(row: Int, column: Int) -> Double {
    get {
      checkIndex(row, column)
      return storage[row + column * rows]
    }
    set {
      checkIndex(row, column)
      storage[row + column * rows] = newValue
    }
  }

  /// A copy of column `column`, counted from 0.
  public func column(_ column: Int) -> [Double] {
    precondition(column >= 0 && column < columns, "Column \(column) is outside 0..<\(columns).")
    return Array(storage[column * rows..<(column + 1) * rows])
  }

  /// The transpose, a `columns`×`rows` matrix with element `(j, i)` equal to `self[i, j]`.
  ///
  /// - Complexity: O(rows × columns) copies; BLAS routines take transpose flags instead, so prefer
  ///   `multiplied(by:transposingSelf:transposingOther:)` over materialising a transpose.
  public func transposed() -> Matrix {
    var result = Matrix.zeros(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows {
        result.storage[j + i * columns] = storage[i + j * rows]
      }
    }
    return result
  }

  private func checkIndex(_ row: Int, _ column: Int) {
    precondition(
      row >= 0 && row < rows && column >= 0 && column < columns,
      "Index (\(row), \(column)) is outside a \(rows)×\(columns) matrix.")
  }
}
