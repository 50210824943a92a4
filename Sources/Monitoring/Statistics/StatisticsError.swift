/// Why a drift statistic could not be computed from the data it was given.
///
/// `sample` names the argument at fault as the caller wrote it (`"a"`, `"b"`, `"expected"`,
/// `"actual"`, `"observedA"`, …), so a message points at the window or feature that was empty.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The sample has no observations (or, for counts and shares, they sum to zero).
  case emptySample(sample: String)
  /// The sample holds NaN or an infinity at `index`.
  case nonFiniteValue(sample: String, index: Int)
  /// A count or share is negative.
  case negativeValue(sample: String, index: Int, value: Double)
  /// Two category vectors that must line up have different lengths.
  case categoryCountMismatch(expected: Int, received: Int)
  /// A bin count below 1.
  case invalidBinCount(Int)
  /// A share floor outside 0 < floor < 1.
  case invalidFloor(Double)

  public var description: String {
    switch self {
    case .emptySample(let sample):
      return "The sample '\(sample)' is empty; a drift statistic needs at least one observation "
        + "on each side."
    case .nonFiniteValue(let sample, let index):
      return "The sample '\(sample)' holds a NaN or infinite value at index \(index); remove or "
        + "impute it before testing."
    case .negativeValue(let sample, let index, let value):
      return "The sample '\(sample)' holds the negative count or share \(value) at index "
        + "\(index); counts and shares must be at least 0."
    case .categoryCountMismatch(let expected, let received):
      return "The category vectors differ in length: \(expected) and \(received) categories; "
        + "pass the same categories in the same order on both sides."
    case .invalidBinCount(let bins):
      return "The bin count must be at least 1; got \(bins)."
    case .invalidFloor(let floor):
      return "The share floor must lie strictly between 0 and 1; got \(floor)."
    }
  }
}

/// Throws `nonFiniteValue` for the first NaN or infinity in `values`.
func checkFinite(_ values: [Double], sample: String) throws(StatisticsError) {
  if let index = values.firstIndex(where: { !$0.isFinite }) {
    throw .nonFiniteValue(sample: sample, index: index)
  }
}

/// Throws for a non-finite or negative entry, or when the entries sum to zero; returns the sum.
func checkedTotal(_ counts: [Double], sample: String) throws(StatisticsError) -> Double {
  var total = 0.0
  for (index, value) in counts.enumerated() {
    guard value.isFinite else { throw .nonFiniteValue(sample: sample, index: index) }
    guard value >= 0 else { throw .negativeValue(sample: sample, index: index, value: value) }
    total += value
  }
  guard total > 0 else { throw .emptySample(sample: sample) }
  return total
}
