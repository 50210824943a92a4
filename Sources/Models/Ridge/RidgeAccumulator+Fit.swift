import Features
import LinearAlgebra

extension RidgeAccumulator {
  /// Validation rows a level bucket needs for its own dispersion; fewer and the pooled
  /// validation dispersion is used.
  static let minimumBucketRows = 30

  /// Fits the category's regression.
  ///
  /// 1. Each candidate penalty is fitted on the training rows and scored by its residual sum of
  ///    squares on the validation rows (`PenaltySelection`).
  /// 2. The chosen penalty is refitted on training and validation rows together.
  /// 3. The dispersion φ — the mean squared Pearson residual `(y − ŷ)² / s` — is measured per
  ///    level bucket on the validation rows with the training fit (out of sample), pooled over
  ///    buckets with fewer than 30 rows. Without validation rows it is the in-sample residual
  ///    sum of squares of the final fit divided by `rows − rank − 1`.
  ///
  /// **Short histories.** A fit whose rows all fall in its validation days (a chain of a few
  /// months: the longest bucket's rows begin `horizon + minimumHistoryDays` days into the
  /// history, and the backtest's fit ends up to 3 horizons before the last day) has no training fit
  /// to score penalties with. It then fits all its rows with the largest penalty and the
  /// in-sample dispersion, as without validation days, rather than leaving the category
  /// without a regression.
  ///
  /// - Throws: `RidgeError.noTrainingRows` when no row at all was added;
  ///   `.nonFiniteStatistics` when the sums overflowed; `.solverFailed` when neither solver
  ///   managed.
  public func fit() throws(RidgeError) -> FittedRidge {
    let priorRows = holidayPriorRows
    var complete = self
    complete.flush()
    let p = layout.count
    var held = complete.validation.reduce(NormalEquations(dimension: p)) { $0.merged(with: $1) }
    var training = complete.training
    guard training.count > 0 || held.count > 0 else {
      throw .noTrainingRows(category: category, validationRows: held.count)
    }
    // No training row: the validation rows become the training rows, with none held out.
    if training.count == 0 { swap(&training, &held) }
    let selection: PenaltySelection
    do {
      selection = try PenaltySelection.choose(
        training: training, validation: held, candidates: settings.penalties,
        priorRows: priorRows, maximumConditionNumber: settings.maximumConditionNumber)
    } catch {
      // Every candidate failed, the last one tried being the largest without validation rows.
      let last = held.count > 0 ? settings.penalties.last : settings.penalties.max()
      throw wrap(error, penalty: last ?? 0)
    }
    let all = training.merged(with: held)
    let final: RidgeSolution
    var heldBeta = selection.trainingSolution.coefficients
    do {
      final = try signConstrained(all, penalty: selection.penalty, priorRows: priorRows)
      if held.count > 0, !Self.respectsSigns(heldBeta, of: layout) {
        heldBeta =
          try signConstrained(training, penalty: selection.penalty, priorRows: priorRows)
          .coefficients
      }
    } catch {
      throw wrap(error, penalty: selection.penalty)
    }
    let dispersions: [Double]
    if held.count > 0 {
      let pooled = held.residualSumOfSquares(heldBeta) / Double(held.count)
      dispersions = complete.validation.map { bucket in
        bucket.count >= Self.minimumBucketRows
          ? bucket.residualSumOfSquares(heldBeta) / Double(bucket.count) : pooled
      }
    } else {
      let freedom = max(1, all.count - final.rank - 1)
      let inSample = all.residualSumOfSquares(final.coefficients) / Double(freedom)
      dispersions = [Double](repeating: inSample, count: complete.validation.count)
    }
    return FittedRidge(
      category: category, settings: settings, layout: layout,
      coefficients: final.coefficients, solution: final, selection: selection,
      dispersions: dispersions, trainingRows: training.count,
      validationRows: held.count, seriesCount: seriesCount,
      trainingMeans: Self.columnMeans(all))
  }

  /// The ridge solution of `equations` whose coefficients have the signs the layout's columns
  /// require (`FeatureColumn.requiredSign`): each pass holds every column of the wrong sign at
  /// 0 and solves again, until none is (at most one pass per signed column; a column held at
  /// 0 stays there). The penalty is chosen on the unconstrained fits (`PenaltySelection`).
  func signConstrained(
    _ equations: NormalEquations, penalty: Double, priorRows: [Double]?
  ) throws(LinearAlgebraError) -> RidgeSolution {
    let signed = layout.columns.enumerated().compactMap { index, column in
      column.requiredSign.map { (index, $0) }
    }
    var held: Set<Int> = []
    while true {
      let solution = try equations.standardizedRidge(
        penalty: penalty, priorRows: priorRows,
        maximumConditionNumber: settings.maximumConditionNumber, zeroColumns: held)
      let wrong = signed.filter { solution.coefficients[$0.0] * $0.1 < 0 }.map(\.0)
      if wrong.isEmpty { return solution }
      held.formUnion(wrong)
    }
  }

  /// Whether every signed column of `layout` has a coefficient of its sign (or 0).
  static func respectsSigns(_ coefficients: [Double], of layout: FeatureLayout) -> Bool {
    layout.columns.enumerated().allSatisfy { index, column in
      (column.requiredSign.map { coefficients[index] * $0 >= 0 }) ?? true
    }
  }

  /// `settings.holidayPriorRows` for the layout's named-holiday columns, 0 for the others; nil
  /// when it has none.
  var holidayPriorRows: [Double]? {
    let named = layout.namedHolidayColumns
    guard !named.isEmpty else { return nil }
    return (0..<layout.count).map { named.contains($0) ? settings.holidayPriorRows : 0 }
  }

  /// The weighted mean of each column of `equations`' rows: `Σ wᵢ xᵢⱼ / Σ wᵢ`, read from the
  /// intercept row of the Gram matrix (rows enter multiplied by `√wᵢ` and the intercept column
  /// holds `√wᵢ`, so `[0, j]` is `Σ wᵢ xᵢⱼ` and `[0, 0]` is `Σ wᵢ`): the means the standardised
  /// solve centred the columns on.
  static func columnMeans(_ equations: NormalEquations) -> [Double] {
    let gram = equations.gram
    let totalWeight = gram[0, 0]
    return (0..<equations.dimension).map { gram[0, $0] / totalWeight }
  }

  private func wrap(_ error: LinearAlgebraError, penalty: Double) -> RidgeError {
    if case .nonFinite = error { return .nonFiniteStatistics(category: category) }
    return .solverFailed(category: category, penalty: penalty, underlying: error)
  }
}
