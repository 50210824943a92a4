/// Maps a data interval onto a pixel interval, linearly: `domain.lower` to `range.start` and
/// `domain.upper` to `range.end`.
///
/// The range may run backwards (a y axis goes from the bottom of the plot, the larger pixel
/// value, up to its top). A degenerate domain maps everything to the middle of the range.
public struct LinearScale: Sendable, Equatable {
  /// Data values at the two ends.
  public var domainLower: Double
  public var domainUpper: Double
  /// Pixels (SVG user units) at `domainLower` and `domainUpper`.
  public var rangeStart: Double
  public var rangeEnd: Double

  public init(domain: (lower: Double, upper: Double), range: (start: Double, end: Double)) {
    self.domainLower = domain.lower
    self.domainUpper = domain.upper
    self.rangeStart = range.start
    self.rangeEnd = range.end
  }

  /// The pixel position of `value`; values outside the domain map outside the range.
  public func callAsFunction(_ value: Double) -> Double {
    let span = domainUpper - domainLower
    guard span != 0 else { return (rangeStart + rangeEnd) / 2 }
    return rangeStart + (value - domainLower) / span * (rangeEnd - rangeStart)
  }
}
