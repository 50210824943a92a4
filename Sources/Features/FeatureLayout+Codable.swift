extension FeatureLayout {
  enum CodingKeys: String, CodingKey {
    case horizonDays, fourierOrder, levelWindowDays, minimumHistoryDays, levelFloor
    case seriesProfiles
  }

  /// Reads layouts saved by any version: those saved before the profile columns existed have
  /// none (`seriesProfiles` false), so their coefficients keep matching their columns.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      horizonDays: try container.decode(Int.self, forKey: .horizonDays),
      fourierOrder: try container.decode(Int.self, forKey: .fourierOrder),
      levelWindowDays: try container.decode(Int.self, forKey: .levelWindowDays),
      minimumHistoryDays: try container.decode(Int.self, forKey: .minimumHistoryDays),
      levelFloor: try container.decode(Double.self, forKey: .levelFloor),
      seriesProfiles: try container.decodeIfPresent(Bool.self, forKey: .seriesProfiles) ?? false)
  }
}
