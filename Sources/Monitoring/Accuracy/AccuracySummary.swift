/// The scored rows of a monitoring window, tallied for the chain and every segment a row belongs
/// to: its store, category, region, store format, horizon bucket and ISO week.
///
/// Rows can be added store by store and summaries merged, so a chain never has to be held in
/// memory at once. Censored rows create their segments (with n = 0 if nothing else is there) but
/// add nothing to them.
public struct AccuracySummary: Sendable, Equatable {
  public private(set) var tallies: [AccuracySegment: AccuracyTally] = [:]

  public init() {}

  /// Adds `row` to the chain and to each of its segments.
  /// - Parameter scale: the series' `SeasonalNaiveScale`, `nil` when it has none.
  public mutating func add(_ row: ForecastActualRow, segments: SeriesSegments, scale: Double?) {
    for segment in [
      AccuracySegment.chain,
      AccuracySegment(level: .store, name: row.key.store.rawValue),
      AccuracySegment(level: .category, name: segments.category),
      AccuracySegment(level: .region, name: segments.region),
      AccuracySegment(level: .storeFormat, name: segments.storeFormat),
      AccuracySegment(level: .horizon, name: HorizonBucket.name(horizonDays: row.horizonDays)),
      AccuracySegment(level: .week, name: row.date.isoWeek),
    ] {
      tallies[segment, default: AccuracyTally()].add(row, scale: scale)
    }
  }

  /// Adds another summary's rows.
  public mutating func merge(_ other: AccuracySummary) {
    for (segment, tally) in other.tallies {
      tallies[segment, default: AccuracyTally()].merge(tally)
    }
  }

  /// The chain's score (every metric `nan` and n = 0 when nothing was scored).
  public var chain: AccuracyScore { (tallies[.chain] ?? AccuracyTally()).score }

  /// The score of `segment`, or `nil` when no row belongs to it.
  public func score(of segment: AccuracySegment) -> AccuracyScore? { tallies[segment]?.score }

  /// Every segment's score in `AccuracySegment` order, with the subgroup check's verdict on
  /// regions and store formats.
  public func lines(check: SubgroupCheck) -> [AccuracySummaryLine] {
    let chainWAPE = chain.wape
    return tallies.keys.sorted().map { segment in
      let score = tallies[segment, default: AccuracyTally()].score
      return AccuracySummaryLine(
        segment: segment, score: score,
        subgroupAlert: check.alert(segment: segment, score: score, chainWAPE: chainWAPE),
        isJudged: check.judges(segment: segment, score: score))
    }
  }
}

/// One line of `accuracy_summary.csv`.
public struct AccuracySummaryLine: Sendable, Equatable {
  public var segment: AccuracySegment
  public var score: AccuracyScore
  /// The subgroup alert the segment raised, if any.
  public var subgroupAlert: Alert?
  /// Whether the subgroup check judged the segment (a region or store format with enough rows).
  public var isJudged: Bool

  /// `true` when flagged, `false` when judged and fine, `nil` when not judged (the file's empty
  /// `flagged` cell).
  public var flagged: Bool? { isJudged ? subgroupAlert != nil : nil }
}

/// Whether a region or a store format is served much worse than the chain.
///
/// A segment is flagged when its WAPE exceeds the chain's by more than `margin`, relative to the
/// chain's (`AlertRules.subgroup`: a warning above chain · (1 + margin), critical above
/// chain · (1 + 2 · margin)). Segments with fewer than `minimumPoints` scored rows are not
/// judged: their WAPE is too noisy to blame the model for.
public struct SubgroupCheck: Sendable, Equatable {
  public var margin: Double
  public var minimumPoints: Int

  public init(margin: Double, minimumPoints: Int) {
    precondition(margin >= 0 && margin.isFinite, "margin must be a finite ratio >= 0")
    self.margin = margin
    self.minimumPoints = minimumPoints
  }

  /// The levels the check judges.
  public static let levels: Set<AccuracySegment.Level> = [.region, .storeFormat]

  public func judges(segment: AccuracySegment, score: AccuracyScore) -> Bool {
    Self.levels.contains(segment.level) && score.points >= minimumPoints && score.wape.isFinite
  }

  /// The alert `segment` raises, or `nil`.
  public func alert(segment: AccuracySegment, score: AccuracyScore, chainWAPE: Double) -> Alert? {
    guard judges(segment: segment, score: score) else { return nil }
    return AlertRules.subgroup(
      segment: segment.description, wape: score.wape, chainWAPE: chainWAPE, margin: margin)
  }
}
