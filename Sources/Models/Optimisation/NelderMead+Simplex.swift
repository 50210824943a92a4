import Foundation

/// The change of variables between a box (`x`) and the unconstrained space the simplex moves in
/// (`z`); see `NelderMead`.
struct BoxTransform {
  let lower: [Double]
  let upper: [Double]

  var dimension: Int { lower.count }

  /// `x` of coordinate `i` at `z`: inside `[lower, upper]` for every finite `z`.
  @inline(__always)
  func constrained(_ z: Double, _ i: Int) -> Double {
    let lo = lower[i]
    let hi = upper[i]
    switch (lo.isFinite, hi.isFinite) {
    case (true, true):
      guard hi > lo else { return lo }
      return min(hi, max(lo, lo + (hi - lo) / (1 + exp(-z))))
    case (true, false): return lo + exp(z)
    case (false, true): return hi - exp(z)
    case (false, false): return z
    }
  }

  /// `z` of coordinate `i` for `x`, with `x` moved just inside the box first (a point on a
  /// bound has no finite `z`).
  func unconstrained(_ x: Double, _ i: Int) -> Double {
    let lo = lower[i]
    let hi = upper[i]
    switch (lo.isFinite, hi.isFinite) {
    case (true, true):
      guard hi > lo else { return 0 }
      let fraction = min(max((x - lo) / (hi - lo), 1e-12), 1 - 1e-12)
      return log(fraction / (1 - fraction))
    case (true, false): return log(max(x - lo, 1e-12 * max(1, abs(lo))))
    case (false, true): return log(max(hi - x, 1e-12 * max(1, abs(hi))))
    case (false, false): return x
    }
  }

  func constrained(_ z: [Double]) -> [Double] { z.indices.map { constrained(z[$0], $0) } }
  func unconstrained(_ x: [Double]) -> [Double] { x.indices.map { unconstrained(x[$0], $0) } }
}

/// The working state of one `NelderMead.minimize` call: the simplex (in `z`) and scratch
/// points, so the iterations allocate nothing.
struct SimplexSearch {
  let dimension: Int
  let box: BoxTransform
  let options: NelderMead
  /// Vertices in `z`, sorted by value, best first, after each iteration.
  var vertices: [[Double]]
  var values: [Double]
  var evaluations = 0
  private var centroid: [Double]
  private var reflected: [Double]
  private var trial: [Double]
  /// The point handed to the objective, in `x`.
  private var point: [Double]

  init(box: BoxTransform, options: NelderMead) {
    self.dimension = box.dimension
    self.box = box
    self.options = options
    let zero = [Double](repeating: 0, count: dimension)
    vertices = [[Double]](repeating: zero, count: dimension + 1)
    values = [Double](repeating: .infinity, count: dimension + 1)
    centroid = zero
    reflected = zero
    trial = zero
    point = zero
  }

  /// The objective at `z` (mapped to `x`), NaN counted as `+∞`.
  mutating func evaluate(_ z: [Double], _ objective: ([Double]) -> Double) -> Double {
    for i in 0..<dimension { point[i] = box.constrained(z[i], i) }
    evaluations += 1
    let value = objective(point)
    return value.isNaN ? .infinity : value
  }

  /// A right-angled simplex at `z`: one step along each coordinate of `x`, towards the farther
  /// bound.
  mutating func build(around z: [Double], value: Double, _ objective: ([Double]) -> Double) {
    vertices[0] = z
    values[0] = value
    let x = box.constrained(z)
    for i in 0..<dimension {
      let lo = box.lower[i]
      let hi = box.upper[i]
      var vertex = x
      if lo.isFinite && hi.isFinite {
        let step = options.initialStepFraction * (hi - lo)
        vertex[i] += hi - x[i] >= x[i] - lo ? step : -step
      } else {
        let step = options.initialStepFraction * max(1, abs(x[i]))
        vertex[i] += lo.isFinite ? step : hi.isFinite ? -step : step
      }
      let moved = box.unconstrained(vertex)
      vertices[i + 1] = moved
      values[i + 1] =
        evaluations < options.maximumEvaluations ? evaluate(moved, objective) : .infinity
    }
    sort()
  }

  /// Insertion sort by value, best first; stable, so older vertices win ties (Lagarias et al.).
  private mutating func sort() {
    for i in 1...dimension {
      var j = i
      while j > 0 && values[j] < values[j - 1] {
        values.swapAt(j, j - 1)
        vertices.swapAt(j, j - 1)
        j -= 1
      }
    }
  }

  private func hasConverged() -> Bool {
    let best = values[0]
    let worst = values[dimension]
    guard best.isFinite else { return false }
    guard worst - best <= options.relativeTolerance * abs(best) + options.absoluteTolerance
    else { return false }
    guard options.pointTolerance.isFinite else { return true }
    for v in 1...dimension {
      for i in 0..<dimension {
        let distance = abs(box.constrained(vertices[v][i], i) - box.constrained(vertices[0][i], i))
        if distance > options.pointTolerance { return false }
      }
    }
    return true
  }

  /// `centroid + coefficient · (worst − centroid)` into the reflected or the trial point.
  private mutating func moveWorst(by coefficient: Double, intoReflected: Bool) {
    for i in 0..<dimension {
      let z = centroid[i] + coefficient * (vertices[dimension][i] - centroid[i])
      if intoReflected { reflected[i] = z } else { trial[i] = z }
    }
  }

  /// Replaces the worst vertex by the reflected or the trial point and restores the order. The
  /// buffers are swapped, not copied, so no array is ever shared and written to.
  private mutating func replaceWorst(withReflected: Bool, value: Double) {
    if withReflected {
      swap(&vertices[dimension], &reflected)
    } else {
      swap(&vertices[dimension], &trial)
    }
    values[dimension] = value
    var j = dimension
    while j > 0 && values[j] < values[j - 1] {
      values.swapAt(j, j - 1)
      vertices.swapAt(j, j - 1)
      j -= 1
    }
  }

  /// Iterates until convergence or the evaluation budget; returns whether it converged.
  mutating func run(_ objective: ([Double]) -> Double) -> Bool {
    let budget = options.maximumEvaluations
    while !hasConverged() {
      guard evaluations < budget else { return false }
      let worst = dimension
      for i in 0..<dimension {
        var sum = 0.0
        for v in 0..<dimension { sum += vertices[v][i] }
        centroid[i] = sum / Double(dimension)
      }
      moveWorst(by: -1, intoReflected: true)
      let reflectedValue = evaluate(reflected, objective)
      if reflectedValue < values[0] {
        guard evaluations < budget else {
          replaceWorst(withReflected: true, value: reflectedValue)
          return false
        }
        moveWorst(by: -2, intoReflected: false)
        let expandedValue = evaluate(trial, objective)
        if expandedValue < reflectedValue {
          replaceWorst(withReflected: false, value: expandedValue)
        } else {
          replaceWorst(withReflected: true, value: reflectedValue)
        }
        continue
      }
      if reflectedValue < values[worst - 1] {
        replaceWorst(withReflected: true, value: reflectedValue)
        continue
      }
      guard evaluations < budget else { return false }
      // Contract outside (towards the reflected point) or inside (towards the worst vertex).
      let outside = reflectedValue < values[worst]
      moveWorst(by: outside ? -0.5 : 0.5, intoReflected: false)
      let contractedValue = evaluate(trial, objective)
      if outside ? contractedValue <= reflectedValue : contractedValue < values[worst] {
        replaceWorst(withReflected: false, value: contractedValue)
        continue
      }
      // Shrink every vertex halfway towards the best.
      for v in 1...dimension {
        guard evaluations < budget else { break }
        for i in 0..<dimension {
          vertices[v][i] = vertices[0][i] + 0.5 * (vertices[v][i] - vertices[0][i])
        }
        values[v] = evaluate(vertices[v], objective)
      }
      sort()
    }
    return true
  }
}
