/// The distribution of a model's backtest residuals (actual − mean forecast, in units), kept as
/// its quantiles on a fixed grid of levels, so a fitted set stays small (23 numbers a series
/// whatever the backtest length) and any level can still be read off by interpolation.
public struct ResidualSketch: Sendable, Equatable, Codable {
  /// The levels stored, ascending.
  public static let levels: [Double] = [
    0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7,
    0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99,
  ]
  /// Residuals the sketch was made from.
  public var count: Int
  /// The residual quantile at each of `levels` (empty when `count` is 0).
  public var quantiles: [Float]

  /// The sketch of `sorted` (ascending) residuals: type-7 quantiles (numpy's default).
  public init(sorted: [Float]) {
    count = sorted.count
    quantiles =
      sorted.isEmpty ? [] : Self.levels.map { Float(QuantileMath.empirical(sorted, level: $0)) }
  }

  public static let empty = ResidualSketch(sorted: [])

  /// The mean squared residual, in units², integrated over the stored quantile function: the
  /// trapezoid rule between stored levels, and the outermost quantiles held constant over the
  /// 1 % at either end (0 for an empty sketch).
  public var meanSquare: Double {
    guard quantiles.count == Self.levels.count else { return 0 }
    let grid = Self.levels
    var total = grid[0] * Double(quantiles[0] * quantiles[0])
    for i in 1..<grid.count {
      let (a, b) = (Double(quantiles[i - 1]), Double(quantiles[i]))
      total += (grid[i] - grid[i - 1]) * (a * a + b * b) / 2
    }
    let last = Double(quantiles[grid.count - 1])
    return total + (1 - grid[grid.count - 1]) * last * last
  }

  /// The residual quantile at `level`, linear between stored levels and clamped to the
  /// outermost ones (0 for an empty sketch).
  public func quantile(_ level: Double) -> Double {
    guard !quantiles.isEmpty else { return 0 }
    let grid = Self.levels
    if level <= grid[0] { return Double(quantiles[0]) }
    if level >= grid[grid.count - 1] { return Double(quantiles[grid.count - 1]) }
    var upper = 1
    while grid[upper] < level { upper += 1 }
    let lower = upper - 1
    let weight = (level - grid[lower]) / (grid[upper] - grid[lower])
    return Double(quantiles[lower]) * (1 - weight) + Double(quantiles[upper]) * weight
  }
}
