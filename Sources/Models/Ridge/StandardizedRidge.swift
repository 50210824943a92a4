import LinearAlgebra

/// Which linear solver produced a ridge solution.
public enum RidgeSolver: String, Sendable, Codable {
  /// Cholesky on the standardised normal equations (LAPACK `dposv`).
  case cholesky
  /// Minimum-norm least squares by SVD (LAPACK `dgelsd`), used when the standardised system is
  /// singular or its condition number exceeds the limit.
  case leastSquares
}

/// The coefficients of a standardised ridge regression and how they were obtained.
public struct RidgeSolution: Sendable, Equatable, Codable {
  /// β, one per column, in the original (unstandardised) units; β₀ is the intercept.
  public var coefficients: [Double]
  /// The penalty λ that was applied.
  public var penalty: Double
  /// The solver whose answer this is.
  public var solver: RidgeSolver
  /// The condition number of the standardised system `C + λI`: the 1-norm one for Cholesky,
  /// `σ_max / σ_min` for least squares (infinite when singular).
  public var conditionNumber: Double
  /// The effective rank of the standardised system (non-constant columns, less any dropped by
  /// the SVD threshold); the intercept is not counted.
  public var rank: Int
  /// Columns constant over the rows: their effect is the intercept's, so they get coefficient 0.
  public var constantColumns: [Int]
}

extension NormalEquations {
  /// Ridge coefficients with standardised columns and an unpenalised intercept in column 0.
  ///
  /// Column 0 must be the intercept: 1 on every row, or `√wᵢ` on row i when each row and target
  /// was multiplied by `√wᵢ` (weighted least squares with weights `wᵢ`). With `W = Σ wᵢ` (the
  /// `[0, 0]` entry of the Gram matrix), the weighted column means `mⱼ` and variances `vⱼ`
  /// (divided by W), the coefficients minimise
  ///
  ///     Σᵢ wᵢ (yᵢ − xᵢᵀβ)² + λ · W · Σ_{j ≥ 1} vⱼ βⱼ²,
  ///
  /// i.e. they solve `(XᵀWX + λ W diag(0, v₁, …, v_{p−1})) β = XᵀWy`. This is ridge regression on
  /// columns standardised to unit variance with the penalty per unit of weight (glmnet's
  /// convention, so one λ suits any number of rows), expressed back in the original units.
  ///
  /// It is solved in centred, standardised coordinates: the correlation matrix `C` and
  /// `r = corr(x, y) · sd(y)`, then `(C + λI) γ = r` by Cholesky, `βⱼ = γⱼ / sdⱼ` and
  /// `β₀ = ȳ − Σ mⱼ βⱼ`. When the Cholesky factorisation fails or the 1-norm condition number of
  /// `C + λI` exceeds `maximumConditionNumber`, the same system is solved by SVD least squares
  /// with `rcond = 1 / maximumConditionNumber`, which returns its minimum-norm solution (the
  /// minimum-norm least-squares fit when λ = 0). A column with `vⱼ ≤ 10⁻¹² · mean(xⱼ²)` is
  /// constant and gets βⱼ = 0.
  ///
  /// - Parameters:
  ///   - penalty: λ ≥ 0, dimensionless (per unit of weight, on standardised columns).
  ///   - priorRows: per column, n_j ≥ 0 rows of average weight `W / rows` that add the
  ///     penalty `n_j · (W / rows) · βⱼ²` on top of λ's, whatever the column's spread: a fixed
  ///     amount of evidence for βⱼ = 0 that a column seen on few rows cannot outweigh (its
  ///     coefficient is shrunk by about `m_j / (m_j + n_j)` for m_j rows holding it), while one
  ///     seen on many keeps its estimate. nil: none.
  ///   - maximumConditionNumber: the largest condition number trusted to Cholesky, > 1.
  ///   - zeroColumns: columns held at βⱼ = 0 (left out of the system, not counted in the rank
  ///     nor listed as constant): a sign constraint's active set.
  /// - Throws: `.nonFinite` when the sums are not finite; `.didNotConverge` or the other LAPACK
  ///   errors of `leastSquares` when the SVD fails too.
  /// - Precondition: at least one row with positive weight, `penalty` finite and ≥ 0.
  /// - Complexity: O(p³).
  public func standardizedRidge(
    penalty: Double, priorRows: [Double]? = nil, maximumConditionNumber: Double = 1e10,
    zeroColumns: Set<Int> = []
  ) throws(LinearAlgebraError) -> RidgeSolution {
    precondition(penalty >= 0 && penalty.isFinite, "the penalty must be finite and ≥ 0")
    let gram = self.gram
    let p = dimension
    let totalWeight = gram[0, 0]
    precondition(totalWeight > 0, "the intercept column sums to zero: no rows were added")
    try gram.checkFinite()
    for (j, value) in crossProduct.enumerated() where !value.isFinite {
      throw LinearAlgebraError.nonFinite(argument: "XᵀWy", row: j, column: 0)
    }
    let means = (0..<p).map { gram[0, $0] / totalWeight }
    let targetMean = crossProduct[0] / totalWeight
    var active: [Int] = []
    var constant: [Int] = []
    var deviations = [Double](repeating: 0, count: p)
    for j in 1..<p where !zeroColumns.contains(j) {
      let secondMoment = gram[j, j] / totalWeight
      let variance = secondMoment - means[j] * means[j]
      // Relative to the column's size, and absolutely: a column of rounding dust (values of
      // 10⁻¹⁶) has a variance tiny beside any real feature's yet large beside its own second
      // moment, and its coefficient γ / sd would be huge.
      if variance > 1e-12 * secondMoment && variance > 1e-18 {
        active.append(j)
        deviations[j] = variance.squareRoot()
      } else {
        constant.append(j)
      }
    }
    let q = active.count
    var coefficients = [Double](repeating: 0, count: p)
    guard q > 0 else {
      coefficients[0] = targetMean
      return RidgeSolution(
        coefficients: coefficients, penalty: penalty, solver: .cholesky, conditionNumber: 1,
        rank: 0, constantColumns: constant)
    }
    // The prior rows on the standardised scale: n_j (W / rows) β_j² / W with β_j = γ_j / sd_j.
    var prior = [Double](repeating: 0, count: p)
    if let priorRows, count > 0 {
      precondition(priorRows.count == p, "one prior row count per column")
      for j in active { prior[j] = priorRows[j] / Double(count) / (deviations[j] * deviations[j]) }
    }
    // Standardised system (C + λI) γ = r, with the identity appended to get (C + λI)⁻¹ too.
    var system = Matrix.zeros(rows: q, columns: q)
    var rightHandSides = Matrix.zeros(rows: q, columns: q + 1)
    for (a, j) in active.enumerated() {
      for (b, k) in active.enumerated() {
        let covariance = gram[j, k] / totalWeight - means[j] * means[k]
        system[a, b] =
          a == b ? 1 + penalty + prior[j] : covariance / (deviations[j] * deviations[k])
      }
      let covariance = crossProduct[j] / totalWeight - means[j] * targetMean
      rightHandSides[a, 0] = covariance / deviations[j]
      rightHandSides[a, a + 1] = 1
    }
    let standardized: [Double]
    let solver: RidgeSolver
    let condition: Double
    var rank = q
    let cholesky = try? solvePositiveDefinite(system, rightHandSides)
    let choleskyCondition = cholesky.map {
      oneNorm(system) * oneNorm($0, firstColumn: 1)
    }
    if let cholesky, let choleskyCondition, choleskyCondition.isFinite,
      choleskyCondition <= maximumConditionNumber
    {
      standardized = cholesky.column(0)
      solver = .cholesky
      condition = choleskyCondition
    } else {
      let solution = try leastSquares(
        system, rightHandSides.column(0), rcond: 1 / maximumConditionNumber)
      standardized = solution.coefficients
      solver = .leastSquares
      rank = solution.rank
      let smallest = solution.singularValues.last ?? 0
      condition =
        smallest > 0 ? (solution.singularValues.first ?? 0) / smallest : Double.infinity
    }
    var intercept = targetMean
    for (a, j) in active.enumerated() {
      coefficients[j] = standardized[a] / deviations[j]
      intercept -= means[j] * coefficients[j]
    }
    coefficients[0] = intercept
    return RidgeSolution(
      coefficients: coefficients, penalty: penalty, solver: solver, conditionNumber: condition,
      rank: rank, constantColumns: constant)
  }

  /// The (weighted) residual sum of squares `Σ wᵢ (yᵢ − xᵢᵀβ)²` of `coefficients` over the
  /// accumulated rows, from the sufficient statistics: `yᵀWy − 2βᵀXᵀWy + βᵀXᵀWXβ`.
  ///
  /// Rounding in that difference is about `ε · yᵀWy`, so the result is accurate when the fit
  /// leaves a residual much larger than that; it is clamped at 0.
  ///
  /// - Precondition: `coefficients.count == dimension`.
  public func residualSumOfSquares(_ coefficients: [Double]) -> Double {
    precondition(coefficients.count == dimension, "one coefficient per column")
    let gramTimesBeta = gram.times(coefficients)
    var quadratic = 0.0
    var linear = 0.0
    for j in 0..<dimension {
      quadratic += coefficients[j] * gramTimesBeta[j]
      linear += coefficients[j] * crossProduct[j]
    }
    return max(0, targetSumOfSquares - 2 * linear + quadratic)
  }
}

/// The largest absolute column sum of `matrix` from column `firstColumn` on.
private func oneNorm(_ matrix: Matrix, firstColumn: Int = 0) -> Double {
  var largest = 0.0
  for j in firstColumn..<matrix.columns {
    var sum = 0.0
    for i in 0..<matrix.rows { sum += abs(matrix[i, j]) }
    largest = max(largest, sum)
  }
  return largest
}

extension Matrix {
  /// Throws `.nonFinite` for the first NaN or infinite element of the upper triangle.
  fileprivate func checkFinite() throws(LinearAlgebraError) {
    for j in 0..<columns {
      for i in 0...j where !self[i, j].isFinite {
        throw LinearAlgebraError.nonFinite(argument: "XᵀWX", row: i, column: j)
      }
    }
  }
}
