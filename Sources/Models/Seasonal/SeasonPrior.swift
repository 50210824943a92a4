import DemandCore

/// The seasonal shape one SKU has over the chain: per absolute slot (position mod period), the
/// additive index per unit of level, pooled over every store's series of the SKU as
/// Σ indices / Σ levels (a ratio estimator, so a large store weighs as its sales do).
public struct SeasonPrior: Equatable, Sendable {
  /// Index per unit of level, by slot; `count` is the period.
  public var relativeIndices: [Double]
  /// Series pooled.
  public var seriesCount: Int

  public init(relativeIndices: [Double], seriesCount: Int) {
    self.relativeIndices = relativeIndices
    self.seriesCount = seriesCount
  }

  /// One series' own season: its additive indices by slot and its level (mean absolute value
  /// over its last period), in the series' units.
  public struct Contribution: Equatable, Sendable {
    public var indices: [Double]
    public var level: Double
    /// The variance of each index as an estimate of the series' true one (noise that went
    /// into it, `STLNoise`), in squared units; 0 when not estimated.
    public var indexNoiseVariance: Double
    public init(indices: [Double], level: Double, indexNoiseVariance: Double = 0) {
      self.indices = indices
      self.level = level
      self.indexNoiseVariance = indexNoiseVariance
    }
  }

  /// Running sums of contributions; add them in a fixed order for the same bits on any cores.
  public struct Sum: Sendable {
    public private(set) var indices: [Double]
    public private(set) var level = 0.0
    public private(set) var count = 0

    public init(period: Int) { indices = [Double](repeating: 0, count: period) }

    public mutating func add(_ contribution: Contribution) {
      accumulate(contribution.indices, level: contribution.level, count: 1)
    }

    public mutating func merge(_ other: Sum) {
      accumulate(other.indices, level: other.level, count: other.count)
    }

    private mutating func accumulate(
      _ more: [Double], level moreLevel: Double, count moreCount: Int
    ) {
      precondition(more.count == indices.count, "one period per sum")
      for slot in indices.indices { indices[slot] += more[slot] }
      level += moreLevel
      count += moreCount
    }

    /// Σ indices / Σ levels; nil when nothing was added or the levels sum to 0.
    public var prior: SeasonPrior? {
      guard count > 0, level > 0, level.isFinite else { return nil }
      return SeasonPrior(relativeIndices: indices.map { $0 / level }, seriesCount: count)
    }
  }
}

/// A method whose fit can read its SKU's `SeasonPrior`: the trainer measures the priors over
/// the chain (on days before each fit's cut-off only) and hands each fit its SKU's.
public protocol SeasonPooledMethod: ForecastMethod {
  /// Positions per season of the prior it reads.
  var period: Int { get }
  /// Whole seasons a series needs before it has an own season (and contributes to a prior).
  var minimumSeasons: Int { get }
  /// The prior's share of each index; `.none`: the prior is not read (no pool need be
  /// measured).
  var pooling: SeasonPooling { get }
  func fit(_ series: DemandSeries, prior: SeasonPrior?) throws(ModelError) -> Fitted
}

extension SeasonallyAdjustedETSSettings: SeasonPooledMethod {}
