extension DemandSeries {
  /// The number of uncensored days, after checking that each of them holds a finite value.
  ///
  /// Censored days are not read, so they may hold anything (a stock-out's lower bound, NaN).
  ///
  /// - Parameters:
  ///   - model: The method's name, for the error (only built when there is one).
  ///   - required: The fewest uncensored days the method accepts.
  /// - Throws: `ModelError.nonFiniteValue` at the first uncensored non-finite value,
  ///   `ModelError.tooShort` when fewer than `required` days are uncensored.
  /// - Complexity: O(n).
  func checkedObservedCount(model: @autoclosure () -> String, required: Int = 1)
    throws(ModelError) -> Int
  {
    let (observed, allFinite) = values.withUnsafeBufferPointer { values in
      censored.withUnsafeBufferPointer { censored in
        var observed = 0
        var allFinite = true
        for index in 0..<values.count {
          let used = !censored[index]
          observed &+= used ? 1 : 0
          allFinite = allFinite && (!used || values[index].isFinite)
        }
        return (observed, allFinite)
      }
    }
    if !allFinite,
      let index = values.indices.first(where: { !censored[$0] && !values[$0].isFinite })
    {
      throw ModelError.nonFiniteValue(model: model(), index: index)
    }
    guard observed >= required else {
      throw ModelError.tooShort(model: model(), observed: observed, required: required)
    }
    return observed
  }
}
