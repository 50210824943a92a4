/// What the drift tests of one segment compare: the segment's reference-window and
/// recent-window samples of every feature, accumulated series by series.
public struct SegmentSample: Sendable, Equatable {
  /// `chain`, `region=<name>` or `category=<name>` (``DriftSegment``).
  public var segment: String
  /// Level scores zᵢₖ of the reference blocks of the segment's scored series
  /// (``LevelShiftScorer``).
  public var levelReference: [Double] = []
  /// Level scores zᵢ of the recent block of the segment's scored series, one per series.
  public var levelRecent: [Double] = []
  /// Units sold on uncensored days in the reference window, by weekday (Monday first).
  public var weekdayReference = [Double](repeating: 0, count: 7)
  /// Units sold on uncensored days in the recent window, by weekday (Monday first).
  public var weekdayRecent = [Double](repeating: 0, count: 7)
  /// Store/SKU/days in the reference window by offered price ÷ list price (1 = full price).
  public var priceReference: [Double: Int] = [:]
  /// Store/SKU/days in the recent window by offered price ÷ list price.
  public var priceRecent: [Double: Int] = [:]

  public init(segment: String) { self.segment = segment }

  /// Number of series whose level was scored.
  public var scoredSeries: Int { levelRecent.count }

  /// Adds series `i`'s level scores when it was scored; does nothing otherwise.
  public mutating func addLevel(_ scores: LevelShiftScorer.Scores, series i: Int) {
    guard scores.isScored(i) else { return }
    levelRecent.append(scores.recent[i])
    let start = i * scores.referenceBlockCount
    for z in scores.reference[start..<start + scores.referenceBlockCount] where !z.isNaN {
      levelReference.append(z)
    }
  }

  /// Adds units sold by weekday (Monday first) in either window.
  public mutating func addWeekdayUnits(_ units: [Double], recent: Bool) {
    precondition(units.count == 7, "weekday units come Monday to Sunday")
    for day in 0..<7 {
      if recent { weekdayRecent[day] += units[day] } else { weekdayReference[day] += units[day] }
    }
  }

  /// Adds `days` store/SKU/days offered at `relativePrice` × list price in either window.
  public mutating func addPriceDays(relativePrice: Double, days: Int, recent: Bool) {
    guard days > 0 else { return }
    if recent {
      priceRecent[relativePrice, default: 0] += days
    } else {
      priceReference[relativePrice, default: 0] += days
    }
  }

  /// Adds everything in `other` (a sample of part of the same segment).
  public mutating func merge(_ other: SegmentSample) {
    levelReference.append(contentsOf: other.levelReference)
    levelRecent.append(contentsOf: other.levelRecent)
    addWeekdayUnits(other.weekdayReference, recent: false)
    addWeekdayUnits(other.weekdayRecent, recent: true)
    priceReference.merge(other.priceReference, uniquingKeysWith: +)
    priceRecent.merge(other.priceRecent, uniquingKeysWith: +)
  }
}
