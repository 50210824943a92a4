import LinearAlgebra

/// The penalty chosen among candidates by the error of each candidate's fit on held-out rows.
public struct PenaltySelection: Sendable, Equatable, Codable {
  /// The candidate penalties, in the order given.
  public var candidates: [Double]
  /// The validation residual sum of squares of each candidate's training fit, weighted as the
  /// rows were (NaN for all when there were no validation rows, and for a candidate no solver
  /// could fit).
  public var validationSumsOfSquares: [Double]
  /// The position of the chosen candidate.
  public var chosenIndex: Int
  /// The training fit with the chosen penalty.
  public var trainingSolution: RidgeSolution

  /// The chosen penalty.
  public var penalty: Double { candidates[chosenIndex] }

  /// Fits every candidate on `training` and keeps the one whose coefficients leave the smallest
  /// residual sum of squares on `validation`, computed from its sufficient statistics
  /// (`NormalEquations.residualSumOfSquares(_:)`), so no row is kept. Ties go to the earlier
  /// candidate. Without validation rows the largest penalty is chosen, the most cautious.
  ///
  /// - Throws: the `LinearAlgebraError` of the last candidate when no candidate could be fitted
  ///   by either solver (one that fails is skipped, with a NaN validation error).
  /// - Precondition: `candidates` is not empty; `training` has rows; both have the same
  ///   dimension.
  /// - Complexity: O(candidates · p³).
  public static func choose(
    training: NormalEquations, validation: NormalEquations, candidates: [Double],
    priorRows: [Double]? = nil, maximumConditionNumber: Double
  ) throws(LinearAlgebraError) -> PenaltySelection {
    precondition(!candidates.isEmpty, "at least one candidate penalty")
    precondition(training.dimension == validation.dimension, "the dimensions must agree")
    guard validation.count > 0 else {
      let index = candidates.indices.max { candidates[$0] < candidates[$1] } ?? 0
      let solution = try training.standardizedRidge(
        penalty: candidates[index], priorRows: priorRows,
        maximumConditionNumber: maximumConditionNumber)
      return PenaltySelection(
        candidates: candidates,
        validationSumsOfSquares: [Double](repeating: .nan, count: candidates.count),
        chosenIndex: index, trainingSolution: solution)
    }
    var errors: [Double] = []
    var best: (index: Int, solution: RidgeSolution)?
    var failure: LinearAlgebraError?
    for (index, penalty) in candidates.enumerated() {
      let solution: RidgeSolution
      do {
        solution = try training.standardizedRidge(
          penalty: penalty, priorRows: priorRows, maximumConditionNumber: maximumConditionNumber)
      } catch {
        // A candidate no solver manages is out of the running; the others still compete.
        failure = error
        errors.append(.nan)
        continue
      }
      let error = validation.residualSumOfSquares(solution.coefficients)
      errors.append(error)
      if let current = best {
        let incumbent = errors[current.index]
        guard error < incumbent || (incumbent.isNaN && !error.isNaN) else { continue }
      }
      best = (index, solution)
    }
    guard let best else {
      guard let failure else { preconditionFailure("the candidates are not empty") }
      throw failure
    }
    return PenaltySelection(
      candidates: candidates, validationSumsOfSquares: errors, chosenIndex: best.index,
      trainingSolution: best.solution)
  }
}
