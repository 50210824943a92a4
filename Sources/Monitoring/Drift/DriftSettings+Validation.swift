extension DriftSettings {
  /// Checks every value; the error names the setting as a configuration file spells it.
  /// - Throws: `DriftSettingsError.outOfRange` for the first value out of its range.
  public func validate() throws(DriftSettingsError) {
    func check(_ ok: Bool, _ key: CodingKeys, _ value: Any, _ expected: String)
      throws(DriftSettingsError)
    {
      guard ok else {
        throw .outOfRange(setting: key.rawValue, value: "\(value)", expected: expected)
      }
    }
    try check((7...366).contains(recentDays), .recentDays, recentDays, "7 … 366 days")
    try check(
      (1...recentDays).contains(levelBlockDays), .levelBlockDays, levelBlockDays,
      "1 … recent_days (\(recentDays)) days")
    try check(
      referenceDays >= 4 * levelBlockDays && referenceDays <= 3_660
        && referenceDays % levelBlockDays == 0,
      .referenceDays, referenceDays,
      "a multiple of level_block_days (\(levelBlockDays)) from 4 blocks to 3,660 days")
    try check(alpha > 0 && alpha < 1, .alpha, alpha, "between 0 and 1, e.g. 0.001")
    try check(
      levelKSThreshold > 0 && levelKSThreshold <= 1, .levelKSThreshold, levelKSThreshold,
      "above 0 and at most 1")
    try check(levelBand > 2 && levelBand.isFinite, .levelBand, levelBand, "above 2, e.g. 3")
    for (key, value) in [
      (CodingKeys.levelBandThreshold, levelBandThreshold), (.weekdayThreshold, weekdayThreshold),
      (.promotionShareThreshold, promotionShareThreshold),
    ] {
      try check(value > 0 && value.isFinite, key, value, "above 0 (a Cramér's V)")
    }
    try check(
      priceKSThreshold > 0 && priceKSThreshold <= 1, .priceKSThreshold, priceKSThreshold,
      "above 0 and at most 1")
    try check(psiThreshold > 0 && psiThreshold.isFinite, .psiThreshold, psiThreshold, "above 0")
    try check(
      wapeTolerance >= 0 && wapeTolerance.isFinite, .wapeTolerance, wapeTolerance,
      "at least 0, e.g. 0.1 for 10 %")
    try check(
      seriesScoreThreshold > 0 && seriesScoreThreshold.isFinite, .seriesScoreThreshold,
      seriesScoreThreshold, "above 0")
    try check(
      minimumUnitsPerBlock > 0 && minimumUnitsPerBlock.isFinite, .minimumUnitsPerBlock,
      minimumUnitsPerBlock, "above 0 units")
    try check(minimumPeerSeries >= 1, .minimumPeerSeries, minimumPeerSeries, "at least 1")
    try check(minimumSeries >= 2, .minimumSeries, minimumSeries, "at least 2")
    try check(
      minimumUnits >= 0 && minimumUnits.isFinite, .minimumUnits, minimumUnits, "at least 0")
    try check(minimumSeriesDays >= 1, .minimumSeriesDays, minimumSeriesDays, "at least 1")
  }
}

/// A drift setting out of range, named by its configuration key.
public enum DriftSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
  case outOfRange(setting: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .outOfRange(let setting, let value, let expected):
      return "drift setting \(setting) is \(value); expected \(expected)."
    }
  }
}
