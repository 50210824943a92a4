import DemandCore
import Features
import LinearAlgebra

/// The sufficient statistics of one category's ridge regression, accumulated series by series
/// and merged across stores.
///
/// **The model.** For each uncensored target day t of a series, the row `x_t` of
/// `FeatureLayout` and the scale `s_t` (the series level at the cut-off `t − h`, floored) give the
/// regression
///
///     y_t / s_t = x_tᵀ β + ε_t,   weighted by s_t,
///
/// so that β are multiplicative effects shared by every series of the category and the fit
/// minimises `Σ (y_t − s_t x_tᵀβ)² / s_t`: the Pearson χ² of a quasi-Poisson model, where
/// neither big series (as with unscaled least squares) nor tiny ones (as with scaled,
/// unweighted least squares) dominate. Rows enter `NormalEquations` multiplied by `√s_t`.
///
/// **Training and validation.** Target days in `trainingDays` up to `validationStart − 1`
/// train; the last `validationDays` days (from `validationStart` through the end of
/// `trainingDays`) validate the candidate penalties and, split by level bucket, measure the
/// residual dispersion. Censored target days are excluded; censored days inside the feature
/// windows are skipped (see `SeriesFeatureBuilder`).
///
/// **Use.** One accumulator per store (or per task), `add` each series of the category, then
/// `merged(with:)` the stores together and `fit()` once. Rows are built into blocks of
/// `settings.blockRows` and added by BLAS `dsyrk`; no row is kept after its block is added. The
/// named holidays' columns, 1 on a few days a year, travel as nonzero entries beside the block
/// (`FeatureLayout.namedHolidayColumns`): with 14 names they are 28 of 61 columns, and the
/// `dsyrk` on the other 33 does under a third of the work.
public struct RidgeAccumulator: Sendable {
  /// The category every added series belongs to.
  public let category: String
  public let settings: RidgeSettings
  /// The features, fixed at creation (yearly terms or not) so that accumulators merge.
  public let layout: FeatureLayout
  /// The target days that can enter the fit: from the first day of the training data through
  /// the fit's end (the forecast origin). Later days of a series are ignored.
  public let trainingDays: ClosedRange<Day>
  /// The first validation day: `validationDays` before the end of `trainingDays`, or past it
  /// when there is no validation.
  public let validationStart: Day
  /// The normal equations of the training rows.
  public private(set) var training: NormalEquations
  /// The normal equations of the validation rows, one per level bucket.
  public private(set) var validation: [NormalEquations]
  /// Number of series added (across merges).
  public private(set) var seriesCount: Int
  /// Rows left out because a feature or the target was not finite (absurd magnitudes).
  public private(set) var skippedRows: Int

  var trainingBlock: RowBlock
  var validationBlocks: [RowBlock]
  var builder: SeriesFeatureBuilder
  /// One row, written contiguously before it is copied into its block.
  var rowScratch: [Double]

  /// An empty accumulator for `category`.
  ///
  /// - Parameters:
  ///   - category: the category name, kept in the fitted model's name.
  ///   - settings: valid settings (`RidgeSettings.validate()`).
  ///   - trainingDays: the first day of the training data through the fit's end. Its length
  ///     decides the yearly terms when `settings.yearlyTerms` is `.automatic`.
  public init(category: String, settings: RidgeSettings, trainingDays: ClosedRange<Day>) {
    precondition((try? settings.validate()) != nil, "invalid ridge settings")
    self.category = category
    self.settings = settings
    self.trainingDays = trainingDays
    let dayCount = trainingDays.lowerBound.days(to: trainingDays.upperBound) + 1
    layout = settings.layout(trainingDayCount: dayCount)
    validationStart = trainingDays.upperBound.adding(days: 1 - settings.validationDays)
    let p = layout.count
    training = NormalEquations(dimension: p)
    let buckets = settings.levelBucketEdges.count + 1
    validation = [NormalEquations](repeating: NormalEquations(dimension: p), count: buckets)
    seriesCount = 0
    skippedRows = 0
    trainingBlock = RowBlock(
      capacity: settings.blockRows, dimension: p, sparseColumns: layout.namedHolidayColumns)
    validationBlocks = [RowBlock](repeating: trainingBlock, count: buckets)
    builder = SeriesFeatureBuilder(layout: layout)
    rowScratch = [Double](repeating: 0, count: p)
  }

  /// An accumulator holding sums made elsewhere (`RidgeFitGroup`), ready to `fit()`.
  ///
  /// - Precondition: the equations have `layout`'s dimension, one validation set per level
  ///   bucket.
  init(
    category: String, settings: RidgeSettings, trainingDays: ClosedRange<Day>,
    layout: FeatureLayout, training: NormalEquations, validation: [NormalEquations],
    seriesCount: Int, skippedRows: Int
  ) {
    precondition(training.dimension == layout.count, "one column per feature")
    precondition(validation.count == settings.levelBucketEdges.count + 1, "one set per bucket")
    self.category = category
    self.settings = settings
    self.trainingDays = trainingDays
    self.layout = layout
    validationStart = trainingDays.upperBound.adding(days: 1 - settings.validationDays)
    self.training = training
    self.validation = validation
    self.seriesCount = seriesCount
    self.skippedRows = skippedRows
    trainingBlock = RowBlock(
      capacity: settings.blockRows, dimension: layout.count,
      sparseColumns: layout.namedHolidayColumns)
    validationBlocks = [RowBlock](repeating: trainingBlock, count: validation.count)
    builder = SeriesFeatureBuilder(layout: layout)
    rowScratch = [Double](repeating: 0, count: layout.count)
  }

  /// Rows added so far, training and validation, including those still in a block.
  public var rowCount: Int {
    training.count + validation.reduce(0) { $0 + $1.count } + trainingBlock.count
      + validationBlocks.reduce(0) { $0 + $1.count }
  }

  /// Adds the rows of one series: every uncensored day of `series` in `trainingDays` whose level
  /// window holds at least `minimumHistoryDays` uncensored days.
  ///
  /// - Parameters:
  ///   - series: the demand history; days after the end of `trainingDays` are never read.
  ///   - covariates: the series' promotions.
  ///   - calendar: the holidays.
  /// - Complexity: O(days · p) to build the rows, plus O(p²) per row in `dsyrk`.
  public mutating func add(
    _ series: DemandSeries, covariates: SeriesCovariates, calendar: CalendarContext
  ) {
    seriesCount += 1
    let earliest = series.start.adding(
      days: layout.horizonDays + layout.minimumHistoryDays - 1)
    let first = max(earliest, trainingDays.lowerBound)
    let last = min(series.start.adding(days: series.count - 1), trainingDays.upperBound)
    builder.forEachTrainingRow(
      of: series, covariates: covariates, calendar: calendar, from: first, through: last,
      into: &rowScratch
    ) { row, day, scale, root, weightedTarget in
      let added: Bool
      if day >= validationStart {
        let bucket = settings.levelBucket(of: scale)
        added = validationBlocks[bucket].append(
          row, times: root, target: weightedTarget, flushingInto: &validation[bucket])
      } else {
        added = trainingBlock.append(
          row, times: root, target: weightedTarget, flushingInto: &training)
      }
      if !added { skippedRows += 1 }
    }
  }

  /// The merged statistics of both accumulators, as if every series had been added to one.
  ///
  /// - Precondition: same category, settings and training days.
  public func merged(with other: RidgeAccumulator) -> RidgeAccumulator {
    precondition(
      category == other.category && settings == other.settings
        && trainingDays == other.trainingDays,
      "only accumulators of the same category, settings and training days merge")
    var left = self
    var right = other
    left.compact()
    right.compact()
    left.training = left.training.merged(with: right.training)
    for bucket in left.validation.indices {
      left.validation[bucket] = left.validation[bucket].merged(with: right.validation[bucket])
    }
    left.seriesCount += right.seriesCount
    left.skippedRows += right.skippedRows
    return left
  }

  /// Adds the rows still buffered to the normal equations and frees every buffer, leaving only
  /// the sums (a few kilobytes instead of megabytes): call when a store's series are all added
  /// and the accumulator waits to be merged. Adding more series afterwards still works.
  public mutating func compact() {
    flush()
    trainingBlock.release()
    for bucket in validationBlocks.indices { validationBlocks[bucket].release() }
    builder = SeriesFeatureBuilder(layout: layout)
  }

  /// Adds every partly filled block to the normal equations.
  mutating func flush() {
    trainingBlock.flush(into: &training)
    for bucket in validationBlocks.indices {
      validationBlocks[bucket].flush(into: &validation[bucket])
    }
  }
}
