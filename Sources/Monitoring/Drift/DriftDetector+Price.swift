extension DriftDetector {
  /// Lower edges of the relative-price bands of the price PSI, highest first: full price, up
  /// to 20 % off, more than 20 % off. Three broad bands, because a band the reference year
  /// never used (say 30–50 % off in a category of eight SKUs) turns one campaign into a PSI
  /// above 0.25 through the floor of the empty share.
  public static let priceBandFloors: [Double] = [1, 0.8, 0]

  /// The price and promotion-share findings, over store/SKU/days by offered price ÷ list price.
  ///
  /// A segment needs `minimumSeriesDays` store/SKU/days in the recent window. A day is on
  /// promotion when its relative price is below 1. The KS test uses the counts directly
  /// (``KolmogorovSmirnov/twoSample(countsA:countsB:method:)``).
  func priceFindings(_ sample: SegmentSample) -> [DriftFinding] {
    let recentDays = sample.priceRecent.values.reduce(0, +)
    let referenceDays = sample.priceReference.values.reduce(0, +)
    guard recentDays >= settings.minimumSeriesDays, referenceDays > 0 else { return [] }
    var findings: [DriftFinding] = []
    if let ks = try? KolmogorovSmirnov.twoSample(
      countsA: sample.priceReference, countsB: sample.priceRecent)
    {
      findings.append(
        DriftFinding(
          segment: sample.segment, feature: .price, test: .ks, statistic: ks.statistic,
          pValue: ks.pValue, threshold: settings.priceKSThreshold, alpha: settings.alpha))
    }
    if let psi = try? PopulationStability.index(
      expectedShares: Self.priceBandCounts(sample.priceReference),
      actualShares: Self.priceBandCounts(sample.priceRecent))
    {
      findings.append(
        DriftFinding(
          segment: sample.segment, feature: .price, test: .psi, statistic: psi.index,
          pValue: nil, threshold: settings.psiThreshold, alpha: settings.alpha))
    }
    let promotion = { (days: [Double: Int]) -> [Double] in
      let on = days.reduce(0) { $0 + ($1.key < 1 ? $1.value : 0) }
      let all = days.values.reduce(0, +)
      return [Double(on), Double(all - on)]
    }
    if let finding = mixFinding(
      segment: sample.segment, feature: .promotionShare,
      reference: promotion(sample.priceReference), recent: promotion(sample.priceRecent),
      threshold: settings.promotionShareThreshold)
    {
      findings.append(finding)
    }
    return findings
  }

  /// Store/SKU/days per band of ``priceBandFloors``: band j holds relative prices p with
  /// floor[j] ≤ p < floor[j − 1] (the first band p ≥ 1); prices below 0 fall in the last.
  static func priceBandCounts(_ days: [Double: Int]) -> [Double] {
    var counts = [Double](repeating: 0, count: priceBandFloors.count)
    for (price, count) in days {
      let band = priceBandFloors.firstIndex { price >= $0 } ?? priceBandFloors.count - 1
      counts[band] += Double(count)
    }
    return counts
  }
}
