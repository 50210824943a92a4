extension DemandSeries {
  /// The number of uncensored days, after checking that each of them holds a finite value.
  ///
  /// Censored days are not read, so they may hold anything (a stock-out's lower bound, NaN).
  ///
  /// - Parameters:
  ///   - model: The method's name, for the error.
  ///   - required: The fewest uncensored days the method accepts.
  /// - Throws: `ModelError.nonFiniteValue` at the first uncensored non-finite value,
  ///   `ModelError.tooShort` when fewer than `required` days are uncensored.
  /// - Complexity: O(n).
  func checkedObservedCount(model: String, required: Int = 1) throws(ModelError) -> Int {
    var observed = 0
    for index in values.indices where !censored[index] {
      guard values[index].isFinite else {
        throw ModelError.nonFiniteValue(model: model, index: index)
      }
      observed += 1
    }
    guard observed >= required else {
      throw ModelError.tooShort(model: model, observed: observed, required: required)
    }
    return observed
  }
}
