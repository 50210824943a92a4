/// The service-level scales a policy frontier is run at: each item's stock-out probability
/// (1 − service level) times the scale, keeping the ABC structure of the levels (A 98 % → 96 %
/// at ×2, 99 % at ×0.5), extended until the frontier reaches every fill rate and carrying cost it
/// is compared at.
public enum FrontierScales {
  /// The scales run first, from the fewest to the most stock.
  public static let base = [6.0, 4, 3, 2, 1.5, 1, 0.7, 0.5, 0.3, 0.2, 0.1]
  /// Extensions each way beyond `base` at most (×2 or ÷2 each): 6 × 2⁴ = 96 puts every level
  /// at the 0.01 floor, 0.1 / 2⁴ every level of 0.9 or more at the 0.999 ceiling.
  public static let maximumExtensions = 4

  /// `level` with its stock-out probability scaled, within 0.01 … 0.999.
  public static func scaled(_ level: Double, by scale: Double) -> Double {
    min(0.999, max(0.01, 1 - (1 - level) * scale))
  }

  /// Runs `run` at each of `base`, then at larger scales (doubling) while the frontier has not
  /// yet come down to the lowest of `targetFillRates` or of `targetCarryingCosts`, and at smaller
  /// ones (halving) while it has not yet reached the highest of either, at most
  /// `maximumExtensions` times each way.
  /// - Parameters:
  ///   - targetFillRates: fill rates, in percent, the frontier should span.
  ///   - targetCarryingCosts: carrying costs (currency) it should span, so that it can be read
  ///     at another policy's stock as well as at its fill rate.
  ///   - run: the family's chain summary at a scale.
  /// - Returns: the runs in the order made.
  public static func explore(
    base: [Double] = base, targetFillRates: [Double], targetCarryingCosts: [Double] = [],
    run: (Double) throws -> SimulationSummary
  ) rethrows -> [SimulationSummary] {
    precondition(!base.isEmpty && base.allSatisfy { $0 > 0 }, "positive scales")
    var runs = try base.map(run)
    var largest = base.max() ?? 1
    var smallest = base.min() ?? 1
    /// Whether the runs still lie wholly above `target` (`low`) or wholly below it.
    func short(_ value: KeyPath<SimulationSummary, Double>, of target: Double?, low: Bool)
      -> Bool
    {
      guard let target else { return false }
      let values = runs.map { $0[keyPath: value] }
      return low ? (values.min() ?? target) > target : (values.max() ?? target) < target
    }
    for _ in 0..<maximumExtensions {
      guard
        short(\.fillRatePercent, of: targetFillRates.min(), low: true)
          || short(\.carryingCost, of: targetCarryingCosts.min(), low: true)
      else { break }
      largest *= 2
      runs.append(try run(largest))
    }
    for _ in 0..<maximumExtensions {
      guard
        short(\.fillRatePercent, of: targetFillRates.max(), low: false)
          || short(\.carryingCost, of: targetCarryingCosts.max(), low: false)
      else { break }
      smallest /= 2
      runs.append(try run(smallest))
    }
    return runs
  }
}
