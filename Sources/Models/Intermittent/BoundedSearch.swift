/// Small derivative-free minimisers over boxes, for the smoothing parameters of the
/// intermittent-demand models. They take the objective as a non-escaping closure, so a search
/// allocates nothing per step.
enum BoundedSearch {
  /// The golden ratio φ = (1 + √5) / 2.
  static let goldenRatio = (5.0.squareRoot() + 1) / 2

  /// Golden-section search for a minimum of a unimodal `objective` on `lower...upper`.
  ///
  /// The steps are those of statsforecast's `golden_section_ses` (`src/ses.cpp`): the bracket
  /// shrinks by 1/φ towards the smaller of the two interior values, stops when its width falls
  /// below `tolerance` or the two values tie exactly, and the midpoint of the final bracket is
  /// returned. With the same objective, bounds and a looser tolerance the result lies inside
  /// statsforecast's final bracket's ancestors, so the two differ by at most `tolerance / 2`.
  ///
  /// - Complexity: about log(width / tolerance) / log φ + 2 evaluations.
  @inline(__always)
  static func goldenSection(
    lower: Double, upper: Double, tolerance: Double, objective: (Double) -> Double
  ) -> Double {
    var a = lower
    var b = upper
    var c = b - (b - a) / goldenRatio
    var d = a + (b - a) / goldenRatio
    var fc = objective(c)
    var fd = objective(d)
    while abs(b - a) >= tolerance {
      if fc < fd {
        b = d
        d = c
        fd = fc
        c = b - (b - a) / goldenRatio
        fc = objective(c)
      } else if fd < fc {
        a = c
        c = d
        fc = fd
        d = a + (b - a) / goldenRatio
        fd = objective(d)
      } else {
        break
      }
    }
    return (b + a) / 2
  }

  /// A minimum of `objective` over the square `[lower, upper]²`: the best point of a
  /// `gridPoints × gridPoints` grid, refined by `rounds` rounds of golden-section searches along
  /// each coordinate in turn, each within one grid step of the current point.
  ///
  /// A line search's result replaces the current point only when its value is lower, so the
  /// returned point is never worse than the best grid point.
  ///
  /// - Returns: The point and its objective value.
  /// - Complexity: gridPoints² + rounds · 2 · (log(2·step / tolerance) / log φ + 3) evaluations.
  @inline(__always)
  static func gridThenCoordinates(
    lower: Double, upper: Double, gridPoints: Int, rounds: Int, tolerance: Double,
    objective: (Double, Double) -> Double
  ) -> (x: Double, y: Double, value: Double) {
    precondition(gridPoints >= 2 && upper >= lower, "a grid needs two points and ordered bounds")
    let step = (upper - lower) / Double(gridPoints - 1)
    var best = (x: lower, y: lower, value: Double.infinity)
    for i in 0..<gridPoints {
      let x = i == gridPoints - 1 ? upper : lower + Double(i) * step
      for j in 0..<gridPoints {
        let y = j == gridPoints - 1 ? upper : lower + Double(j) * step
        let value = objective(x, y)
        if value < best.value { best = (x, y, value) }
      }
    }
    guard step > 0 else { return best }
    for _ in 0..<rounds {
      let x = goldenSection(
        lower: max(lower, best.x - step), upper: min(upper, best.x + step),
        tolerance: tolerance
      ) { objective($0, best.y) }
      let xValue = objective(x, best.y)
      if xValue < best.value { best = (x, best.y, xValue) }
      let y = goldenSection(
        lower: max(lower, best.y - step), upper: min(upper, best.y + step),
        tolerance: tolerance
      ) { objective(best.x, $0) }
      let yValue = objective(best.x, y)
      if yValue < best.value { best = (best.x, y, yValue) }
    }
    return best
  }
}
