/// Small derivative-free minimisers over boxes, for the smoothing parameters of the
/// intermittent-demand models. They take the objective as a non-escaping closure, so a search
/// allocates nothing per step.
enum BoundedSearch {
  /// The golden ratio φ = (1 + √5) / 2.
  static let goldenRatio = (5.0.squareRoot() + 1) / 2

  /// Two independent golden-section searches for minima of unimodal functions on
  /// `lower...upper`, run in lockstep: lane k of `objective`'s argument and result belongs to
  /// search k, so one call evaluates both (two latency-bound recursions for the price of one).
  ///
  /// Each lane takes the steps of statsforecast's `golden_section_ses` (`src/ses.cpp`): the
  /// bracket shrinks by 1/φ towards the smaller of the two interior values, stops when its width
  /// falls below `tolerance` or the two values tie exactly, and the midpoint of the final bracket
  /// is returned. A lane that has stopped keeps its bracket while the other finishes, so each
  /// result is exactly what a search on its own would give. With the same objective and bounds
  /// and a looser tolerance, each result lies in a bracket statsforecast also visits, so the two
  /// differ by at most `tolerance / 2`.
  ///
  /// - Complexity: about log(width / tolerance) / log φ + 2 calls.
  @inline(__always)
  static func pairedGoldenSection(
    lower: Double, upper: Double, tolerance: Double,
    objective: (SIMD2<Double>) -> SIMD2<Double>
  ) -> SIMD2<Double> {
    var a = SIMD2<Double>(repeating: lower)
    var b = SIMD2<Double>(repeating: upper)
    var c = b - (b - a) / goldenRatio
    var d = a + (b - a) / goldenRatio
    var fc = objective(c)
    var fd = objective(d)
    var searching = SIMDMask<SIMD2<Int64>>(repeating: true)
    while true {
      // Lanes still searching: the bracket is wide enough and one value is lower (an exact tie,
      // or a NaN, stops the lane as statsforecast's final `else` does).
      let open = (b - a .>= tolerance) .& ((fc .< fd) .| (fd .< fc))
      searching .&= open
      if !any(searching) { break }
      let towardLower = searching .& (fc .< fd)
      let towardUpper = searching .& (fd .< fc)
      // Shrinking toward the lower end: b = d, d = c, fd = fc, then a new c.
      b.replace(with: d, where: towardLower)
      d.replace(with: c, where: towardLower)
      fd.replace(with: fc, where: towardLower)
      // Shrinking toward the upper end: a = c, c = d, fc = fd, then a new d.
      a.replace(with: c, where: towardUpper)
      c.replace(with: d, where: towardUpper)
      fc.replace(with: fd, where: towardUpper)
      let newC = b - (b - a) / goldenRatio
      let newD = a + (b - a) / goldenRatio
      // One new point per searching lane; a stopped lane re-evaluates its midpoint, unused.
      var point = (a + b) / 2
      point.replace(with: newC, where: towardLower)
      point.replace(with: newD, where: towardUpper)
      let value = objective(point)
      c.replace(with: newC, where: towardLower)
      fc.replace(with: value, where: towardLower)
      d.replace(with: newD, where: towardUpper)
      fd.replace(with: value, where: towardUpper)
    }
    return (b + a) / 2
  }

  /// A minimum of `objective` over the square `[lower, upper]²`, for objectives that evaluate
  /// four points per call (one per SIMD lane, as cheap as one when the work is latency-bound).
  ///
  /// The best point of a `gridPoints × gridPoints` grid is refined by a compass search (Kolda,
  /// Lewis & Torczon, "Optimization by direct search", *SIAM Review* 45, 2003, §3): the four
  /// neighbours one step away along each axis (clamped to the square) are evaluated together;
  /// the search moves to the best of them when it is lower, and halves the step otherwise, until
  /// the step falls below `tolerance`. The result is never worse than the best grid point.
  ///
  /// - Returns: The point and its objective value.
  /// - Complexity: ⌈gridPoints² / 4⌉ calls, then one call per move or halving (about
  ///   log₂(step / tolerance) + a few), capped at 200.
  @inline(__always)
  static func compassSearch(
    lower: Double, upper: Double, gridPoints: Int, tolerance: Double,
    objective: (_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double>
  ) -> (x: Double, y: Double, value: Double) {
    precondition(gridPoints >= 2 && upper >= lower, "a grid needs two points and ordered bounds")
    let gridStep = (upper - lower) / Double(gridPoints - 1)
    func coordinate(_ index: Int) -> Double {
      index == gridPoints - 1 ? upper : lower + Double(index) * gridStep
    }
    var best = (x: lower, y: lower, value: Double.infinity)
    let pointCount = gridPoints * gridPoints
    for first in stride(from: 0, to: pointCount, by: 4) {
      var xs = SIMD4<Double>()
      var ys = SIMD4<Double>()
      for lane in 0..<4 {
        // A short last batch repeats its last point.
        let point = min(first + lane, pointCount - 1)
        xs[lane] = coordinate(point / gridPoints)
        ys[lane] = coordinate(point % gridPoints)
      }
      let values = objective(xs, ys)
      for lane in 0..<4 where values[lane] < best.value {
        best = (xs[lane], ys[lane], values[lane])
      }
    }
    var step = gridStep / 2
    var calls = 0
    while step >= tolerance && calls < 200 {
      let xs = SIMD4(
        max(lower, best.x - step), min(upper, best.x + step), best.x, best.x)
      let ys = SIMD4(
        best.y, best.y, max(lower, best.y - step), min(upper, best.y + step))
      let values = objective(xs, ys)
      var moved = false
      for lane in 0..<4 where values[lane] < best.value {
        best = (xs[lane], ys[lane], values[lane])
        moved = true
      }
      if !moved { step /= 2 }
      calls += 1
    }
    return best
  }
}
