import DemandCore

/// The drift findings of one run date and the per-series level scores behind them.
public struct DriftEvaluation: Sendable {
  /// The run date: the recent window ends on it.
  public var date: Day
  /// Every finding, segment by segment: `chain`, then `region:*` and `category:*` by name.
  public var findings: [DriftFinding]
  /// The series of the level panel, aligned with `scores`.
  public var series: [SeriesKey]
  /// Level scores of every series (NaN for those not scored).
  public var scores: LevelShiftScorer.Scores
  /// |z| from which a series counts as shifted (`seriesScoreThreshold`).
  public var seriesScoreThreshold: Double
  /// The reference and recent distributions behind the drifted findings, for the report
  /// (``DriftDistribution/ofDrifted(_:samples:)``: at most 8).
  public var distributions: [DriftDistribution] = []

  /// The series whose newest block is at least `seriesScoreThreshold` usual deviations from
  /// its expected level: the per-series drift detector.
  public var shiftedSeries: [SeriesKey] {
    zip(series, scores.recent).filter { $0.1.magnitude >= seriesScoreThreshold }.map(\.0)
  }
}
