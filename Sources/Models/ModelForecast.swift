/// A model's forecast of one series: the mean path and any requested quantile paths.
///
/// Every path has `horizon` values, day 1 first. Quantile paths are sorted by level, non-negative
/// and monotone across levels at every day (each model's `predict` guarantees this).
public struct ModelForecast: Sendable, Equatable {
  /// Expected units per day.
  public var mean: [Double]
  /// One path per requested quantile level, sorted by level.
  public var quantiles: [QuantilePath]

  public init(mean: [Double], quantiles: [QuantilePath] = []) {
    self.mean = mean
    self.quantiles = quantiles
  }

  public var horizon: Int { mean.count }

  /// The path at `level` (within 1e-9), if it was requested.
  public func quantile(_ level: Double) -> [Double]? {
    quantiles.first { abs($0.level - level) < 1e-9 }?.values
  }
}

/// The `level` quantile of demand on each forecast day (level 0.9 = the 90th percentile).
public struct QuantilePath: Sendable, Equatable, Codable {
  public var level: Double
  public var values: [Double]
  public init(level: Double, values: [Double]) {
    self.level = level
    self.values = values
  }
}
