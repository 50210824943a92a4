import DemandCore

/// The columns of a global demand regression and the rules that define them: which horizon the
/// history features respect, how many yearly Fourier pairs, how the series level is measured.
///
/// A row for target day `t` describes `t` using only
/// - the calendar and the planned promotions, which are known in advance, and
/// - demand on days at or before the **cut-off** `t − horizonDays`,
///
/// so the same row can be built `horizonDays` days ahead: the direct approach to multi-step
/// forecasting (one model per horizon, no recursion; Taieb and Hyndman, *IJF* 2014). A row never
/// reads demand or censoring after its cut-off; `SeriesFeatureBuilder` enforces this and the
/// no-look-ahead test checks it.
///
/// **Store and SKU effects.** Instead of one-hot columns for 200 stores × 50 SKUs, each series is
/// described by its own **level**: the mean of its uncensored days among the `levelWindowDays`
/// ending at the cut-off (364 days = 52 whole weeks, so no weekday is over-represented). The
/// **scale** is the level floored at `levelFloor`. History features are divided by the scale,
/// and the regression (see `RidgeAccumulator`) models the target divided by the scale, so
/// coefficients are multiplicative effects shared by every series of a category. Layouts
/// with `logLevel` (all of them before 2026-12-07) also have the scale's logarithm as a column.
///
/// **Yearly terms.** `fourierOrder` sine/cosine pairs of the day of the year. Use them only when
/// the training data spans at least two years, so that a season is seen twice and is not
/// confused with a trend; otherwise set the order to 0 and the columns are absent (not zero).
///
/// Column order: the intercept (column 0), 6 weekday dummies, `2 × fourierOrder` yearly terms
/// (sine then cosine for k = 1, then k = 2, …), then the 16 columns of
/// `FeatureColumn.trailing` — holidays, promotions, history; `recentExcessZeroShare` in place of
/// `recentZeroShare` with `excessZeroShare`; the last, `logLevel`, only with `logLevel` — and,
/// with `seriesProfiles`, the 3 of
/// `FeatureColumn.profiles` (then `yearOverYear` with `growthProfile`, `credibleMonthShift`
/// with `levelCredibility` and `levelPromotionShare` with `levelPromotions`), `levelBelowFloor`
/// with `levelBelowFloor` (any grain), `credibleSeasonStep` with `seasonStep`, two per holiday
/// name of `holidayNames`, and one column per external regressor of `regressors`. That is 23
/// columns without yearly terms, profiles, named holidays or regressors, 29 with three pairs.
public struct FeatureLayout: Sendable, Equatable, Codable {
  /// h ≥ 1: the number of days between a row's cut-off and its target day.
  public var horizonDays: Int
  /// K ≥ 0 yearly Fourier pairs; 0 when the training data spans less than two years.
  public var fourierOrder: Int
  /// Days in the window that defines the series level (ending at the cut-off).
  public var levelWindowDays: Int
  /// Uncensored days the level window needs for a row to exist; fewer and the row is
  /// unavailable (a NaN fitted value, no training row).
  public var minimumHistoryDays: Int
  /// The smallest scale, in units per day: a series that sold less than this per day is scaled
  /// as if it had sold this much, so its features and weights stay bounded.
  public var levelFloor: Double
  /// Whether the per-series profile columns (`FeatureColumn.profiles`: the series' own weekday
  /// shape and last year's season) follow the history columns. Layouts saved before they
  /// existed read as `false`.
  public var seriesProfiles: Bool
  /// Whether the growth column (`FeatureColumn.yearOverYear`) follows the profile columns
  /// (daily layouts with `seriesProfiles` only). Layouts saved before it existed read as
  /// `false`.
  public var growthProfile: Bool = false
  /// Whether the growth column is weighed by its own credibility (`FeatureColumn.yearOverYear`:
  /// a growth within its noise counts for little), so that the fastest sellers' chance growths,
  /// which weigh the most in the fit, stop setting its coefficient (layouts with
  /// `growthProfile` only). Layouts saved before it existed read as `false`.
  public var credibleGrowth: Bool = false
  /// Whether the history block's zero-share column is `FeatureColumn.recentExcessZeroShare`
  /// (the recent zero share less the level window's) rather than `.recentZeroShare`. Layouts
  /// saved before it existed read as `false`, so their coefficients keep their meaning.
  public var excessZeroShare: Bool = false
  /// Whether the credibility-weighted shift column (`FeatureColumn.credibleMonthShift`)
  /// follows the growth column (daily layouts with `seriesProfiles` only). Layouts saved
  /// before it existed read as `false`.
  public var levelCredibility: Bool = false
  /// Whether the level's promotion share (`FeatureColumn.levelPromotionShare`) follows the
  /// credibility column (daily layouts with `seriesProfiles` only). Layouts saved before it
  /// existed read as `false`.
  public var levelPromotions: Bool = false
  /// Whether the level-below-floor column (`FeatureColumn.levelBelowFloor`) follows the
  /// promotion share (any grain). Layouts saved before it existed read as `false`.
  public var levelBelowFloor: Bool = false
  /// Whether the credible season step (`FeatureColumn.credibleSeasonStep`) follows the
  /// level-below-floor column (daily layouts with `seriesProfiles` only). Layouts saved before
  /// it existed read as `false`.
  public var seasonStep: Bool = false
  /// Whether `credibleMonthShift` and `credibleSeasonStep` are multiplied by the series'
  /// weekday index for the target's weekday (its mean on that weekday over the last 52 weeks
  /// over its level; 1 with fewer than 4 of them), so that a move of the level is shared out
  /// as the week is: a Saturday that sells 1.5 × the average day gets 1.5 × the move (daily
  /// layouts with `seriesProfiles` only). Layouts saved before it existed read as `false`.
  public var weekdayShapedShifts: Bool = false
  /// Whether `credibleMonthShift` reads the 28 days' mean over their days without a promotion
  /// (when 7 of them are usable), so that a promotion in the last four weeks is not taken for
  /// a move of the level (daily layouts with `levelCredibility` only). Layouts saved before it
  /// existed read as `false`.
  public var plainMonthShift: Bool = false
  /// Whether the trailing block ends with `FeatureColumn.logLevel`, the scale's logarithm
  /// (the initialiser's default, and what layouts saved before the flag existed read as). The
  /// trainer's layouts leave it out (`RidgeSettings.logLevel`): its one coefficient, fitted on
  /// rows weighted by their scale, is set by a category's fastest sellers and was extrapolated
  /// linearly to items a thousand times slower (docs/forecasting.md, "No size column").
  public var logLevel: Bool = true
  /// The calendar's holiday names with columns of their own (`FeatureColumn.namedHoliday` and
  /// `.holidayRunUp`, two per name, in this order, after the profile and growth columns).
  /// Layouts saved before they existed read as none.
  public var holidayNames: [String] = []
  /// The chain's external regressors, one column each after every other column, in this order
  /// (see `FeatureColumn.external`). Layouts saved before they existed read as none.
  public var regressors: [ExternalRegressor]
  /// The length of a period: at daily grain every "day" above is a day; at weekly grain it is a
  /// week (the series' positions are week numbers, `Grain.period(of:)`), and the calendar block
  /// changes: no weekday dummies, yearly terms of the week number over 52.18 weeks, holiday
  /// flags for holiday weeks (a holiday falls in the week), and the same-weekday lags become
  /// same-week-of-year lags (52, 104, … weeks back). Layouts saved without it are daily.
  public var grain: Grain = .daily

  /// A layout for horizon `horizonDays`.
  ///
  /// - Precondition: `horizonDays ≥ 1`, `fourierOrder ≥ 0`, `levelWindowDays ≥ 28`,
  ///   `1 ≤ minimumHistoryDays ≤ levelWindowDays` and `levelFloor > 0`.
  public init(
    horizonDays: Int, fourierOrder: Int = 0, levelWindowDays: Int = 364,
    minimumHistoryDays: Int = 28, levelFloor: Double = 0.1, seriesProfiles: Bool = false,
    regressors: [ExternalRegressor] = [], holidayNames: [String] = [],
    growthProfile: Bool = false, excessZeroShare: Bool = false, levelCredibility: Bool = false,
    levelPromotions: Bool = false, levelBelowFloor: Bool = false, seasonStep: Bool = false,
    weekdayShapedShifts: Bool = false, plainMonthShift: Bool = false, logLevel: Bool = true,
    credibleGrowth: Bool = false
  ) {
    precondition(horizonDays >= 1, "the horizon is at least one day, got \(horizonDays)")
    precondition(fourierOrder >= 0, "the Fourier order is at least 0, got \(fourierOrder)")
    precondition(levelWindowDays >= 13, "the level window covers at least 13 periods")
    precondition(
      minimumHistoryDays >= 1 && minimumHistoryDays <= levelWindowDays,
      "the minimum history lies in 1...\(levelWindowDays), got \(minimumHistoryDays)")
    precondition(levelFloor > 0 && levelFloor.isFinite, "the level floor is positive")
    self.horizonDays = horizonDays
    self.fourierOrder = fourierOrder
    self.levelWindowDays = levelWindowDays
    self.minimumHistoryDays = minimumHistoryDays
    self.levelFloor = levelFloor
    self.seriesProfiles = seriesProfiles
    self.regressors = regressors
    self.holidayNames = holidayNames
    self.growthProfile = growthProfile && seriesProfiles
    self.excessZeroShare = excessZeroShare
    self.levelCredibility = levelCredibility && seriesProfiles
    self.levelPromotions = levelPromotions && seriesProfiles
    self.levelBelowFloor = levelBelowFloor
    self.seasonStep = seasonStep && seriesProfiles
    self.weekdayShapedShifts = weekdayShapedShifts && seriesProfiles
    self.plainMonthShift = plainMonthShift && self.levelCredibility
    self.logLevel = logLevel
    self.credibleGrowth = credibleGrowth && self.growthProfile
  }

  /// This layout at `grain`. Weekly layouts have no profile columns (their weekday shape has no
  /// meaning there; the same-week-of-year lags carry last year's season).
  public func at(_ grain: Grain) -> FeatureLayout {
    var layout = self
    layout.grain = grain
    if grain != .daily {
      layout.seriesProfiles = false
      layout.growthProfile = false
      layout.credibleGrowth = false
      layout.levelCredibility = false
      layout.levelPromotions = false
      layout.seasonStep = false
      layout.weekdayShapedShifts = false
      layout.plainMonthShift = false
    }
    return layout
  }

  /// Whether rows read the running totals of squared values (`SeriesFeatureBuilder.squares`):
  /// the credibility of the shift, of the season step or of the growth.
  var readsSquares: Bool { levelCredibility || seasonStep || credibleGrowth }

  /// Weekday dummies in the calendar block: 6 at daily grain, none at weekly.
  var weekdayColumns: Int { grain == .daily ? 6 : 0 }

  /// The short history window (`recentMean`, `recentCensoredShare`): 7 days, or 4 weeks.
  var recentPeriods: Int { grain == .daily ? 7 : 4 }

  /// The longer history window (`monthMean`, `recentZeroShare`): 28 days, or 13 weeks.
  var longerPeriods: Int { grain == .daily ? 28 : 13 }

  /// The periods before a holiday its run-up column marks: 3 days, or 1 week.
  var runUpPeriods: Int { grain == .daily ? 3 : 1 }

  /// The seasonal cycle the same-period lags step by, in periods: 7 days, or 52 weeks.
  var cyclePeriods: Int { grain == .daily ? 7 : 52 }

  /// The columns in the order rows are written.
  public var columns: [FeatureColumn] {
    var result: [FeatureColumn] = [.intercept]
    if weekdayColumns > 0 { result += (1...weekdayColumns).map { FeatureColumn.weekday($0) } }
    for order in stride(from: 1, through: fourierOrder, by: 1) {
      result += [.yearlySine(order), .yearlyCosine(order)]
    }
    let trailing = FeatureColumn.trailing.compactMap { column -> FeatureColumn? in
      if column == .logLevel && !logLevel { return nil }
      return column == .recentZeroShare && excessZeroShare ? .recentExcessZeroShare : column
    }
    return result + trailing + (seriesProfiles ? FeatureColumn.profiles : [])
      + (growthProfile ? [FeatureColumn.yearOverYear] : [])
      + (levelCredibility ? [FeatureColumn.credibleMonthShift] : [])
      + (levelPromotions ? [FeatureColumn.levelPromotionShare] : [])
      + (levelBelowFloor ? [FeatureColumn.levelBelowFloor] : [])
      + (seasonStep ? [FeatureColumn.credibleSeasonStep] : [])
      + holidayNames.flatMap { [FeatureColumn.namedHoliday($0), .holidayRunUp($0)] }
      + regressors.map { FeatureColumn.external($0) }
  }

  /// The number of columns, p.
  public var count: Int { namedHolidayColumns.upperBound + regressors.count }

  /// The positions of the named holidays' columns (`namedHoliday` and `holidayRunUp`, two per
  /// name): indicators, each 1 on a few days a year and 0 on all others, which row blocks keep
  /// as nonzero entries instead of dense values. Empty without names.
  public var namedHolidayColumns: Range<Int> {
    let first =
      trailingStart + FeatureColumn.trailing.count - (logLevel ? 0 : 1)
      + (seriesProfiles ? FeatureColumn.profiles.count : 0) + (growthProfile ? 1 : 0)
      + (levelCredibility ? 1 : 0) + (levelPromotions ? 1 : 0) + (levelBelowFloor ? 1 : 0)
      + (seasonStep ? 1 : 0)
    return first..<(first + 2 * holidayNames.count)
  }

  /// The column names, in order.
  public var names: [String] {
    grain == .daily ? columns.map(\.name) : columns.map { $0.weeklyName ?? $0.name }
  }

  /// The position of `column`, or `nil` when this layout lacks it (yearly terms of order above
  /// `fourierOrder`).
  public func index(of column: FeatureColumn) -> Int? {
    columns.firstIndex(of: column)
  }

  /// The first column after the yearly terms.
  var trailingStart: Int { 1 + weekdayColumns + 2 * fourierOrder }

  /// How far before the first cut-off the history must be loaded: the level window, the 28-day
  /// windows, and with profiles the 52 weeks of weekdays and the 35 days around a year before
  /// the target (which reach 381 days before a target, so 382 before any cut-off).
  /// At weekly grain, the same-week-of-year lags reach 4 × 52 weeks before a cut-off.
  var historyReachDays: Int {
    max(
      levelWindowDays, 28, seriesProfiles ? 382 : 0, growthProfile ? 364 + 91 : 0,
      seasonStep ? 364 + 28 : 0,
      grain == .daily ? 0 : 4 * cyclePeriods)
  }
}
