/// Minimises a function of a few variables inside a box by the Nelder–Mead simplex method.
///
/// The method needs function values only, which suits likelihoods computed by a filter (ETS,
/// TSB, Croston) whose derivatives are tedious to write and whose dimension is small (one to
/// five parameters). This is the textbook algorithm with the standard coefficients (reflection
/// 1, expansion 2, contraction ½, shrink ½) and the tie-breaking rules of Lagarias, Reeds,
/// Wright & Wright, "Convergence properties of the Nelder–Mead simplex method in low
/// dimensions", *SIAM J. Optim.* 9 (1998).
///
/// **Bounds.** A bounded coordinate is searched through a smooth change of variables: the
/// logistic map `x = lower + (upper − lower)/(1 + e^(−z))` when both bounds are finite,
/// `x = lower + e^z` or `x = upper − e^z` when one is, the identity when none is (and a
/// coordinate with `lower == upper` stays fixed). The simplex moves freely in `z`, so the
/// objective is only ever called inside the box and the simplex cannot collapse onto a face, as
/// it does when trial points are clamped (with clamping, about one seasonal ETS fit in forty
/// stopped several log-likelihood units short, stuck on the face α = 1e-4); a minimum on a
/// face is approached to within rounding.
/// Constraints other than a box are best removed by a change of variables too (ETS optimises
/// `β/α` instead of `β`).
///
/// **Non-finite values.** A NaN or infinite objective value counts as `+∞`: the simplex moves
/// away from it. Start at a point with a finite value.
///
/// **Stopping.** The search stops when the values at the simplex vertices agree,
/// `f_worst − f_best ≤ relativeTolerance · |f_best| + absoluteTolerance`, and every vertex lies
/// within `pointTolerance` (in every coordinate) of the best one, or after
/// `maximumEvaluations` calls of the objective, whichever comes first. `restarts` rebuilds the
/// simplex around the best point that many times after it first converges, a cheap guard
/// against the method's known premature collapse.
///
/// ```swift
/// let result = NelderMead().minimize(start: [0.5], lower: [0], upper: [1]) { x in
///   (x[0] - 0.3) * (x[0] - 0.3)
/// }
/// // result.point ≈ [0.3]
/// ```
public struct NelderMead: Sendable, Equatable {
  /// The most calls of the objective one `minimize` makes, restarts included.
  public var maximumEvaluations: Int
  /// Convergence when the spread of the vertex values is at most this fraction of `|f_best|`
  /// (plus `absoluteTolerance`).
  public var relativeTolerance: Double
  /// Absolute part of the value criterion, in the objective's units; it matters when the
  /// minimum value is near zero.
  public var absoluteTolerance: Double
  /// Convergence also needs every vertex within this distance of the best, coordinate by
  /// coordinate, in the variables' units; `.infinity` (the default) uses the values alone.
  public var pointTolerance: Double
  /// The initial simplex steps `initialStepFraction · (upper − lower)` along each coordinate
  /// from the start, towards the farther bound (`initialStepFraction · max(1, |start|)` for a
  /// coordinate with an infinite bound). A large first simplex (a quarter of the box) explores
  /// better than a small one at little cost.
  public var initialStepFraction: Double
  /// How many times the simplex is rebuilt around the best point after converging.
  public var restarts: Int

  public init(
    maximumEvaluations: Int = 300, relativeTolerance: Double = 1e-6,
    absoluteTolerance: Double = 1e-12, pointTolerance: Double = .infinity,
    initialStepFraction: Double = 0.25, restarts: Int = 0
  ) {
    precondition(maximumEvaluations > 0, "maximumEvaluations must be positive")
    precondition(relativeTolerance >= 0 && absoluteTolerance >= 0 && pointTolerance >= 0)
    precondition(
      initialStepFraction > 0 && initialStepFraction < 1, "initialStepFraction must be in (0, 1)")
    precondition(restarts >= 0, "restarts must not be negative")
    self.maximumEvaluations = maximumEvaluations
    self.relativeTolerance = relativeTolerance
    self.absoluteTolerance = absoluteTolerance
    self.pointTolerance = pointTolerance
    self.initialStepFraction = initialStepFraction
    self.restarts = restarts
  }

  /// The point of the box where `objective` is smallest, as far as the simplex search finds.
  ///
  /// - Parameters:
  ///   - start: the first guess, inside the box (it is moved just inside it otherwise).
  ///   - lower: the lower bound of each coordinate (`-.infinity` for none).
  ///   - upper: the upper bound of each coordinate (`.infinity` for none), `upper ≥ lower`.
  ///   - objective: the function to minimise; it receives a point of `start.count` coordinates
  ///     inside the box. Called once per evaluation, never concurrently.
  /// - Returns: the best point seen, its value and the number of evaluations.
  /// - Precondition: the three arrays have the same, non-zero count and `lower ≤ upper`.
  /// - Complexity: at most `maximumEvaluations` calls of `objective`, plus O(d²) work per
  ///   iteration for d coordinates.
  public func minimize(
    start: [Double], lower: [Double], upper: [Double],
    _ objective: (_ point: [Double]) -> Double
  ) -> NelderMeadResult {
    let d = start.count
    precondition(d > 0, "Nelder–Mead needs at least one variable")
    precondition(lower.count == d && upper.count == d, "one bound per coordinate")
    precondition(zip(lower, upper).allSatisfy { $0 <= $1 }, "lower bounds must not exceed upper")
    let box = BoxTransform(lower: lower, upper: upper)
    var search = SimplexSearch(box: box, options: self)
    var best = box.unconstrained(start)
    var bestValue = search.evaluate(best, objective)
    var converged = false
    for _ in 0...restarts {
      guard search.evaluations < maximumEvaluations else { break }
      search.build(around: best, value: bestValue, objective)
      converged = search.run(objective)
      best = search.vertices[0]
      bestValue = search.values[0]
    }
    return NelderMeadResult(
      point: box.constrained(best), value: bestValue, evaluations: search.evaluations,
      converged: converged)
  }
}

/// What `NelderMead.minimize` found.
public struct NelderMeadResult: Sendable, Equatable {
  /// The best point evaluated, inside the box.
  public var point: [Double]
  /// The objective at `point` (`+∞` when no finite value was found).
  public var value: Double
  /// How many times the objective was called.
  public var evaluations: Int
  /// True when the tolerances were met before the evaluation budget ran out.
  public var converged: Bool
}
