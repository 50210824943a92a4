import DemandCore
import Monitoring

/// What the drift step hands the report: its tests, the windows it compared and the
/// distributions behind the drifted findings.
public struct DriftPanel: Sendable, Equatable {
  /// The days one drift run compared.
  public struct Windows: Sendable, Equatable {
    /// The reference window: the days before the recent window (`referenceDays`, 364 by
    /// default).
    public var reference: ClosedRange<Day>
    /// The recent window, ending on the run date (`recentDays`, 28 by default).
    public var recent: ClosedRange<Day>
    /// Days of the block the demand-level tests score: the newest `levelBlockDays` of the recent
    /// window, against the reference window cut in blocks of the same length.
    public var levelBlockDays: Int

    public init(reference: ClosedRange<Day>, recent: ClosedRange<Day>, levelBlockDays: Int) {
      self.reference = reference
      self.recent = recent
      self.levelBlockDays = levelBlockDays
    }
  }

  /// One row per segment, feature and test, as in `drift.csv`.
  public var rows: [DriftRow]
  /// The windows compared; `nil` when unknown (no drift step).
  public var windows: Windows?
  /// The reference and recent distributions of the drifted findings (at most 8).
  public var distributions: [DriftDistribution]

  public init(
    rows: [DriftRow] = [], windows: Windows? = nil, distributions: [DriftDistribution] = []
  ) {
    self.rows = rows
    self.windows = windows
    self.distributions = distributions
  }
}
