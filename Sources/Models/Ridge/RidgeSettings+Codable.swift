extension RidgeSettings {
  enum CodingKeys: String, CodingKey {
    case horizonDays, horizonBuckets, seriesProfiles, penalties, validationDays, yearlyTerms,
      fourierOrder
    case minimumHistoryDays, levelWindowDays, levelFloor, levelBucketEdges
    case maximumConditionNumber, blockRows
  }

  /// Reads settings saved by any version: those saved before horizon buckets existed describe
  /// one model for every step, so their `horizonBuckets` reads as empty, and those saved before
  /// the profile columns have none.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      horizonDays: try container.decode(Int.self, forKey: .horizonDays),
      horizonBuckets: try container.decodeIfPresent([Int].self, forKey: .horizonBuckets) ?? [],
      seriesProfiles: try container.decodeIfPresent(Bool.self, forKey: .seriesProfiles) ?? false,
      penalties: try container.decode([Double].self, forKey: .penalties),
      validationDays: try container.decode(Int.self, forKey: .validationDays),
      yearlyTerms: try container.decode(YearlyTerms.self, forKey: .yearlyTerms),
      fourierOrder: try container.decode(Int.self, forKey: .fourierOrder),
      minimumHistoryDays: try container.decode(Int.self, forKey: .minimumHistoryDays),
      levelWindowDays: try container.decode(Int.self, forKey: .levelWindowDays),
      levelFloor: try container.decode(Double.self, forKey: .levelFloor),
      levelBucketEdges: try container.decode([Double].self, forKey: .levelBucketEdges),
      maximumConditionNumber: try container.decode(Double.self, forKey: .maximumConditionNumber),
      blockRows: try container.decode(Int.self, forKey: .blockRows))
  }
}
