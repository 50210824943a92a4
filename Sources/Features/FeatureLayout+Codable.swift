import DemandCore

extension FeatureLayout {
  enum CodingKeys: String, CodingKey {
    case horizonDays, fourierOrder, levelWindowDays, minimumHistoryDays, levelFloor
    case seriesProfiles, regressors, grain, holidayNames, growthProfile, excessZeroShare
    case levelCredibility, levelPromotions, levelBelowFloor, seasonStep, weekdayShapedShifts
    case plainMonthShift, logLevel, credibleGrowth
  }

  /// Reads layouts saved by any version: those saved before the profile columns or the
  /// regressors existed have none, so their coefficients keep matching their columns.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      horizonDays: try container.decode(Int.self, forKey: .horizonDays),
      fourierOrder: try container.decode(Int.self, forKey: .fourierOrder),
      levelWindowDays: try container.decode(Int.self, forKey: .levelWindowDays),
      minimumHistoryDays: try container.decode(Int.self, forKey: .minimumHistoryDays),
      levelFloor: try container.decode(Double.self, forKey: .levelFloor),
      seriesProfiles: try container.decodeIfPresent(Bool.self, forKey: .seriesProfiles) ?? false,
      regressors: try container.decodeIfPresent([ExternalRegressor].self, forKey: .regressors)
        ?? [],
      holidayNames: try container.decodeIfPresent([String].self, forKey: .holidayNames) ?? [],
      growthProfile: try container.decodeIfPresent(Bool.self, forKey: .growthProfile) ?? false,
      excessZeroShare: try container.decodeIfPresent(Bool.self, forKey: .excessZeroShare)
        ?? false,
      levelCredibility: try container.decodeIfPresent(Bool.self, forKey: .levelCredibility)
        ?? false,
      levelPromotions: try container.decodeIfPresent(Bool.self, forKey: .levelPromotions)
        ?? false,
      levelBelowFloor: try container.decodeIfPresent(Bool.self, forKey: .levelBelowFloor)
        ?? false,
      seasonStep: try container.decodeIfPresent(Bool.self, forKey: .seasonStep) ?? false,
      weekdayShapedShifts: try container.decodeIfPresent(
        Bool.self, forKey: .weekdayShapedShifts) ?? false,
      plainMonthShift: try container.decodeIfPresent(Bool.self, forKey: .plainMonthShift)
        ?? false,
      logLevel: try container.decodeIfPresent(Bool.self, forKey: .logLevel) ?? true,
      credibleGrowth: try container.decodeIfPresent(Bool.self, forKey: .credibleGrowth) ?? false)
    grain = try container.decodeIfPresent(Grain.self, forKey: .grain) ?? .daily
  }

  /// Writes the layout; regressors and holiday names only when there are some, each column flag
  /// (growth, excess zeros, credibility, level promotions, level below the floor, season step,
  /// weekday-shaped shifts, the plain month's shift, the growth's credibility) only when set,
  /// `logLevel` only when unset, and `grain` only when it is not daily, so layouts without them
  /// keep the bytes they had before.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(horizonDays, forKey: .horizonDays)
    try container.encode(fourierOrder, forKey: .fourierOrder)
    try container.encode(levelWindowDays, forKey: .levelWindowDays)
    try container.encode(minimumHistoryDays, forKey: .minimumHistoryDays)
    try container.encode(levelFloor, forKey: .levelFloor)
    try container.encode(seriesProfiles, forKey: .seriesProfiles)
    if !regressors.isEmpty { try container.encode(regressors, forKey: .regressors) }
    if grain != .daily { try container.encode(grain, forKey: .grain) }
    if !holidayNames.isEmpty { try container.encode(holidayNames, forKey: .holidayNames) }
    if growthProfile { try container.encode(growthProfile, forKey: .growthProfile) }
    if excessZeroShare { try container.encode(excessZeroShare, forKey: .excessZeroShare) }
    if levelCredibility { try container.encode(levelCredibility, forKey: .levelCredibility) }
    if levelPromotions { try container.encode(levelPromotions, forKey: .levelPromotions) }
    if levelBelowFloor { try container.encode(levelBelowFloor, forKey: .levelBelowFloor) }
    if seasonStep { try container.encode(seasonStep, forKey: .seasonStep) }
    if weekdayShapedShifts {
      try container.encode(weekdayShapedShifts, forKey: .weekdayShapedShifts)
    }
    if plainMonthShift { try container.encode(plainMonthShift, forKey: .plainMonthShift) }
    if !logLevel { try container.encode(logLevel, forKey: .logLevel) }
    if credibleGrowth { try container.encode(credibleGrowth, forKey: .credibleGrowth) }
  }
}
