import DemandCore

/// The scored rows of a monitoring window, tallied for the chain and every segment a row belongs
/// to: its store, category, region, store format, horizon bucket and ISO week.
///
/// Rows can be added store by store and summaries merged, so a chain never has to be held in
/// memory at once. Censored rows create their segments (with n = 0 if nothing else is there) but
/// add nothing to them.
public struct AccuracySummary: Sendable, Equatable {
  /// Every segment seen, in the order first seen, and its tally (same index).
  private var segments: [AccuracySegment] = []
  private var slotTallies: [AccuracyTally] = []
  private var slotOfSegment: [AccuracySegment: Int] = [:]
  /// Rows arrive series by series, so the chain/store/category/region/format slots of the last
  /// series are kept, and the horizon and week slots by horizon and by day: a row costs array
  /// adds, not seven string-keyed dictionary lookups (which dominated a 200 × 500 night).
  private var lastSeries: (store: StoreID, segments: SeriesSegments, slots: [Int])?
  private var horizonSlots: [Int: Int] = [:]
  private var weekSlots: [Int32: Int] = [:]

  public init() {}

  /// Each segment's tally.
  public var tallies: [AccuracySegment: AccuracyTally] {
    Dictionary(uniqueKeysWithValues: zip(segments, slotTallies))
  }

  public static func == (lhs: AccuracySummary, rhs: AccuracySummary) -> Bool {
    lhs.tallies == rhs.tallies
  }

  /// Adds `row` to the chain and to each of its segments: its store, category, region, store
  /// format, horizon bucket and ISO week.
  /// - Parameter scale: the series' `SeasonalNaiveScale`, `nil` when it has none.
  public mutating func add(_ row: ForecastActualRow, segments: SeriesSegments, scale: Double?) {
    let store = row.key.store
    let seriesSlots: [Int]
    if let last = lastSeries, last.store == store, last.segments == segments {
      seriesSlots = last.slots
    } else {
      seriesSlots = [
        slot(.chain), slot(AccuracySegment(level: .store, name: store.rawValue)),
        slot(AccuracySegment(level: .category, name: segments.category)),
        slot(AccuracySegment(level: .region, name: segments.region)),
        slot(AccuracySegment(level: .storeFormat, name: segments.storeFormat)),
      ]
      lastSeries = (store, segments, seriesSlots)
    }
    let horizonSlot: Int
    if let index = horizonSlots[row.horizonDays] {
      horizonSlot = index
    } else {
      horizonSlot = slot(
        AccuracySegment(level: .horizon, name: HorizonBucket.name(horizonDays: row.horizonDays)))
      horizonSlots[row.horizonDays] = horizonSlot
    }
    let weekSlot: Int
    if let index = weekSlots[row.date.daysSinceEpoch] {
      weekSlot = index
    } else {
      weekSlot = slot(AccuracySegment(level: .week, name: row.date.isoWeek))
      weekSlots[row.date.daysSinceEpoch] = weekSlot
    }
    for index in seriesSlots { slotTallies[index].add(row, scale: scale) }
    slotTallies[horizonSlot].add(row, scale: scale)
    slotTallies[weekSlot].add(row, scale: scale)
  }

  /// Adds one store's joined rows, in their order: the same sums, to the bit, as adding each
  /// row with `add(_:segments:scale:)`, without a row value or a lookup per row (a series'
  /// segments are found once per series, a horizon's and a week's once per store).
  ///
  /// - Parameter categories: the category of each of `join.skus` (same index).
  /// - Complexity: O(rows + series), plus O(1) slot lookups per series.
  public mutating func add(_ join: StoreJoin, categories: [String]) {
    precondition(categories.count == join.skus.count, "one category per series")
    let store = join.store
    let first = join.window.lowerBound
    var seriesSlots = [Int](repeating: 0, count: 5)
    var series: Int32 = -1
    var scale: Double?
    var horizonSlotOf: [Int] = []
    var weekSlotOf = [Int](repeating: -1, count: first.days(to: join.window.upperBound) + 1)
    for row in join.rows {
      if row.series != series {
        series = row.series
        scale = join.scales[Int(series)]
        let segments = SeriesSegments(
          category: categories[Int(series)], region: store.region, storeFormat: store.format)
        seriesSlots[0] = slot(.chain)
        seriesSlots[1] = slot(AccuracySegment(level: .store, name: store.id.rawValue))
        seriesSlots[2] = slot(AccuracySegment(level: .category, name: segments.category))
        seriesSlots[3] = slot(AccuracySegment(level: .region, name: segments.region))
        seriesSlots[4] = slot(AccuracySegment(level: .storeFormat, name: segments.storeFormat))
      }
      // Every horizon of 0 or less is in the first bucket, as horizon 0 is.
      let horizon = max(0, row.horizonDays)
      if horizon >= horizonSlotOf.count {
        horizonSlotOf += [Int](repeating: -1, count: horizon + 1 - horizonSlotOf.count)
      }
      if horizonSlotOf[horizon] < 0 {
        horizonSlotOf[horizon] = slot(
          AccuracySegment(level: .horizon, name: HorizonBucket.name(horizonDays: horizon)))
      }
      let offset = first.days(to: row.date)
      if weekSlotOf[offset] < 0 {
        weekSlotOf[offset] = slot(AccuracySegment(level: .week, name: row.date.isoWeek))
      }
      let point = row.pointForecast
      for position in 0..<7 {
        let index =
          position < 5
          ? seriesSlots[position] : position == 5 ? horizonSlotOf[horizon] : weekSlotOf[offset]
        slotTallies[index].add(
          actual: row.actual, pointForecast: point, p10: row.p10, p90: row.p90,
          stockout: row.stockout, scale: scale)
      }
    }
  }

  /// Adds another summary's rows.
  public mutating func merge(_ other: AccuracySummary) {
    for (index, segment) in other.segments.enumerated() {
      slotTallies[slot(segment)].merge(other.slotTallies[index])
    }
  }

  /// The chain's score (every metric `nan` and n = 0 when nothing was scored).
  public var chain: AccuracyScore { score(of: .chain) ?? AccuracyTally().score }

  /// The score of `segment`, or `nil` when no row belongs to it.
  public func score(of segment: AccuracySegment) -> AccuracyScore? {
    slotOfSegment[segment].map { slotTallies[$0].score }
  }

  /// Every segment's score in `AccuracySegment` order, with the subgroup check's verdict on
  /// regions and store formats.
  public func lines(check: SubgroupCheck) -> [AccuracySummaryLine] {
    let chainScore = chain
    return segments.indices.sorted { segments[$0] < segments[$1] }.map { index in
      let segment = segments[index]
      let score = slotTallies[index].score
      return AccuracySummaryLine(
        segment: segment, score: score,
        subgroupAlert: check.alert(segment: segment, score: score, chain: chainScore),
        isJudged: check.judges(segment: segment, score: score))
    }
  }

  /// The slot of `segment`, made (with an empty tally) when new.
  private mutating func slot(_ segment: AccuracySegment) -> Int {
    if let index = slotOfSegment[segment] { return index }
    segments.append(segment)
    slotTallies.append(AccuracyTally())
    slotOfSegment[segment] = segments.count - 1
    return segments.count - 1
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

/// Whether a region or a store format is served much worse than the chain, once the noise its
/// volume brings is allowed for.
///
/// WAPE alone blames small formats for their volume: count demand of mean μ per day has an
/// irreducible relative error of about 1/√μ, so a convenience store's WAPE is far above a
/// hypermarket's with the same model quality. The check therefore compares MASE (each series'
/// error scaled by the error of a seasonal naive forecast of the same series, which suffers
/// the same noise): a segment is flagged when its MASE exceeds the chain's by more than
/// `margin`, relative (`AlertRules.subgroup`: a warning above chain · (1 + margin), critical
/// above chain · (1 + 2 · margin)). Without a finite MASE on both sides (too little history for
/// the scale) the WAPEs are compared instead. Segments with fewer than `minimumPoints` scored
/// rows are not judged: their error is too noisy to blame the model for.
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

  /// The alert `segment` raises against the chain's score `chain`, or `nil`.
  public func alert(segment: AccuracySegment, score: AccuracyScore, chain: AccuracyScore)
    -> Alert?
  {
    guard judges(segment: segment, score: score) else { return nil }
    let scaled = score.mase.isFinite && chain.mase.isFinite && chain.mase > 0
    return AlertRules.subgroup(
      segment: segment.description, wape: score.wape, chainWAPE: chain.wape,
      mase: scaled ? score.mase : nil, chainMASE: scaled ? chain.mase : nil, margin: margin)
  }
}
