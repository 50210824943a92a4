/// How white noise passes through an STL decomposition of a given length: STL without its
/// robustness weights is linear in the values, so the seasonal component is H_s · x and the
/// remainder (I − H_s − H_t) · x; for noise of variance σ² the last cycle's seasonal values have
/// variance σ² · ‖row of H_s‖² and the remainder's sum of squares has expectation
/// σ² · ‖I − H_s − H_t‖²_F.
public struct STLNoise: Equatable, Sendable {
  /// Mean over the last `period` positions of ‖row of H_s‖²: an own index's variance per unit
  /// of noise variance.
  public var lastCycleIndexVariance: Double
  /// ‖I − H_s − H_t‖²_F: the remainder's expected sum of squares per unit of noise variance.
  public var remainderDegrees: Double
}

extension STLSettings {
  /// The noise factors of a decomposition of `length` positions (at least one period): the
  /// decompositions of the `length` unit vectors, made once per process for each settings and
  /// length (a workspace's series at its cut-offs have a few dozen lengths; the cache keeps
  /// up to 4,096 of them, about 100 bytes each).
  /// - Complexity: `length` decompositions, once per key: O(length²) per length, so a chain
  ///   whose weekly series have every length up to n pays O(n³) once per process (about 74
  ///   lengths near 130 weeks added 0.3 s to a Walmart backtest; ten years of weeks with a
  ///   series of every length would be roughly a minute of CPU, an estimate, not measured).
  public func noise(length n: Int) -> STLNoise {
    precondition(n >= period, "a whole cycle at least")
    return Self.noiseFactors.value(for: NoiseKey(settings: self, length: n)) {
      measureNoise(length: n)
    }
  }

  /// `noise(length:)` without the cache.
  private func measureNoise(length n: Int) -> STLNoise {
    var lastCycleSquares = 0.0
    var remainder = 0.0
    var unit = [Double](repeating: 0, count: n)
    for j in 0..<n {
      unit[j] = 1
      let parts = decompose(unit)
      for t in (n - period)..<n { lastCycleSquares += parts.seasonal[t] * parts.seasonal[t] }
      for i in 0..<n {
        let e = unit[i] - parts.seasonal[i] - parts.trend[i]
        remainder += e * e
      }
      unit[j] = 0
    }
    return STLNoise(
      lastCycleIndexVariance: lastCycleSquares / Double(period), remainderDegrees: remainder)
  }

  private struct NoiseKey: Hashable, Sendable {
    var settings: STLSettings
    var length: Int
  }
  private static let noiseFactors = ProcessCache<NoiseKey, STLNoise>(capacity: 4096)
}
