/// One column of the design matrix a global regression reads for a target day.
///
/// Columns come in three kinds:
/// - **calendar** columns, functions of the target day alone (weekday, season, holidays);
/// - **promotion** columns, read from the planned promotions of the series, which are known in the
///   future too;
/// - **history** columns, read from the series' demand at or before the cut-off day
///   `t − h` (h = the layout's horizon), each divided by the series level so that one set of
///   coefficients fits series of every size. They never read a day after the cut-off.
///
/// The exact definitions are on each case; `FeatureLayout` fixes their order.
public enum FeatureColumn: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The constant 1. Always column 0 of a layout.
  case intercept
  /// 1 on weekday `index` (1 = Tuesday … 6 = Sunday, ISO order), else 0. Monday is the baseline
  /// and has no column, so the dummies are not collinear with the intercept.
  case weekday(Int)
  /// `sin(2π k · dayOfYear / 365.25)` for order k ≥ 1 (yearly seasonality, *FPP3* §7.4).
  case yearlySine(Int)
  /// `cos(2π k · dayOfYear / 365.25)` for order k ≥ 1.
  case yearlyCosine(Int)
  /// 1 when the target day is a holiday of the calendar.
  case holiday
  /// 1 when the day after the target day is a holiday (shopping before it).
  case dayBeforeHoliday
  /// 1 when the day before the target day is a holiday.
  case dayAfterHoliday
  /// 1 when a promotion runs on the target day.
  case promotion
  /// The discount fraction on the target day (0.3 = 30 % off), 0 without a promotion, read as at
  /// most 0.95.
  case discount
  /// `log(1 − discount)`: the log of the price paid relative to the list price (≤ 0). The
  /// relative price `1 − discount` itself would be collinear with the intercept and `discount`;
  /// its logarithm carries a constant price elasticity instead.
  case logRelativePrice
  /// 1 when no promotion runs on the target day but one ran on any of the 7 days before it
  /// (the dip after a promotion, as customers have stocked up).
  case afterPromotion
  /// The fraction of the 7 days ending at the cut-off `t − h` on which a promotion ran: tells
  /// the model how much the recent means were inflated by promotions.
  case recentPromotionShare
  /// Mean of the uncensored days among the 7 ending at the cut-off, divided by the level.
  case recentMean
  /// Mean of the uncensored days among the 28 ending at the cut-off, divided by the level.
  case monthMean
  /// The most recent uncensored value on the target's weekday at or before the cut-off (looking
  /// at most 4 weeks back from the first such day), divided by the level.
  case sameWeekdayLast
  /// Mean of the uncensored values among those same 4 weekdays, divided by the level.
  case sameWeekdayMean
  /// 1 when any of the three windows above had no uncensored day; each such feature then holds
  /// the level divided by the scale (1 unless the level is below the floor).
  case lagFallback
  /// Fraction of zeros among the uncensored days of the 28 ending at the cut-off (0 when none
  /// is uncensored): how intermittent the series is. Layouts saved before
  /// `recentExcessZeroShare` have it in that column's place.
  case recentZeroShare
  /// `recentZeroShare` minus the fraction of zeros among the uncensored days of the level
  /// window (0 when either has none): how much more often the series sold nothing lately than
  /// it usually does, in [−1, 1]. A slow mover's usual zeros are already in its level, so only
  /// the excess, as when a fast mover goes off the shelf, tells the regression something.
  case recentExcessZeroShare
  /// Fraction of censored (stock-out) days among the 7 ending at the cut-off, counting only
  /// days the series covers.
  case recentCensoredShare
  /// The natural log of the scale (the level, floored), in log units per day; only in layouts
  /// with `FeatureLayout.logLevel` (fits saved before 2026-12-07; the trainer's layouts leave
  /// it out).
  case logLevel
  /// The series' own weekday shape: the mean of the uncensored values on the target's weekday
  /// over the 52 such days at or before the cut-off, divided by the scale (the level holds a
  /// ratio of about 1 when there are fewer than 4 such days). Its coefficient, fitted across the
  /// category, shrinks each series' noisy shape toward the category's weekday dummies.
  case weekdayIndex
  /// The series' own season: the mean of the uncensored values over the 35 days centred on the
  /// target day one year (364 days, whole weeks) earlier, divided by the scale (like
  /// `weekdayIndex` when fewer than 14 of those days are uncensored).
  case lastYearMean
  /// 1 when `lastYearMean` had fewer than 14 uncensored days (a series younger than a year).
  case lastYearMissing
  /// The series' growth over a year, free of the season: the log of the mean of the
  /// uncensored days among the 91 ending at the cut-off over the mean of those among the 91
  /// ending 364 days earlier (each mean plus the level floor, so slow sellers stay finite),
  /// clipped to ±log 4; 0 when either window has fewer than 28 uncensored days. The level (a
  /// 364-day mean) lags a trend by about half a year; this tells the regression how far. With
  /// `FeatureLayout.credibleGrowth` the log ratio g is weighed by Z = max(0, 1 − v / g²), v
  /// its variance by the delta method (each window's daily variance over its days and its
  /// squared mean): a growth within its noise counts for little.
  case yearOverYear
  /// How far the last 28 days' mean stands from the level, `(month − level) / scale`, times
  /// the credibility Z of a 28-day mean as a measure of the series' current level (Bühlmann):
  /// Z = τ² / (τ² + σ² / 28), with σ² the variance of the days within the 13 blocks of 28 days
  /// of the level window and τ² the variance of the blocks' true means (the blocks' mean
  /// square less σ² / 28, at least 0). A steady series' 28-day means differ by noise (Z near
  /// 0); a seasonal, growing or shifted one's by real moves (Z near 1). 0 when the window has
  /// fewer than 4 blocks with 7 usable days. With `FeatureLayout.plainMonthShift` the 28 days'
  /// mean is over their days without a promotion (when at least 7 are usable).
  case credibleMonthShift
  /// The share of the level window's days (those the series covers, up to the cut-off) on
  /// which a promotion ran: how much the level is inflated by past promotions, so that an
  /// often-promoted item's plain days are not forecast at its promoted average.
  case levelPromotionShare
  /// How far the series' level lies below the level floor, as a share of the floor:
  /// `level / scale − 1`, 0 for every series selling at least `levelFloor` a period and down
  /// to −1 for one that sold almost nothing. The scale stops at the floor, so
  /// without it a series selling 0.04 a day would be forecast as one selling 0.1.
  case levelBelowFloor
  /// How the season moved a year before, from the cut-off's month to the target:
  /// `(last year's 35 days around the target − the 28 days ending a year before the cut-off)
  /// / scale`, times the credibility Z of `credibleMonthShift`. With that column it carries a
  /// seasonal item from its current month to the target's (a winter item in November rises
  /// into December as it did a year before); a steady series' Z near 0 keeps last year's noise
  /// out. 0 when either window has fewer than 14 usable days.
  case credibleSeasonStep
  /// 1 when the target day is the calendar's holiday of this name (at weekly grain: the
  /// week holds it). Beside `holiday`, which every holiday shares, it carries what is
  /// particular to one holiday (shops closed on one, a rush on another); the ridge shrinks it
  /// toward the shared effect.
  case namedHoliday(String)
  /// 1 when the holiday of this name falls on one of the `FeatureLayout.runUpPeriods` days
  /// after the target day (3 days, or the next week at weekly grain): the stocking-up before
  /// it.
  case holidayRunUp(String)
  /// An external regressor of the chain's covariates file: its value on the target day when it
  /// is known in advance, else its last value at or before the cut-off (see
  /// `ExternalRegressor`). Not divided by the scale: its coefficient is a multiplicative effect.
  case external(ExternalRegressor)

  /// The column's name in reports and in a fitted model's `featureNames`.
  public var name: String {
    switch self {
    case .intercept: return "intercept"
    case .weekday(let index): return "weekday_\(FeatureColumn.weekdayNames[index])"
    case .yearlySine(let order): return "yearly_sin_\(order)"
    case .yearlyCosine(let order): return "yearly_cos_\(order)"
    case .holiday: return "holiday"
    case .dayBeforeHoliday: return "day_before_holiday"
    case .dayAfterHoliday: return "day_after_holiday"
    case .promotion: return "promotion"
    case .discount: return "discount"
    case .logRelativePrice: return "log_relative_price"
    case .afterPromotion: return "after_promotion"
    case .recentPromotionShare: return "recent_promotion_share"
    case .recentMean: return "recent_mean_7"
    case .monthMean: return "recent_mean_28"
    case .sameWeekdayLast: return "same_weekday_last"
    case .sameWeekdayMean: return "same_weekday_mean_4"
    case .lagFallback: return "lag_fallback"
    case .recentZeroShare: return "recent_zero_share_28"
    case .recentExcessZeroShare: return "recent_excess_zeros_28"
    case .recentCensoredShare: return "recent_censored_share_7"
    case .logLevel: return "log_level"
    case .weekdayIndex: return "weekday_index_52w"
    case .lastYearMean: return "last_year_mean_35"
    case .lastYearMissing: return "last_year_missing"
    case .yearOverYear: return "year_over_year_91"
    case .credibleMonthShift: return "credible_shift_28"
    case .levelPromotionShare: return "level_promotion_share"
    case .levelBelowFloor: return "level_below_floor"
    case .credibleSeasonStep: return "credible_season_step"
    case .namedHoliday(let name): return "holiday[\(name)]"
    case .holidayRunUp(let name): return "run_up[\(name)]"
    case .external(let regressor): return regressor.columnName
    }
  }

  public var description: String { name }

  /// The sign the column's coefficient must have, or `nil` when either may be fitted. A
  /// coefficient of the wrong sign is set to 0 and the rest refitted without it
  /// (`RidgeAccumulator.fit`): a promotion, and a deeper discount, never lower the forecast
  /// (`promotion`, `discount` ≥ 0, `logRelativePrice` ≤ 0). The three are nearly collinear,
  /// so a category whose promotions are few or alike (one item on promotion every day) could
  /// share their effect out with opposite signs, and a depth deeper than any seen then summed
  /// to a fall: a planned 50 % off was forecast at 0 in such a category.
  ///
  /// Tried and not kept (2026-12-07): `credibleMonthShift` and `credibleSeasonStep` ≥ 0 too.
  /// They stopped a single shifted series among steady ones from being forecast at 0, but
  /// moved the independent chain's winter items further below their truth (forecast / truth
  /// 0.876 → 0.863 and 0.795 → 0.784 on seeds 5 and 7).
  public var requiredSign: Double? {
    switch self {
    case .promotion, .discount: return 1
    case .logRelativePrice: return -1
    default: return nil
    }
  }

  /// The name at weekly grain where the column means something else there (its windows count
  /// weeks, its lags step by years), or `nil` when it is the daily name.
  public var weeklyName: String? {
    switch self {
    case .recentMean: return "recent_mean_4w"
    case .monthMean: return "recent_mean_13w"
    case .sameWeekdayLast: return "same_week_last_year"
    case .sameWeekdayMean: return "same_week_mean_4y"
    case .recentZeroShare: return "recent_zero_share_13w"
    case .recentExcessZeroShare: return "recent_excess_zeros_13w"
    case .recentCensoredShare: return "recent_censored_share_4w"
    case .dayBeforeHoliday: return "week_before_holiday"
    case .dayAfterHoliday: return "week_after_holiday"
    default: return nil
    }
  }

  static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// The per-series profile columns, after `trailing`, in layouts with `seriesProfiles`.
  static let profiles: [FeatureColumn] = [.weekdayIndex, .lastYearMean, .lastYearMissing]

  /// The columns after the calendar block, in the order every layout writes them.
  static let trailing: [FeatureColumn] = [
    .holiday, .dayBeforeHoliday, .dayAfterHoliday,
    .promotion, .discount, .logRelativePrice, .afterPromotion, .recentPromotionShare,
    .recentMean, .monthMean, .sameWeekdayLast, .sameWeekdayMean, .lagFallback,
    .recentZeroShare, .recentCensoredShare, .logLevel,
  ]
}
