/// The reference and recent distributions one drift finding compared, in fixed bins, for the
/// report's side-by-side charts (as Evidently's drift report draws them).
///
/// Built from the same ``SegmentSample`` the tests read, so the chart shows what was tested:
///
/// | feature | bins | counted |
/// |---|---|---|
/// | demand_level | \|z\| in 0–0.5, 0.5–1, 1–1.5, 1.5–2, 2–3, ≥ 3 (``levelEdges``) | series-weeks: the reference blocks and the recent block of the scored series |
/// | weekday_profile | Monday … Sunday | units sold on uncensored days |
/// | price | full price, up to 20 % off, more than 20 % off (``DriftDetector/priceBandFloors``) | store/SKU/days |
/// | promotion_share | on promotion, not on promotion | store/SKU/days |
///
/// The accuracy finding has no distribution (it compares two WAPEs).
public struct DriftDistribution: Sendable, Equatable {
  /// `chain`, `region=<name>` or `category=<name>` (``DriftSegment``).
  public var segment: String
  public var feature: DriftFinding.Feature
  /// What was counted in each bin, e.g. `store/SKU/days`.
  public var counted: String
  /// One label per bin, in order.
  public var bins: [String]
  /// Counts per bin in the reference window.
  public var reference: [Double]
  /// Counts per bin in the recent window.
  public var recent: [Double]

  public init(
    segment: String, feature: DriftFinding.Feature, counted: String, bins: [String],
    reference: [Double], recent: [Double]
  ) {
    precondition(
      bins.count == reference.count && bins.count == recent.count,
      "one reference and one recent count per bin")
    self.segment = segment
    self.feature = feature
    self.counted = counted
    self.bins = bins
    self.reference = reference
    self.recent = recent
  }

  /// Each reference count over their sum (zeros when the sum is 0).
  public var referenceShares: [Double] { Self.shares(reference) }
  /// Each recent count over their sum (zeros when the sum is 0).
  public var recentShares: [Double] { Self.shares(recent) }

  /// Lower edges of the |z| bins of the demand level; the last bin is open above.
  public static let levelEdges: [Double] = [0, 0.5, 1, 1.5, 2, 3]

  /// How many distributions a run hands the report at most.
  public static let maximumCount = 8

  /// The distribution behind `feature`'s tests in `sample`; `nil` for accuracy.
  public static func of(_ sample: SegmentSample, feature: DriftFinding.Feature)
    -> DriftDistribution?
  {
    let segment = sample.segment
    switch feature {
    case .demandLevel:
      let edges = levelEdges
      let bins = edges.indices.map { index in
        index + 1 < edges.count
          ? "\(label(edges[index]))–\(label(edges[index + 1]))" : "≥ \(label(edges[index]))"
      }
      return DriftDistribution(
        segment: segment, feature: feature, counted: "series-weeks by |z|", bins: bins,
        reference: levelCounts(sample.levelReference), recent: levelCounts(sample.levelRecent))
    case .weekdayProfile:
      return DriftDistribution(
        segment: segment, feature: feature, counted: "units sold",
        bins: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        reference: sample.weekdayReference, recent: sample.weekdayRecent)
    case .price:
      return DriftDistribution(
        segment: segment, feature: feature, counted: "store/SKU/days",
        bins: ["full price", "up to 20 % off", "over 20 % off"],
        reference: DriftDetector.priceBandCounts(sample.priceReference),
        recent: DriftDetector.priceBandCounts(sample.priceRecent))
    case .promotionShare:
      let split = { (days: [Double: Int]) -> [Double] in
        let on = days.reduce(0) { $0 + ($1.key < 1 ? $1.value : 0) }
        return [Double(on), Double(days.values.reduce(0, +) - on)]
      }
      return DriftDistribution(
        segment: segment, feature: feature, counted: "store/SKU/days",
        bins: ["on promotion", "not on promotion"], reference: split(sample.priceReference),
        recent: split(sample.priceRecent))
    case .accuracy:
      return nil
    }
  }

  /// The distributions of the drifted findings of `samples`, one per segment and feature, in
  /// the findings' order, at most `maximumCount`.
  public static func ofDrifted(_ findings: [DriftFinding], samples: [SegmentSample])
    -> [DriftDistribution]
  {
    let bySegment = Dictionary(
      samples.map { ($0.segment, $0) }, uniquingKeysWith: { first, _ in first })
    var seen = Set<String>()
    var result: [DriftDistribution] = []
    for finding in findings where finding.drifted && result.count < maximumCount {
      guard seen.insert(finding.segment + "\u{1F}" + finding.feature.rawValue).inserted,
        let sample = bySegment[finding.segment],
        let distribution = of(sample, feature: finding.feature)
      else { continue }
      result.append(distribution)
    }
    return result
  }

  /// Counts of |z| per bin of `levelEdges`.
  static func levelCounts(_ scores: [Double]) -> [Double] {
    var counts = [Double](repeating: 0, count: levelEdges.count)
    for z in scores where !z.isNaN {
      let magnitude = z.magnitude
      let bin = levelEdges.lastIndex { magnitude >= $0 } ?? 0
      counts[bin] += 1
    }
    return counts
  }

  static func shares(_ counts: [Double]) -> [Double] {
    let total = counts.reduce(0, +)
    return counts.map { total > 0 ? $0 / total : 0 }
  }

  /// `0.5`, `1`, `1.5`: an edge without trailing zeros.
  static func label(_ edge: Double) -> String {
    edge == edge.rounded() ? String(Int(edge)) : String(edge)
  }
}
