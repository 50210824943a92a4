import LinearAlgebra

/// Why a category's ridge regression could not be set up or fitted.
public enum RidgeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A settings field is out of range.
  case invalidSettings(field: String, reason: String)
  /// No series of the category had a training row (every target censored, or less history than
  /// `minimumHistoryDays` before each cut-off). `validationRows` were found.
  case noTrainingRows(category: String, validationRows: Int)
  /// The accumulated sums overflowed (a demand value near the largest Double).
  case nonFiniteStatistics(category: String)
  /// Both the Cholesky and the SVD solver failed for `penalty`.
  case solverFailed(category: String, penalty: Double, underlying: LinearAlgebraError)
  /// The model was saved without its training means (by a ShelfCast from before they were
  /// kept), so its forecasts cannot be decomposed around them.
  case missingTrainingMeans(category: String)

  public var description: String {
    switch self {
    case .invalidSettings(let field, let reason):
      return "Ridge settings: \(field) \(reason)."
    case .noTrainingRows(let category, let validationRows):
      return "Ridge(\(category)): no training rows (\(validationRows) validation rows); the "
        + "category's series are too short or censored. Forecast it with a per-series model."
    case .nonFiniteStatistics(let category):
      return "Ridge(\(category)): the accumulated sums are not finite; check the demand values "
        + "for absurd magnitudes."
    case .solverFailed(let category, let penalty, let underlying):
      return "Ridge(\(category)): no solution for penalty \(penalty): \(underlying)"
    case .missingTrainingMeans(let category):
      return "Ridge(\(category)) was saved without the training means of its features (an "
        + "older fitted set), so its forecasts cannot be explained. Retrain with `shelfcast "
        + "train` to explain them."
    }
  }
}
