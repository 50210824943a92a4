import DemandCore
import Features
import LinearAlgebra

/// The sums of several fits of one category's regression that share their first training day
/// and differ in their last (a backtest's fit and the final one), built from one pass over the
/// rows: each row is written and added once, to the segment of days it belongs to.
///
/// A fit's rows are those of `RidgeAccumulator` with the same training days: its training rows
/// are the days before its validation start, its validation rows the last `validationDays`. A
/// row of target day t is the same in every fit that contains t (it reads only the calendar, the
/// covariates and the history up to t − h). So the days are cut at every fit's validation start
/// and end into segments; each segment keeps normal equations (per level bucket where some fit
/// validates on it) of rows; and a fit's sums are the sums of its segments.
///
/// **One model, several cut-offs.** Whether the yearly terms enter (`RidgeSettings.yearlyTerms`,
/// `.automatic`) is decided once, by the longest fit: the one that is served. The shorter fits
/// are its backtests, whose residuals choose each series' model and set its intervals, so they
/// must be the same model fitted on fewer days. Decided per fit, a 730-day history served a
/// ridge with yearly terms while its 28-day-shorter backtest scored one without them. Up to
/// rounding (the order of additions), each fit equals the `RidgeAccumulator` that would have read
/// its days alone with the longest fit's yearly terms.
public struct RidgeFitGroup: Sendable {
  /// What a segment of days is to one fit.
  enum Role: Equatable, Sendable {
    case excluded, training, validation
  }

  /// Days from `start` until the next segment's start, with their role in each fit.
  struct Segment: Sendable {
    var start: Day
    var roles: [Role]
  }

  public let category: String
  public let settings: RidgeSettings
  /// The training days of each fit.
  public let fits: [ClosedRange<Day>]
  /// Every fit's layout: the served (longest) fit's (see "One model, several cut-offs").
  public let layout: FeatureLayout
  var segments: [Segment]
  /// Per segment: one set of normal equations, or one per level bucket when some fit validates
  /// on it; and the row blocks filling them.
  var equations: [[NormalEquations]]
  var blocks: [[RowBlock]]
  /// Series added to each fit: those that started by its last day.
  public private(set) var seriesCounts: [Int]
  public private(set) var skippedRows = 0
  var builder: SeriesFeatureBuilder
  var rowScratch: [Double]

  /// - Precondition: at least one fit; all fits start on the same day.
  public init(category: String, settings: RidgeSettings, fits: [ClosedRange<Day>]) {
    precondition(!fits.isEmpty, "at least one fit")
    precondition(
      fits.allSatisfy { $0.lowerBound == fits[0].lowerBound }, "fits share their first day")
    precondition((try? settings.validate()) != nil, "invalid ridge settings")
    self.category = category
    self.settings = settings
    self.fits = fits
    let longestDayCount = fits.map { $0.lowerBound.days(to: $0.upperBound) + 1 }.max() ?? 0
    layout = settings.layout(trainingDayCount: longestDayCount)
    let validationStarts = fits.map { $0.upperBound.adding(days: 1 - settings.validationDays) }
    let cuts = Set(validationStarts + fits.map { $0.upperBound.adding(days: 1) }).sorted()
    let buckets = settings.levelBucketEdges.count + 1
    let p = layout.count
    segments = ([fits[0].lowerBound] + cuts.filter { $0 > fits[0].lowerBound }).map { start in
      Segment(
        start: start,
        roles: fits.indices.map { fit -> Role in
          start > fits[fit].upperBound
            ? .excluded : start >= validationStarts[fit] ? .validation : .training
        })
    }
    let slots = segments.map { $0.roles.contains(.validation) ? buckets : 1 }
    equations = slots.map {
      [NormalEquations](repeating: NormalEquations(dimension: p), count: $0)
    }
    let sparseColumns = layout.namedHolidayColumns
    blocks = slots.map {
      [RowBlock](
        repeating: RowBlock(
          capacity: settings.blockRows, dimension: p, sparseColumns: sparseColumns), count: $0)
    }
    seriesCounts = [Int](repeating: 0, count: fits.count)
    builder = SeriesFeatureBuilder(layout: layout)
    rowScratch = [Double](repeating: 0, count: p)
  }

  /// Adds the rows of one series to every fit that contains their days; see
  /// `RidgeAccumulator.add(_:covariates:calendar:)` for which rows exist.
  public mutating func add(
    _ series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext
  ) {
    for fit in fits.indices where series.start <= fits[fit].upperBound { seriesCounts[fit] += 1 }
    let lastFitDay = fits.map(\.upperBound).max() ?? fits[0].upperBound
    let earliest = series.start.adding(days: layout.horizonDays + layout.minimumHistoryDays - 1)
    let first = max(earliest, fits[0].lowerBound)
    let last = min(series.start.adding(days: series.count - 1), lastFitDay)
    var segment = 0
    builder.forEachTrainingRow(
      of: series, covariates: covariates, calendar: calendar, from: first, through: last,
      into: &rowScratch
    ) { row, day, scale, root, weightedTarget in
      while segment + 1 < segments.count && segments[segment + 1].start <= day { segment += 1 }
      guard segments[segment].roles.contains(where: { $0 != .excluded }) else { return }
      let slot = blocks[segment].count > 1 ? settings.levelBucket(of: scale) : 0
      let added = blocks[segment][slot].append(
        row, times: root, target: weightedTarget, flushingInto: &equations[segment][slot])
      if !added { skippedRows += 1 }
    }
  }

  /// Adds the rows still buffered and frees every buffer (see `RidgeAccumulator.compact`).
  public mutating func compact() {
    for index in segments.indices {
      for slot in blocks[index].indices {
        blocks[index][slot].flush(into: &equations[index][slot])
        blocks[index][slot].release()
      }
    }
    builder = SeriesFeatureBuilder(layout: layout)
  }

  /// Both groups' rows together, as if every series had been added to one.
  ///
  /// - Precondition: same category, settings and fits.
  public func merged(with other: RidgeFitGroup) -> RidgeFitGroup {
    precondition(
      category == other.category && settings == other.settings && fits == other.fits,
      "only groups of the same category, settings and fits merge")
    var left = self
    var right = other
    left.compact()
    right.compact()
    for index in left.segments.indices {
      for slot in left.equations[index].indices {
        left.equations[index][slot] = left.equations[index][slot].merged(
          with: right.equations[index][slot])
      }
    }
    for fit in fits.indices { left.seriesCounts[fit] += right.seriesCounts[fit] }
    left.skippedRows += right.skippedRows
    return left
  }

  /// The accumulator of fit `fit`, holding its training and validation sums, ready to `fit()`.
  public func accumulator(for fit: Int) -> RidgeAccumulator {
    var complete = self
    complete.compact()
    let buckets = settings.levelBucketEdges.count + 1
    var training = NormalEquations(dimension: layout.count)
    var validation = [NormalEquations](
      repeating: NormalEquations(dimension: layout.count), count: buckets)
    for (index, segment) in complete.segments.enumerated() {
      switch segment.roles[fit] {
      case .excluded: continue
      case .training:
        for sums in complete.equations[index] { training = training.merged(with: sums) }
      case .validation:
        for (bucket, sums) in complete.equations[index].enumerated() {
          validation[bucket] = validation[bucket].merged(with: sums)
        }
      }
    }
    return RidgeAccumulator(
      category: category, settings: settings, trainingDays: fits[fit], layout: layout,
      training: training, validation: validation, seriesCount: seriesCounts[fit],
      skippedRows: skippedRows)
  }
}
