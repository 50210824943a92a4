import DemandCore
import Features

/// The settings of the global ridge regression fitted per category: what to fit, not the fit.
///
/// See `RidgeAccumulator` for how they are used, and `FeatureLayout` for the features.
public struct RidgeSettings: Sendable, Codable, Equatable {
  /// When the yearly Fourier terms enter the design.
  public enum YearlyTerms: String, Sendable, Codable, CaseIterable {
    /// Only when the training days span at least two years (730 days).
    case automatic
    /// Always (a test, or a category known to be seasonal).
    case always
    /// Never.
    case never
  }

  /// h ≥ 1: days between a row's cut-off and its target; the model forecasts up to h days.
  public var horizonDays: Int
  /// The upper bounds, in days ahead, of the horizon buckets below `horizonDays` that get a
  /// model of their own (`DirectRidge`): bucket b forecasts steps `H_{b−1} + 1 … H_b` from
  /// demand up to `H_b` days before each target. Bounds at or above `horizonDays` are ignored;
  /// an empty list gives one model for every step (every row `horizonDays` days behind).
  public var horizonBuckets: [Int]
  /// Whether the layout has the per-series profile columns (`FeatureColumn.profiles`).
  public var seriesProfiles: Bool
  /// The candidate penalties λ ≥ 0, per unit of training weight on standardised columns (see
  /// `NormalEquations.standardizedRidge(penalty:maximumConditionNumber:)`); the one with the
  /// smallest validation error is used.
  public var penalties: [Double]
  /// The last days of the training window that score the candidate penalties (≥ 0; 0 means no
  /// selection: the largest penalty is used).
  public var validationDays: Int
  /// Whether the yearly Fourier terms are used.
  public var yearlyTerms: YearlyTerms
  /// K, the number of yearly sine/cosine pairs when they are used.
  public var fourierOrder: Int
  /// Uncensored days the level window needs for a training row (or a fitted value).
  public var minimumHistoryDays: Int
  /// Days in the window defining a series' level, ending at the cut-off.
  public var levelWindowDays: Int
  /// The smallest scale, in units per day.
  public var levelFloor: Double
  /// Scale boundaries, in units per day, of the buckets the residual dispersion is measured in
  /// (ascending; n edges make n + 1 buckets).
  public var levelBucketEdges: [Double]
  /// Above this 1-norm condition number of the standardised system, the Cholesky solution is
  /// replaced by a minimum-norm SVD least-squares one.
  public var maximumConditionNumber: Double
  /// Rows per block handed to `NormalEquations.add(denseRowMajor:…)` (a BLAS `dsyrk`): large
  /// enough that the BLAS call runs at full speed, small enough that a block of a few dozen
  /// columns stays around a megabyte.
  public var blockRows: Int
  /// The chain's external regressors (from its covariates file), set by the trainer from the
  /// history source; each becomes a column of the layout. Not part of the saved settings: the
  /// saved layout of each fitted model lists them.
  public var externalRegressors: [ExternalRegressor] = []
  /// Whether daily layouts with profile columns also have the growth column
  /// (`FeatureColumn.yearOverYear`). Only fitting reads it; not saved (each fitted layout says).
  public var growthProfile = true
  /// Whether the growth column is weighed by its credibility (`FeatureLayout.credibleGrowth`).
  /// Only fitting reads it; not saved.
  public var credibleGrowth = true
  /// Whether layouts read the recent zero share as its excess over the level window's
  /// (`FeatureLayout.excessZeroShare`). Only fitting reads it; not saved (each fitted layout
  /// says).
  public var excessZeroShare = true
  /// Whether daily layouts with profile columns also have the credibility-weighted shift
  /// column (`FeatureColumn.credibleMonthShift`). Only fitting reads it; not saved.
  public var levelCredibility = true
  /// Whether daily layouts with profile columns also have the level's promotion share
  /// (`FeatureColumn.levelPromotionShare`). Only fitting reads it; not saved.
  public var levelPromotions = true
  /// Whether layouts also have the level-below-floor column (`FeatureColumn.levelBelowFloor`).
  /// Only fitting reads it; not saved.
  public var levelBelowFloor = true
  /// Whether daily layouts with profile columns also have the credible season step
  /// (`FeatureColumn.credibleSeasonStep`). Only fitting reads it; not saved.
  public var seasonStep = true
  /// Whether the shift and the season step follow the series' weekday shape
  /// (`FeatureLayout.weekdayShapedShifts`). Only fitting reads it; not saved.
  public var weekdayShapedShifts = true
  /// Whether the shift reads the last 28 days without their promotions
  /// (`FeatureLayout.plainMonthShift`). Only fitting reads it; not saved.
  public var plainMonthShift = true
  /// Whether layouts keep the scale's logarithm as a column (`FeatureLayout.logLevel`). Only
  /// fitting reads it; not saved.
  public var logLevel = false
  /// The calendar's holiday names that get columns of their own (`FeatureLayout.holidayNames`),
  /// set by the trainer from the holidays the training window holds. Not part of the saved
  /// settings: the saved layout of each fitted model lists them.
  public var holidayNames: [String] = []
  /// Rows of evidence for "no effect of its own" each named-holiday column starts with
  /// (`NormalEquations.standardizedRidge(penalty:priorRows:maximumConditionNumber:)`): its own
  /// effect, beside the shared `holiday` one, counts about m / (m + this) of what its m rows
  /// say. At 50, a category of 200 series that saw a holiday once keeps 80 % of it; one of 5
  /// series that saw it 4 times keeps 29 %, leaning on the shared effect. Only fitting reads
  /// it; not saved.
  public var holidayPriorRows: Double = 50
  /// The period the days above stand for (`FeatureLayout.grain`): at weekly grain every "day"
  /// setting counts weeks. Not stored: the fitted layouts carry it.
  public var grain: Grain = .daily

  /// The defaults for weekly data: buckets of 1, 2 and 4 weeks ahead, 13 validation weeks, a
  /// 52-week level window that needs 13 observed weeks, 10 yearly Fourier pairs over 52.18
  /// weeks once two years of weeks are in the window (a weekly season has 52 positions, so it
  /// takes more pairs than a daily one's 3 to follow its peaks; *FPP3* §12.1 fits weekly data
  /// with K around 10 and more), no profile columns.
  public static func weekly(endingOn weekday: Weekday) -> RidgeSettings {
    var settings = RidgeSettings(
      horizonDays: 13, horizonBuckets: [1, 2, 4], seriesProfiles: false, validationDays: 13,
      fourierOrder: 10, minimumHistoryDays: 13, levelWindowDays: 52)
    settings.grain = .weekly(endingOn: weekday)
    return settings
  }

  public init(
    horizonDays: Int = 28,
    horizonBuckets: [Int] = RidgeSettings.defaultHorizonBuckets,
    seriesProfiles: Bool = true,
    penalties: [Double] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1],
    validationDays: Int = 28,
    yearlyTerms: YearlyTerms = .automatic,
    fourierOrder: Int = 3,
    minimumHistoryDays: Int = 28,
    levelWindowDays: Int = 364,
    levelFloor: Double = 0.1,
    levelBucketEdges: [Double] = [0.5, 2, 8, 32],
    maximumConditionNumber: Double = 1e10,
    blockRows: Int = 4000
  ) {
    self.horizonDays = horizonDays
    self.horizonBuckets = horizonBuckets
    self.seriesProfiles = seriesProfiles
    self.penalties = penalties
    self.validationDays = validationDays
    self.yearlyTerms = yearlyTerms
    self.fourierOrder = fourierOrder
    self.minimumHistoryDays = minimumHistoryDays
    self.levelWindowDays = levelWindowDays
    self.levelFloor = levelFloor
    self.levelBucketEdges = levelBucketEdges
    self.maximumConditionNumber = maximumConditionNumber
    self.blockRows = blockRows
  }

  /// Checks the settings, as read from a configuration file, before a run starts.
  ///
  /// - Throws: `RidgeError.invalidSettings` naming the first offending field.
  public func validate() throws(RidgeError) {
    func fail(_ field: String, _ reason: String) -> RidgeError {
      .invalidSettings(field: field, reason: reason)
    }
    guard horizonDays >= 1 else { throw fail("horizonDays", "must be at least 1") }
    guard horizonBuckets.allSatisfy({ $0 >= 1 }), horizonBuckets == horizonBuckets.sorted(),
      Set(horizonBuckets).count == horizonBuckets.count
    else { throw fail("horizonBuckets", "must be distinct, ascending and at least 1 day") }
    guard !penalties.isEmpty, penalties.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw fail("penalties", "must list at least one finite penalty ≥ 0")
    }
    guard validationDays >= 0 else { throw fail("validationDays", "must be at least 0") }
    guard fourierOrder >= 0 else { throw fail("fourierOrder", "must be at least 0") }
    guard levelWindowDays >= (grain == .daily ? 28 : 13) else {
      throw fail("levelWindowDays", grain == .daily ? "must be at least 28" : "must be at least 13")
    }
    guard minimumHistoryDays >= 1, minimumHistoryDays <= levelWindowDays else {
      throw fail("minimumHistoryDays", "must lie in 1...levelWindowDays")
    }
    guard levelFloor > 0, levelFloor.isFinite else {
      throw fail("levelFloor", "must be a positive number of units per day")
    }
    guard levelBucketEdges.allSatisfy(\.isFinite), levelBucketEdges == levelBucketEdges.sorted()
    else { throw fail("levelBucketEdges", "must be finite and ascending") }
    guard maximumConditionNumber > 1 else {
      throw fail("maximumConditionNumber", "must exceed 1")
    }
    guard blockRows >= 1 else { throw fail("blockRows", "must be at least 1") }
  }

  /// The default bucket bounds: one bucket per day through the first week (where the orders
  /// placed tonight and their reviews live, so every step reads today's sales), then buckets of
  /// two to four days, so that no step of a 28-day horizon reads history more than 3 days
  /// older than what it could. Each bucket is one more `dsyrk` in the same pass over the
  /// history. Against the six buckets 1, 2, 4, 7, 14, 28 this moved the p50 WAPE of windowed
  /// backtests (4 origins a week apart) from 0.6574 to 0.6521 and from 0.6251 to 0.6221 on two
  /// realistic 20 × 100 chains, 0.3997 to 0.3993 on a simple one.
  public static let defaultHorizonBuckets = [1, 2, 3, 4, 5, 6, 7, 9, 11, 14, 17, 21, 24]

  /// The horizons `H_b` of the buckets a fit makes, ascending, the last being `horizonDays`.
  public var bucketHorizons: [Int] {
    horizonBuckets.filter { $0 < horizonDays } + [horizonDays]
  }

  /// These settings for the model of the bucket reaching `horizon` days.
  public func forBucket(horizon: Int) -> RidgeSettings {
    var settings = self
    settings.horizonDays = horizon
    return settings
  }

  /// True when a training window of `trainingDayCount` days gets yearly terms.
  public func usesYearlyTerms(trainingDayCount: Int) -> Bool {
    switch yearlyTerms {
    case .automatic:
      return fourierOrder > 0 && trainingDayCount >= (grain == .daily ? 730 : 104)
    case .always: return fourierOrder > 0
    case .never: return false
    }
  }

  /// The feature layout for a training window of `trainingDayCount` days.
  public func layout(trainingDayCount: Int) -> FeatureLayout {
    FeatureLayout(
      horizonDays: horizonDays,
      fourierOrder: usesYearlyTerms(trainingDayCount: trainingDayCount) ? fourierOrder : 0,
      levelWindowDays: levelWindowDays, minimumHistoryDays: minimumHistoryDays,
      levelFloor: levelFloor, seriesProfiles: seriesProfiles, regressors: externalRegressors,
      holidayNames: holidayNames, growthProfile: growthProfile,
      excessZeroShare: excessZeroShare, levelCredibility: levelCredibility,
      levelPromotions: levelPromotions, levelBelowFloor: levelBelowFloor,
      seasonStep: seasonStep, weekdayShapedShifts: weekdayShapedShifts,
      plainMonthShift: plainMonthShift, logLevel: logLevel, credibleGrowth: credibleGrowth
    ).at(grain)
  }

  /// The dispersion bucket of a row with scale `scale` (units per day).
  func levelBucket(of scale: Double) -> Int {
    var bucket = 0
    while bucket < levelBucketEdges.count && scale >= levelBucketEdges[bucket] { bucket += 1 }
    return bucket
  }
}
