/// The sufficient statistics `XᵀWX` and `XᵀWy` of a weighted least-squares problem, accumulated
/// block by block.
///
/// A regression over many stores never needs the whole design matrix in memory: add each store's
/// rows as they are built, or accumulate blocks on separate tasks and `merged(with:)` them. Up to
/// rounding, the result does not depend on how the rows were split into blocks or in what order
/// the blocks were added.
///
/// `W` is the diagonal matrix of observation weights (all 1 when none are given). Solve the
/// accumulated system with `ridgeCoefficients(penalty:interceptColumn:)`.
///
/// `Equatable` is exact, element by element; it is meant for tests of identical inputs.
public struct NormalEquations: Equatable, Sendable {
  /// Number of columns (features) p of every block.
  public let dimension: Int
  /// `XᵀWX`, kept in the upper triangle only (`dsyrk` with beta = 1); the lower stays zero.
  var upperGram: Matrix
  /// `XᵀWy`, with `dimension` elements.
  public internal(set) var crossProduct: [Double]
  /// `yᵀWy = Σ wᵢ yᵢ²`, so that the residual sum of squares of any β is
  /// `yᵀWy − 2 βᵀXᵀWy + βᵀXᵀWXβ` without revisiting the data.
  public internal(set) var targetSumOfSquares: Double
  /// Number of rows added so far.
  public internal(set) var count: Int
  /// `Σ wᵢ` over the rows added so far; equal to `count` when no weights were given.
  public internal(set) var totalWeight: Double

  /// Empty normal equations for a design with `dimension` columns.
  public init(dimension: Int) {
    precondition(dimension >= 0, "dimension must be at least 0, got \(dimension).")
    self.dimension = dimension
    self.upperGram = Matrix.zeros(rows: dimension, columns: dimension)
    self.crossProduct = [Double](repeating: 0, count: dimension)
    self.targetSumOfSquares = 0
    self.count = 0
    self.totalWeight = 0
  }

  /// The symmetric `dimension`×`dimension` matrix `XᵀWX`, both triangles filled.
  public var gram: Matrix {
    var full = upperGram
    full.mirrorUpperTriangle()
    return full
  }

  /// Adds the block `rows` (one observation per row) with its `targets` and optional `weights`.
  ///
  /// Updates `XᵀWX` with `cblas_dsyrk` and `XᵀWy` with `cblas_dgemv`, both with beta = 1.
  /// Weighted rows are scaled by `√wᵢ` for the Gram update, so a weight of 2 counts a row twice.
  ///
  /// - Parameters:
  ///   - rows: an n×`dimension` block of the design matrix.
  ///   - targets: the n responses.
  ///   - weights: n non-negative weights, or `nil` for all 1.
  /// - Throws: `LinearAlgebraError.nonFinite` naming `rows`, `targets` or `weights` when any
  ///   holds NaN or an infinity. Nothing is added in that case.
  /// - Precondition: `rows.columns == dimension`, the counts agree and no weight is negative.
  /// - Complexity: O(n · dimension²).
  public mutating func add(
    rows: Matrix, targets: [Double], weights: [Double]? = nil
  ) throws(LinearAlgebraError) {
    precondition(
      rows.columns == dimension,
      "Block has \(rows.columns) columns; these normal equations have \(dimension).")
    precondition(
      targets.count == rows.rows, "Block has \(rows.rows) rows but \(targets.count) targets.")
    try rows.checkFinite("rows")
    try checkFinite(targets, "targets")
    guard let weights else {
      upperGram.addGram(of: rows, alpha: 1, beta: 1)
      crossProduct.addProduct(of: rows, transposed: true, with: targets, beta: 1)
      targetSumOfSquares += targets.reduce(0) { $0 + $1 * $1 }
      count += rows.rows
      totalWeight += Double(rows.rows)
      return
    }
    precondition(
      weights.count == rows.rows, "Block has \(rows.rows) rows but \(weights.count) weights.")
    try checkFinite(weights, "weights")
    precondition(weights.allSatisfy { $0 >= 0 }, "Weights must not be negative.")
    var scaled = rows
    for (i, weight) in weights.enumerated() where weight != 1 {
      let root = weight.squareRoot()
      for j in 0..<dimension { scaled.storage[i + j * rows.rows] *= root }
    }
    let weightedTargets = zip(weights, targets).map { $0 * $1 }
    upperGram.addGram(of: scaled, alpha: 1, beta: 1)
    crossProduct.addProduct(of: rows, transposed: true, with: weightedTargets, beta: 1)
    targetSumOfSquares += zip(weightedTargets, targets).reduce(0) { $0 + $1.0 * $1.1 }
    count += rows.rows
    totalWeight += weights.reduce(0, +)
  }

  /// Adds `targets.count` rows stored one after the other (row-major: row i is
  /// `values[i · dimension ..< (i + 1) · dimension]`), with unit weights.
  ///
  /// The same sums as `add(rows:targets:weights:)` for the same rows, up to rounding (the BLAS
  /// kernels sum in another order). Rows are written contiguously, so a caller that builds them
  /// one at a time touches one cache line after another instead of one per column:
  /// `cblas_dsyrk` without transpose on the `dimension` × n column-major view `Xᵀ`.
  ///
  /// - Parameter checked: false when the caller has checked every value as it wrote it (a
  ///   row block): the scan for non-finite values, a twentieth of a large training, is skipped.
  /// - Throws: `LinearAlgebraError.nonFinite` naming `rows` (row and column of the first bad
  ///   value) or `targets`. Nothing is added in that case.
  /// - Precondition: `values.count == targets.count · dimension`; every value finite when not
  ///   `checked`.
  /// - Complexity: O(n · dimension²).
  public mutating func add(
    rowMajor values: UnsafeBufferPointer<Double>, targets: UnsafeBufferPointer<Double>,
    checked: Bool = true
  ) throws(LinearAlgebraError) {
    let n = targets.count
    precondition(
      values.count == n * dimension,
      "\(values.count) values are not \(n) rows of \(dimension) columns.")
    if checked, let index = firstNonFinite(values) {
      throw .nonFinite(
        argument: "rows", row: index / max(1, dimension), column: index % max(1, dimension))
    }
    try checkFinite(targets, "targets")
    guard n > 0 else { return }
    upperGram.addGram(ofTransposedColumnMajor: values, rows: n)
    crossProduct.addProduct(ofTransposedColumnMajor: values, rows: n, with: targets)
    var squares = 0.0
    for target in targets { squares += target * target }
    targetSumOfSquares += squares
    count += n
    totalWeight += Double(n)
  }

  /// The normal equations of both sets of rows together.
  ///
  /// - Precondition: `other.dimension == dimension`.
  public func merged(with other: NormalEquations) -> NormalEquations {
    precondition(
      other.dimension == dimension,
      "Cannot merge normal equations of dimension \(dimension) and \(other.dimension).")
    var sum = self
    for index in sum.upperGram.storage.indices {
      sum.upperGram.storage[index] += other.upperGram.storage[index]
    }
    for index in sum.crossProduct.indices {
      sum.crossProduct[index] += other.crossProduct[index]
    }
    sum.targetSumOfSquares += other.targetSumOfSquares
    sum.count += other.count
    sum.totalWeight += other.totalWeight
    return sum
  }
}
